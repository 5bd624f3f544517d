-- The placement lottery in three steps (承诺 → 摇号 → 编班). A commitment freezes the roster and the
-- parameters (their hashes and the canonical commitment text, as published on the notice); a draw is
-- entered once per commitment, after it; a run is computed once per draw. Commitments and draws are
-- never changed or deleted (triggers below); only a commitment's deleted_at may be set.
-- Runs made before this migration have no commitment: they stay readable as 旧版/未承诺.
CREATE TABLE placement_commitments (
  region_id          text NOT NULL,
  id                 text NOT NULL,
  org_id             text NOT NULL,
  name               text NOT NULL,
  -- 补录: the first round's commitment (checked by the service; no foreign key, so a restore may
  -- insert the rows of this table in any order).
  base_commitment_id text,
  commitment_hash    text NOT NULL,
  commitment         text NOT NULL,
  params             text NOT NULL,
  roster_hash        text NOT NULL,
  params_hash        text NOT NULL,
  class_count        integer NOT NULL CHECK (class_count > 0),
  capacities         jsonb NOT NULL,
  student_count      integer NOT NULL,
  roster_sha256      text NOT NULL,
  roster_filename    text NOT NULL,
  teachers_sha256    text,
  teachers_filename  text,
  notice_sha256      text NOT NULL,
  committed_by       text NOT NULL,
  committed_at       timestamptz NOT NULL,
  deleted_at         timestamptz,
  PRIMARY KEY (region_id, id),
  UNIQUE (region_id, commitment_hash),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);
CREATE INDEX placement_commitments_committed_idx ON placement_commitments (region_id, committed_at);
-- One live 补录 per round: the next one builds on the latest.
CREATE UNIQUE INDEX placement_commitments_base_uq ON placement_commitments (region_id, base_commitment_id)
  WHERE base_commitment_id IS NOT NULL AND deleted_at IS NULL;

-- One draw per commitment: the primary key is the commitment.
CREATE TABLE placement_draws (
  region_id     text NOT NULL,
  commitment_id text NOT NULL,
  draw_hash     text NOT NULL,
  record        text NOT NULL,
  draw          text NOT NULL,
  source        text NOT NULL,
  witnesses     jsonb NOT NULL,
  drawn_by      text NOT NULL,
  drawn_at      timestamptz NOT NULL,
  PRIMARY KEY (region_id, commitment_id),
  FOREIGN KEY (region_id, commitment_id) REFERENCES placement_commitments (region_id, id)
);

-- One run per draw; a run with a commitment needs its draw.
ALTER TABLE placement_runs ADD COLUMN commitment_id text;
ALTER TABLE placement_runs ADD CONSTRAINT placement_runs_draw_fk
  FOREIGN KEY (region_id, commitment_id) REFERENCES placement_draws (region_id, commitment_id);
CREATE UNIQUE INDEX placement_runs_commitment_uq ON placement_runs (region_id, commitment_id)
  WHERE commitment_id IS NOT NULL;

CREATE OR REPLACE FUNCTION placement_ceremony_frozen() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'P0001';
  END IF;
  IF (to_jsonb(NEW) - 'deleted_at') IS DISTINCT FROM (to_jsonb(OLD) - 'deleted_at') THEN
    RAISE EXCEPTION '% rows are frozen once written', TG_TABLE_NAME USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER placement_commitments_frozen BEFORE UPDATE OR DELETE ON placement_commitments
  FOR EACH ROW EXECUTE FUNCTION placement_ceremony_frozen();
CREATE TRIGGER placement_draws_frozen BEFORE UPDATE OR DELETE ON placement_draws
  FOR EACH ROW EXECUTE FUNCTION placement_ceremony_frozen();

-- A draw is after its commitment, whoever writes it.
CREATE OR REPLACE FUNCTION placement_draw_after_commitment() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM placement_commitments c
    WHERE c.region_id = NEW.region_id AND c.id = NEW.commitment_id AND c.committed_at < NEW.drawn_at
  ) THEN
    RAISE EXCEPTION 'a draw must come after its commitment' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END
$fn$;
CREATE TRIGGER placement_draws_after_commitment BEFORE INSERT ON placement_draws
  FOR EACH ROW EXECUTE FUNCTION placement_draw_after_commitment();
