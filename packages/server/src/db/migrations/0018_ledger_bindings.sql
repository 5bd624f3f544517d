-- Indicator binding (issue 15): a plan indicator whose actual value is computed from a ledger metric
-- (隐患整改率, 重大隐患未销号数) instead of reported. Bound by a person; unbinding keeps the row
-- (unbound_at), a later binding takes it up again; every change is in the audit trail.
CREATE TABLE ledger_bindings (
  region_id    text NOT NULL,
  indicator_id text NOT NULL,
  metric       text NOT NULL CHECK (metric IN ('hazard_fix_rate', 'major_hazards_open')),
  bound_by     text NOT NULL,
  bound_at     timestamptz NOT NULL,
  unbound_by   text,
  unbound_at   timestamptz,
  PRIMARY KEY (region_id, indicator_id),
  FOREIGN KEY (region_id, indicator_id) REFERENCES indicators (region_id, id)
);
