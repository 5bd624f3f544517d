-- Two resubmissions on one (task, unit) committing at the same time both deleted the pair's row, then
-- both inserted it: the second failed on the primary key (a 409 for a valid report, on PostgreSQL).
-- The recompute now upserts, so the later transaction overwrites the row the earlier one wrote.
CREATE OR REPLACE FUNCTION task_unit_status_recompute() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM task_unit_status s
  USING (SELECT DISTINCT region_id, task_id, org_id FROM changed) c
  WHERE s.region_id = c.region_id AND s.task_id = c.task_id AND s.org_id = c.org_id;
  INSERT INTO task_unit_status AS s (region_id, task_id, org_id, report_id, period, status, percent, submitted_at)
  SELECT DISTINCT ON (r.region_id, r.task_id, r.org_id)
         r.region_id, r.task_id, r.org_id, r.id, r.period, r.status, r.percent, r.submitted_at
  FROM progress_reports r
  JOIN (SELECT DISTINCT region_id, task_id, org_id FROM changed) c
    ON r.region_id = c.region_id AND r.task_id = c.task_id AND r.org_id = c.org_id
  WHERE r.deleted_at IS NULL
  ORDER BY r.region_id, r.task_id, r.org_id, r.period DESC, r.submitted_at DESC
  ON CONFLICT (region_id, task_id, org_id) DO UPDATE
  SET report_id = excluded.report_id, period = excluded.period, status = excluded.status,
      percent = excluded.percent, submitted_at = excluded.submitted_at;
  RETURN NULL;
END
$fn$;
