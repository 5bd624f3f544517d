-- Indexes for the lookups the queries make by id alone or by task, which the
-- region-first primary and unique keys cannot serve. Found with bench/server.bench.mjs:
-- on the province dataset (1,000,000 reports) a plan summary scanned every report.

-- Reports, assignments, milestones and indicators of a set of tasks (task lists, plan summary).
-- Reports by task and org, newest period first: the latest report per assignee.
CREATE INDEX progress_reports_task_idx ON progress_reports (task_id, org_id, period DESC, submitted_at DESC);
CREATE INDEX assignments_task_idx ON assignments (task_id);
CREATE INDEX milestones_task_idx ON milestones (task_id);
CREATE INDEX indicators_task_idx ON indicators (task_id);
CREATE INDEX indicator_actuals_indicator_idx ON indicator_actuals (indicator_id);
CREATE INDEX indicator_actuals_report_idx ON indicator_actuals (region_id, report_id);

-- Rows found by id alone (the session's user, a task or plan from the URL, an org's ancestors).
CREATE INDEX orgs_id_idx ON orgs (id);
CREATE INDEX users_id_idx ON users (id);
CREATE INDEX plans_id_idx ON plans (id);
CREATE INDEX plans_org_idx ON plans (org_id);
CREATE INDEX plan_tasks_id_idx ON plan_tasks (id);
CREATE INDEX sessions_user_idx ON sessions (region_id, user_id);
