-- Illness-absence cases to 复课 (issue 16): a ledger type on the ledger tables of 0013 with its states
-- and actions. Each value list is widened in place: whatever values a CHECK allows when this runs
-- (other ledger migrations add theirs) are kept, and ours are added.
DO $widen$
DECLARE
  target record;
  con record;
  allowed text[];
BEGIN
  FOR target IN
    SELECT * FROM (VALUES
      ('ledger_records', 'type', ARRAY['illness_case']),
      ('ledger_rounds', 'ledger_type', ARRAY['illness_case']),
      ('ledger_returns', 'ledger_type', ARRAY['illness_case']),
      ('ledger_records', 'state', ARRAY['ill_absent', 'resume_pending', 'resumed']),
      ('ledger_history', 'action', ARRAY['follow_up', 'request_resume', 'verify_resume', 'reject_resume'])
    ) AS t(tbl, col, extra)
  LOOP
    allowed := target.extra;
    FOR con IN
      SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
       WHERE c.conrelid = target.tbl::regclass AND c.contype = 'c'
         AND pg_get_constraintdef(c.oid) ~ ('^CHECK \(+' || target.col || ' ')
    LOOP
      allowed := allowed || ARRAY(SELECT m[1] FROM regexp_matches(con.def, '''([^'']*)''', 'g') AS m);
      EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', target.tbl, con.conname);
    END LOOP;
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%I IN (%s))', target.tbl,
      target.tbl || '_' || target.col || '_check', target.col,
      (SELECT string_agg(quote_literal(v), ', ' ORDER BY v) FROM (SELECT DISTINCT unnest(allowed) AS v) AS d));
  END LOOP;
END
$widen$;
-- A class's cases (the 班主任's list, one open case per student) are looked up by the class the record names.
CREATE INDEX ledger_records_class_idx ON ledger_records (region_id, type, ((fields ->> 'classId')));
