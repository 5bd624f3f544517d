-- Outbreak rules overridable per region, versioned, and the alerts they opened (issue 16 item 4).
--
-- A region's override of a national rule (outbreak-rules.ts DEFAULT_OUTBREAK_RULES) is a row per
-- change: the highest version of a rule is in force; earlier rows stay as its history. Rows are never
-- deleted (going back to the national values is a new row with reset = true).
CREATE TABLE outbreak_rule_overrides (
  region_id   text NOT NULL,
  rule_id     text NOT NULL,
  version     integer NOT NULL CHECK (version > 0),
  reset       boolean NOT NULL DEFAULT false,
  window_days integer NOT NULL CHECK (window_days BETWEEN 1 AND 31),
  threshold   integer NOT NULL CHECK (threshold BETWEEN 1 AND 1000),
  due_hours   integer NOT NULL CHECK (due_hours BETWEEN 0 AND 72),
  note        text NOT NULL DEFAULT '',
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (region_id, rule_id, version)
);
CREATE TRIGGER outbreak_rule_overrides_append_only BEFORE UPDATE OR DELETE ON outbreak_rule_overrides
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- An alert as it was opened: the rule's id, version and values then, so that a later change of the
-- rule never rewrites it. Opened when a class check naming ill students is submitted (and by the
-- chasing job over the region); never deleted, never updated.
CREATE TABLE outbreak_alerts (
  region_id   text NOT NULL,
  id          text NOT NULL,
  rule_id     text NOT NULL,
  version     text NOT NULL,
  label       text NOT NULL,
  scope       text NOT NULL CHECK (scope IN ('class', 'school')),
  unit_id     text NOT NULL,
  org_id      text NOT NULL,
  window_days integer NOT NULL,
  threshold   integer NOT NULL,
  window_from date NOT NULL,
  window_to   date NOT NULL,
  count       integer NOT NULL,
  detected_at timestamptz NOT NULL,
  due_at      timestamptz NOT NULL,
  opened_at   timestamptz NOT NULL,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);
CREATE INDEX outbreak_alerts_window_idx ON outbreak_alerts (region_id, window_to);
CREATE TRIGGER outbreak_alerts_append_only BEFORE UPDATE OR DELETE ON outbreak_alerts
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();

-- The rules read the checks naming ill students (a few in a hundred) of one school, or of the county,
-- over three weeks: a partial index keeps that read from scanning every zero report of the county.
CREATE INDEX ledger_returns_cases_idx ON ledger_returns (region_id, ledger_type, org_id, period) WHERE NOT zero;
