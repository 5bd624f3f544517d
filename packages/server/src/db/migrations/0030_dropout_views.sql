-- The bureau's 控辍保学 views at county scale (issue 18 bench: 60,000 children, 3,000 cases, 2,000 aid
-- records a year).
--
-- 适龄儿童台账: the children with a case (few) are counted and listed by their case; without this index
-- every view scanned the whole roster to find them.
CREATE INDEX school_age_children_case_idx ON school_age_children (region_id, case_id)
  INCLUDE (roll_org_id, case_org_id) WHERE case_id IS NOT NULL;

-- The bureau's 台账 hold only the cases escalated to it (上报教育局), newest first: a partial index in
-- the views' order, so a page reads those (a third of the dropouts) instead of every case of the county.
CREATE INDEX ledger_records_escalated_idx ON ledger_records (region_id, (fields ->> 'foundOn') DESC, created_at DESC, id)
  WHERE type = 'dropout_case' AND (fields ->> 'escalatedOn') IS NOT NULL;

-- The 应助尽助 checks read one school year's aid records.
CREATE INDEX ledger_records_school_year_idx ON ledger_records (region_id, type, (fields ->> 'schoolYear'))
  WHERE type IN ('aid_identification', 'aid_payment');

-- The 适龄儿童台账's counts by status (a pass over the county's roster) are kept in memory while the
-- region's 'school_age' version in ledger_versions (0024) stays the same: every statement writing the
-- children, or a 控辍 case (a child's status follows its case's state), replaces it in its own
-- transaction. 0024's trigger function now keeps both types; the children's table gets its triggers.
CREATE TRIGGER school_age_children_version_insert AFTER INSERT ON school_age_children
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump();
CREATE TRIGGER school_age_children_version_update AFTER UPDATE ON school_age_children
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ledger_versions_bump();

CREATE FUNCTION ledger_versions_replace(regions text[], kind text) RETURNS void LANGUAGE sql AS $fn$
  INSERT INTO ledger_versions (region_id, type, version)
  SELECT r, kind, gen_random_uuid()::text FROM unnest(regions) AS r
  ON CONFLICT (region_id, type) DO UPDATE SET version = EXCLUDED.version
$fn$;

CREATE OR REPLACE FUNCTION ledger_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  hazards text[];
  children text[];
BEGIN
  IF TG_TABLE_NAME = 'orgs' THEN
    SELECT array_agg(DISTINCT region_id) INTO hazards FROM changed;
  ELSIF TG_TABLE_NAME = 'school_age_children' THEN
    SELECT array_agg(DISTINCT region_id) INTO children FROM changed;
  ELSE
    SELECT array_agg(DISTINCT region_id) FILTER (WHERE type = 'campus_hazard'),
           array_agg(DISTINCT region_id) FILTER (WHERE type = 'dropout_case')
      INTO hazards, children FROM changed;
  END IF;
  PERFORM ledger_versions_replace(hazards, 'campus_hazard');
  PERFORM ledger_versions_replace(children, 'school_age');
  RETURN NULL;
END
$fn$;

SELECT ledger_versions_replace(array_agg(DISTINCT region_id), 'school_age') FROM orgs;
