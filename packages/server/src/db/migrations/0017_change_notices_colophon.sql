-- Changes to published work reach the units in the app: a notification of event 'task_changed'
-- for each unit added, removed or whose task's deadline, cadence or indicators changed.
ALTER TABLE notifications DROP CONSTRAINT notifications_event_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_event_check CHECK (event IN (
  'due_soon', 'overdue', 'missing_report', 'new_notice', 'notice_reply', 'notice_escalated',
  'notice_closed', 'mention', 'task_changed'
));

-- The 版记 of 通报 and 督办单 (GB/T 9704 §7.4): the 抄送机关 (empty: no 抄送 line) and the
-- 印发机关 (empty: the 发文机关全称).
ALTER TABLE bureau_profiles ADD COLUMN cc_line text NOT NULL DEFAULT '';
ALTER TABLE bureau_profiles ADD COLUMN printing_office text NOT NULL DEFAULT '';
