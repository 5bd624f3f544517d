-- Ledgers (issue 15): records of a ledger type belonging to a region and an organisation, with a
-- workflow state and typed fields (JSON, validated by the type's declaration in src/ledgers/), an
-- append-only history of every change (who, when, from which state to which, which fields from
-- what to what), inspection rounds (a round that found nothing is itself the zero report), and the
-- region's settings per ledger type. Records are never deleted; history rows never change.
CREATE TABLE ledger_records (
  region_id  text NOT NULL,
  id         text NOT NULL,
  type       text NOT NULL CHECK (type IN ('campus_hazard')),
  org_id     text NOT NULL,
  state      text NOT NULL CHECK (state IN ('found', 'rectifying', 'reviewing', 'closed')),
  fields     jsonb NOT NULL,
  -- Every evidence file the fields name (before and after photos), for lookups and backups.
  file_ids   jsonb NOT NULL DEFAULT '[]',
  -- The number of history entries: each change writes entry version + 1 under a row lock.
  version    integer NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);
CREATE INDEX ledger_records_type_idx ON ledger_records (region_id, type, state, org_id);

CREATE TABLE ledger_history (
  region_id  text NOT NULL,
  record_id  text NOT NULL,
  seq        integer NOT NULL,
  action     text NOT NULL CHECK (action IN ('record', 'assign', 'submit_fix', 'pass_review', 'fail_review', 'correct')),
  from_state text,
  to_state   text NOT NULL,
  -- { field: { from, to } } for every field the entry changed.
  changes    jsonb NOT NULL,
  note       text,
  actor_id   text NOT NULL,
  at         timestamptz NOT NULL,
  PRIMARY KEY (region_id, record_id, seq),
  FOREIGN KEY (region_id, record_id) REFERENCES ledger_records (region_id, id)
);
CREATE INDEX ledger_history_at_idx ON ledger_history (region_id, at);

CREATE TABLE ledger_rounds (
  region_id   text NOT NULL,
  id          text NOT NULL,
  ledger_type text NOT NULL CHECK (ledger_type IN ('campus_hazard')),
  org_id      text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('daily', 'weekly', 'monthly', 'adhoc')),
  held_on     date NOT NULL,
  -- [{ category, item, ok, note }]: the checklist as it was gone through.
  checklist   jsonb NOT NULL,
  hazard_count integer NOT NULL CHECK (hazard_count >= 0),
  note        text,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);
CREATE INDEX ledger_rounds_org_idx ON ledger_rounds (region_id, org_id, held_on);

CREATE TABLE ledger_settings (
  region_id   text NOT NULL,
  ledger_type text NOT NULL,
  settings    jsonb NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (region_id, ledger_type)
);

CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'P0001';
  END IF;
  RAISE EXCEPTION '% rows never change once written', TG_TABLE_NAME USING ERRCODE = 'P0001';
END
$fn$;
CREATE TRIGGER ledger_history_append_only BEFORE UPDATE OR DELETE ON ledger_history
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_rounds_append_only BEFORE UPDATE OR DELETE ON ledger_rounds
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_records_never_deleted BEFORE DELETE ON ledger_records
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
