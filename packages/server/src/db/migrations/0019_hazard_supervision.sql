-- Hazards under supervision (issue 15): a 督办单 may be about a campus-safety hazard (a ledger
-- record) instead of a plan task: exactly one of the two; the plan is that of the task, none for a
-- hazard. A 重大 hazard escalates to the bureau through an in-app notification 'major_hazard'.
ALTER TABLE supervision_notices ALTER COLUMN plan_id DROP NOT NULL;
ALTER TABLE supervision_notices ALTER COLUMN task_id DROP NOT NULL;
ALTER TABLE supervision_notices ADD COLUMN ledger_record_id text;
ALTER TABLE supervision_notices ADD CONSTRAINT supervision_notices_record_fk
  FOREIGN KEY (region_id, ledger_record_id) REFERENCES ledger_records (region_id, id);
ALTER TABLE supervision_notices ADD CONSTRAINT supervision_notices_one_subject
  CHECK ((task_id IS NULL) <> (ledger_record_id IS NULL) AND (task_id IS NULL) = (plan_id IS NULL));
CREATE INDEX supervision_notices_record_idx ON supervision_notices (region_id, ledger_record_id)
  WHERE ledger_record_id IS NOT NULL;

ALTER TABLE notifications DROP CONSTRAINT notifications_event_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_event_check CHECK (event IN (
  'due_soon', 'overdue', 'missing_report', 'new_notice', 'notice_reply', 'notice_escalated',
  'notice_closed', 'mention', 'task_changed', 'major_hazard'
));
