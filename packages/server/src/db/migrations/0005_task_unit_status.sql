-- The latest live report of each assignee on each task: highest period, then latest submission.
-- Every task list, plan summary and dashboard needs exactly these rows; a year of monthly reports
-- is twelve times as many, and picking the latest of them on each read was most of a read's cost.
-- A read model, derived from progress_reports by the triggers below (so every writer keeps it
-- right, bulk loads and restores included); it is not backed up, as a restore rebuilds it.
CREATE TABLE task_unit_status (
  region_id    text NOT NULL,
  task_id      text NOT NULL,
  org_id       text NOT NULL,
  report_id    text NOT NULL,
  period       text NOT NULL,
  status       text NOT NULL,
  percent      integer NOT NULL,
  submitted_at timestamptz NOT NULL,
  PRIMARY KEY (region_id, task_id, org_id)
);
CREATE INDEX task_unit_status_task_idx ON task_unit_status (task_id);

INSERT INTO task_unit_status (region_id, task_id, org_id, report_id, period, status, percent, submitted_at)
SELECT DISTINCT ON (region_id, task_id, org_id) region_id, task_id, org_id, id, period, status, percent, submitted_at
FROM progress_reports
WHERE deleted_at IS NULL
ORDER BY region_id, task_id, org_id, period DESC, submitted_at DESC;

-- New reports: each (task, org) keeps the newer of its current row and the newest inserted one.
CREATE FUNCTION task_unit_status_on_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO task_unit_status AS s (region_id, task_id, org_id, report_id, period, status, percent, submitted_at)
  SELECT DISTINCT ON (region_id, task_id, org_id) region_id, task_id, org_id, id, period, status, percent, submitted_at
  FROM changed
  WHERE deleted_at IS NULL
  ORDER BY region_id, task_id, org_id, period DESC, submitted_at DESC
  ON CONFLICT (region_id, task_id, org_id) DO UPDATE
  SET report_id = excluded.report_id, period = excluded.period, status = excluded.status,
      percent = excluded.percent, submitted_at = excluded.submitted_at
  WHERE (excluded.period, excluded.submitted_at) >= (s.period, s.submitted_at);
  RETURN NULL;
END
$fn$;

-- Changed or removed reports (a resubmission, a soft delete): the pairs they touch are recomputed.
CREATE FUNCTION task_unit_status_recompute() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM task_unit_status s
  USING (SELECT DISTINCT region_id, task_id, org_id FROM changed) c
  WHERE s.region_id = c.region_id AND s.task_id = c.task_id AND s.org_id = c.org_id;
  INSERT INTO task_unit_status (region_id, task_id, org_id, report_id, period, status, percent, submitted_at)
  SELECT DISTINCT ON (r.region_id, r.task_id, r.org_id)
         r.region_id, r.task_id, r.org_id, r.id, r.period, r.status, r.percent, r.submitted_at
  FROM progress_reports r
  JOIN (SELECT DISTINCT region_id, task_id, org_id FROM changed) c
    ON r.region_id = c.region_id AND r.task_id = c.task_id AND r.org_id = c.org_id
  WHERE r.deleted_at IS NULL
  ORDER BY r.region_id, r.task_id, r.org_id, r.period DESC, r.submitted_at DESC;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER progress_reports_status_insert AFTER INSERT ON progress_reports
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION task_unit_status_on_insert();
CREATE TRIGGER progress_reports_status_update AFTER UPDATE ON progress_reports
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION task_unit_status_recompute();
CREATE TRIGGER progress_reports_status_delete AFTER DELETE ON progress_reports
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION task_unit_status_recompute();
