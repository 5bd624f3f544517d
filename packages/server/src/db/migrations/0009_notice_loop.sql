-- The 督办 loop in the app: notifications may be addressed to one person (a reply to the
-- supervisor who issued the notice, an escalation to the unit's leaders, a mention), and carry the
-- events of the whole loop. A delivery's created_at comes from the sending clock, so the
-- late-delivery window is measured by the same clock that retries it.
ALTER TABLE notifications ADD COLUMN user_id text;
ALTER TABLE notifications DROP CONSTRAINT notifications_event_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_event_check CHECK (event IN (
  'due_soon', 'overdue', 'missing_report', 'new_notice', 'notice_reply', 'notice_escalated',
  'notice_closed', 'mention'
));
CREATE INDEX notifications_user_idx ON notifications (region_id, user_id, created_at) WHERE user_id IS NOT NULL;
CREATE INDEX supervision_notices_task_idx ON supervision_notices (region_id, task_id);
