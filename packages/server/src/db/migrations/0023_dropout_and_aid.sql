-- 控辍保学 and 学生资助 (issue 18): three ledger types on the ledger tables of 0013 — dropout cases
-- (dropout_case), 家庭经济困难学生认定 (aid_identification) and aid payments (aid_payment) — with
-- their states and actions, and three bindable metrics (辍学学生数, 劝返率, 资助覆盖率).
-- Each value list is extended in place: the values a CHECK already allows (other ledger types'
-- migrations may have added some) are kept and ours appended, whatever order migrations ran in.
CREATE FUNCTION luoshi_extend_check(tbl text, col text, extra text[]) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  con record;
  vals text[] := ARRAY[]::text[];
BEGIN
  FOR con IN
    SELECT c.conname, pg_get_constraintdef(c.oid) AS def
      FROM pg_constraint c
     WHERE c.conrelid = tbl::regclass AND c.contype = 'c'
       AND pg_get_constraintdef(c.oid) ~ ('^CHECK \(+' || col || ' ')
  LOOP
    SELECT vals || array_agg(m[1]) INTO vals FROM regexp_matches(con.def, '''([^'']*)''', 'g') AS m;
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', tbl, con.conname);
  END LOOP;
  SELECT array_agg(DISTINCT v ORDER BY v) INTO vals FROM unnest(vals || extra) AS v;
  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%I IN (%s))', tbl, tbl || '_' || col || '_check', col,
    (SELECT string_agg(quote_literal(v), ', ') FROM unnest(vals) AS v));
END
$fn$;
SELECT luoshi_extend_check('ledger_records', 'type', ARRAY['dropout_case', 'aid_identification', 'aid_payment']);
SELECT luoshi_extend_check('ledger_rounds', 'ledger_type', ARRAY['dropout_case', 'aid_identification', 'aid_payment']);
SELECT luoshi_extend_check('ledger_returns', 'ledger_type', ARRAY['dropout_case', 'aid_identification', 'aid_payment']);
SELECT luoshi_extend_check('ledger_records', 'state', ARRAY['at_risk', 'dropped_out', 'persuading', 'returned', 'placed', 'applied', 'identified', 'not_identified', 'paid']);
SELECT luoshi_extend_check('ledger_history', 'action', ARRAY['confirm_dropout', 'persuade', 'confirm_return', 'clear_risk', 'place_other', 'escalate', 'identify', 'reject_identification']);
SELECT luoshi_extend_check('ledger_bindings', 'metric', ARRAY['dropout_count', 'persuasion_rate', 'aid_coverage']);
DROP FUNCTION luoshi_extend_check(text, text, text[]);
-- Cases and aid records are looked up by 学籍号 (one open case per student, checks join on it).
CREATE INDEX ledger_records_student_idx ON ledger_records (region_id, type, ((fields ->> 'studentNo')));
