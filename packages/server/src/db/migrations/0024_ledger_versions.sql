-- The bureau's hazard summary (issue 15) is computed from an in-memory index of a region's hazards
-- and schools (ledgers/hazard-facts.ts), reloaded only when they changed. ledger_versions holds, per
-- region and ledger type, a token that every statement inserting or updating that type's records, or
-- the region's organisations, replaces (in the same transaction, so a rolled-back write leaves it).
-- A fresh random token rather than a counter: a restore or a rebuilt database never repeats one.
-- Derived from ledger_records by the triggers below, so backups leave it out (backup/tables.ts) and a
-- restore fills it as the records go back in. Only campus_hazard is versioned for now (a hot row per
-- region and type: fine for hazards, written a few times an hour per county, not for daily returns).
CREATE TABLE ledger_versions (
  region_id text NOT NULL,
  type      text NOT NULL,
  version   text NOT NULL,
  PRIMARY KEY (region_id, type)
);

-- A school added, renamed or removed changes the summary's list of schools: orgs bump it too.
CREATE FUNCTION ledger_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  regions text[];
BEGIN
  IF TG_TABLE_NAME = 'orgs' THEN
    SELECT array_agg(DISTINCT region_id) INTO regions FROM changed;
  ELSE
    SELECT array_agg(DISTINCT region_id) INTO regions FROM changed WHERE type = 'campus_hazard';
  END IF;
  INSERT INTO ledger_versions (region_id, type, version)
  SELECT r, 'campus_hazard', gen_random_uuid()::text FROM unnest(regions) AS r
  ON CONFLICT (region_id, type) DO UPDATE SET version = EXCLUDED.version;
  RETURN NULL;
END
$fn$;
-- Statement triggers (one per statement, however many rows): after INSERT and after UPDATE of each.
DO $do$
DECLARE
  tbl text;
  ev text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['ledger_records', 'orgs'] LOOP
    FOREACH ev IN ARRAY ARRAY['insert', 'update'] LOOP
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING NEW TABLE AS changed '
                     'FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump()', tbl || '_version_' || ev, ev, tbl);
    END LOOP;
  END LOOP;
END
$do$;

INSERT INTO ledger_versions (region_id, type, version)
SELECT region_id, 'campus_hazard', gen_random_uuid()::text FROM (SELECT DISTINCT region_id FROM orgs) AS d;
