-- Periodic returns and daily health reports (issue 16, on the ledger foundation of issue 15).
--
-- A periodic return: a unit (a school, or a class of a school) must submit one per period (day, week
-- or month) and slot (晨检/午检, or '' when a period has one return), even when it has nothing to
-- report (zero = true: the zero report). Completeness and timeliness are computed from these rows:
-- submitted_at is the first submission (a correction never moves it); a correction raises version
-- and is in the audit trail. Rows are never deleted.
CREATE TABLE ledger_returns (
  region_id    text NOT NULL,
  ledger_type  text NOT NULL CHECK (ledger_type IN ('campus_hazard', 'health_check')),
  unit_id      text NOT NULL,
  org_id       text NOT NULL,
  period_kind  text NOT NULL CHECK (period_kind IN ('day', 'week', 'month')),
  -- The period's first day.
  period       date NOT NULL,
  slot         text NOT NULL DEFAULT '',
  zero         boolean NOT NULL,
  -- What the type's return carries (a class check: 应到, 实到, symptom counts, named students).
  payload      jsonb NOT NULL,
  version      integer NOT NULL DEFAULT 1,
  submitted_by text NOT NULL,
  submitted_at timestamptz NOT NULL,
  updated_by   text NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (region_id, ledger_type, unit_id, period, slot),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);
CREATE INDEX ledger_returns_period_idx ON ledger_returns (region_id, ledger_type, period);
CREATE TRIGGER ledger_returns_never_deleted BEFORE DELETE ON ledger_returns
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- The classes of a school: the returning unit of the daily class check (晨午检), with its 班主任
-- (班级传染病症状监测报告人) and its remembered roster (student names: personal data). Removed
-- classes keep their rows (deleted_at).
CREATE TABLE school_classes (
  region_id       text NOT NULL,
  id              text NOT NULL,
  org_id          text NOT NULL,
  name            text NOT NULL,
  grade           text NOT NULL DEFAULT '',
  head_teacher_id text,
  enrolled        integer NOT NULL CHECK (enrolled >= 0),
  roster          jsonb NOT NULL DEFAULT '[]',
  sort_order      integer NOT NULL DEFAULT 0,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  deleted_at      timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);
CREATE INDEX school_classes_org_idx ON school_classes (region_id, org_id);
CREATE INDEX school_classes_teacher_idx ON school_classes (region_id, head_teacher_id);

-- The new ledger type and its metrics.
ALTER TABLE ledger_records DROP CONSTRAINT ledger_records_type_check;
ALTER TABLE ledger_records ADD CONSTRAINT ledger_records_type_check CHECK (type IN ('campus_hazard', 'health_check'));
ALTER TABLE ledger_rounds DROP CONSTRAINT ledger_rounds_ledger_type_check;
ALTER TABLE ledger_rounds ADD CONSTRAINT ledger_rounds_ledger_type_check
  CHECK (ledger_type IN ('campus_hazard', 'health_check'));
ALTER TABLE ledger_bindings DROP CONSTRAINT ledger_bindings_metric_check;
ALTER TABLE ledger_bindings ADD CONSTRAINT ledger_bindings_metric_check CHECK (metric IN (
  'hazard_fix_rate', 'major_hazards_open', 'health_check_completeness', 'health_check_timeliness'
));
