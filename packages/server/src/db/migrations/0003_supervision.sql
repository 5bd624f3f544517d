-- Supervision (督查督办): status engine history, supervision notices (督办单), reminders
-- (in-app notifications and robot webhooks), bulletins (通报) and year-end evaluation (考核).
-- Region rule as in 0001: region_id leads every primary and unique key; business rows are
-- soft-deleted. Status snapshots are derived history (one row per entity per day), never edited by people.

-- Per-plan tuning of the status rules; an empty object means the defaults.
CREATE TABLE supervision_rules (
  region_id  text NOT NULL,
  plan_id    text NOT NULL,
  rules      jsonb NOT NULL DEFAULT '{}',
  updated_by text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, plan_id),
  FOREIGN KEY (region_id, plan_id) REFERENCES plans (region_id, id)
);

CREATE TABLE status_snapshots (
  region_id   text NOT NULL,
  entity_kind text NOT NULL CHECK (entity_kind IN ('assignment', 'milestone', 'indicator')),
  entity_id   text NOT NULL,
  day         date NOT NULL,
  plan_id     text NOT NULL,
  task_id     text NOT NULL,
  org_id      text,
  status      text NOT NULL CHECK (status IN ('normal', 'warning', 'overdue', 'done')),
  reasons     jsonb NOT NULL DEFAULT '[]',
  due_date    date,
  progress    double precision,
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (region_id, entity_kind, entity_id, day)
);
CREATE INDEX status_snapshots_day_idx ON status_snapshots (region_id, day, plan_id);

-- One counter per region and year: 督办〔2025〕第N号 is taken under the row lock of the upsert.
CREATE TABLE notice_sequences (
  region_id text NOT NULL,
  year      integer NOT NULL,
  last_no   integer NOT NULL,
  PRIMARY KEY (region_id, year)
);

CREATE TABLE supervision_notices (
  region_id       text NOT NULL,
  id              text NOT NULL,
  plan_id         text NOT NULL,
  task_id         text NOT NULL,
  org_id          text NOT NULL,
  year            integer NOT NULL,
  seq             integer NOT NULL,
  doc_no          text NOT NULL,
  reason          text NOT NULL,
  requirement     text NOT NULL,
  reply_due       date NOT NULL,
  status          text NOT NULL CHECK (status IN ('issued', 'replied', 'escalated', 'closed')),
  level           integer NOT NULL DEFAULT 1,
  issued_by       text NOT NULL,
  issued_at       timestamptz NOT NULL,
  closed_by       text,
  closed_at       timestamptz,
  close_note      text,
  escalation_note text,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at      timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, task_id) REFERENCES plan_tasks (region_id, id)
);
CREATE UNIQUE INDEX supervision_notices_no_uq ON supervision_notices (region_id, year, seq);
CREATE INDEX supervision_notices_org_idx ON supervision_notices (region_id, org_id, status);

CREATE TABLE supervision_notice_replies (
  region_id  text NOT NULL,
  id         text NOT NULL,
  notice_id  text NOT NULL,
  org_id     text NOT NULL,
  text       text NOT NULL,
  file_ids   jsonb NOT NULL DEFAULT '[]',
  replied_by text NOT NULL,
  replied_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, notice_id) REFERENCES supervision_notices (region_id, id)
);
CREATE INDEX supervision_notice_replies_notice_idx ON supervision_notice_replies (region_id, notice_id);

-- In-app reminders to a unit; delivery_key (event, entity, day) keeps each one single.
CREATE TABLE notifications (
  region_id    text NOT NULL,
  id           text NOT NULL,
  org_id       text NOT NULL,
  event        text NOT NULL CHECK (event IN ('due_soon', 'overdue', 'missing_report', 'new_notice')),
  entity_kind  text NOT NULL,
  entity_id    text NOT NULL,
  title        text NOT NULL,
  body         text NOT NULL,
  delivery_key text NOT NULL,
  read_at      timestamptz,
  read_by      text,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at   timestamptz,
  PRIMARY KEY (region_id, id)
);
CREATE UNIQUE INDEX notifications_key_uq ON notifications (region_id, org_id, delivery_key);
CREATE INDEX notifications_org_idx ON notifications (region_id, org_id, created_at);

CREATE TABLE webhook_endpoints (
  region_id  text NOT NULL,
  id         text NOT NULL,
  org_id     text NOT NULL,
  name       text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('wecom', 'dingtalk')),
  url        text NOT NULL,
  secret     text,
  events     jsonb NOT NULL DEFAULT '[]',
  enabled    boolean NOT NULL DEFAULT true,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, id)
);

CREATE TABLE webhook_deliveries (
  region_id       text NOT NULL,
  id              text NOT NULL,
  endpoint_id     text NOT NULL,
  delivery_key    text NOT NULL,
  event           text NOT NULL,
  entity_id       text NOT NULL,
  payload         jsonb NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  last_attempt_at timestamptz,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, endpoint_id) REFERENCES webhook_endpoints (region_id, id)
);
CREATE UNIQUE INDEX webhook_deliveries_key_uq ON webhook_deliveries (region_id, endpoint_id, delivery_key);

CREATE TABLE bulletins (
  region_id    text NOT NULL,
  id           text NOT NULL,
  org_id       text NOT NULL,
  period       text NOT NULL,
  title        text NOT NULL,
  docx_file_id text NOT NULL,
  xlsx_file_id text NOT NULL,
  summary      jsonb NOT NULL DEFAULT '{}',
  generated_by text,
  generated_at timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at   timestamptz,
  PRIMARY KEY (region_id, id)
);
CREATE UNIQUE INDEX bulletins_period_uq ON bulletins (region_id, period) WHERE deleted_at IS NULL;

CREATE TABLE evaluation_weights (
  region_id  text NOT NULL,
  year       integer NOT NULL,
  weights    jsonb NOT NULL,
  updated_by text,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, year)
);
