-- Class placement runs (均衡编班 / 电子派位). A run is published, so it is never changed: only
-- soft-deleted. The canonical inputs' hashes, the public draw and the derived seed are columns
-- so anyone can check them; the blobs (uploaded roster and teachers, result.json, classes.xlsx,
-- notice.docx) live in the content-addressed file store under their SHA-256.
CREATE TABLE placement_runs (
  region_id         text NOT NULL,
  id                text NOT NULL,
  org_id            text NOT NULL,
  name              text NOT NULL,
  class_count       integer NOT NULL CHECK (class_count > 0),
  capacities        jsonb NOT NULL,
  student_count     integer NOT NULL,
  draw              text NOT NULL,
  seed              text NOT NULL,
  roster_hash       text NOT NULL,
  params_hash       text NOT NULL,
  result_hash       text NOT NULL,
  result            jsonb NOT NULL,
  roster_sha256     text NOT NULL,
  roster_filename   text NOT NULL,
  teachers_sha256   text,
  teachers_filename text,
  classes_sha256    text NOT NULL,
  notice_sha256     text NOT NULL,
  created_by        text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at        timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);
CREATE INDEX placement_runs_created_idx ON placement_runs (region_id, created_at);
