-- The bureau's letterhead (红头), one row per region: 发文机关全称 and 简称, the 发文机关标志 printed
-- in red, the 发文字号 pattern of each kind of document ({year} and {n} are filled in), the 署名
-- and the contact line. A region without a row uses defaults drawn from its name.
CREATE TABLE bureau_profiles (
  region_id               text NOT NULL PRIMARY KEY,
  full_name               text NOT NULL,
  short_name              text NOT NULL,
  mark                    text NOT NULL,
  notice_number_pattern   text NOT NULL,
  bulletin_number_pattern text NOT NULL,
  signature               text NOT NULL,
  contact_line            text NOT NULL DEFAULT '',
  updated_by              text,
  created_at              timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at              timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- One counter per region, kind of document and year (the 督办单 keep theirs in notice_sequences);
-- a number is taken under the row lock of the upsert.
CREATE TABLE document_sequences (
  region_id text NOT NULL,
  kind      text NOT NULL,
  year      integer NOT NULL,
  last_no   integer NOT NULL,
  PRIMARY KEY (region_id, kind, year)
);

-- A bulletin regenerated for the same period keeps its number.
ALTER TABLE bulletins ADD COLUMN doc_no text;
