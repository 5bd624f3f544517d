-- Luoshi initial schema.
-- Region rule: every business table carries region_id (the county-level bureau owning
-- the row) and every primary and unique key includes it, so the tables can later be
-- distributed by region (Citus) without a redesign. Nothing is hard-deleted: rows get deleted_at.

CREATE TABLE orgs (
  region_id   text NOT NULL,
  id          text NOT NULL,
  parent_id   text,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('province', 'city', 'county', 'bureau', 'department', 'school', 'other')),
  school_level text,
  sort_order  integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at  timestamptz,
  PRIMARY KEY (region_id, id)
);
CREATE INDEX orgs_parent_idx ON orgs (parent_id);

CREATE TABLE org_aliases (
  region_id  text NOT NULL,
  id         text NOT NULL,
  org_id     text NOT NULL,
  alias      text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);
CREATE UNIQUE INDEX org_aliases_alias_uq ON org_aliases (region_id, alias) WHERE deleted_at IS NULL;

CREATE TABLE users (
  region_id       text NOT NULL,
  id              text NOT NULL,
  org_id          text NOT NULL,
  username        text NOT NULL,
  display_name    text NOT NULL,
  password_hash   text NOT NULL,
  role            text NOT NULL CHECK (role IN ('admin', 'supervisor', 'dept_head', 'school_reporter', 'leader')),
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at      timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);
CREATE UNIQUE INDEX users_username_uq ON users (region_id, username);
CREATE INDEX users_username_idx ON users (username);

-- Sessions are operational, not business data; they still carry the region.
CREATE TABLE sessions (
  region_id  text NOT NULL,
  token_hash text NOT NULL,
  user_id    text NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (region_id, token_hash)
);
CREATE INDEX sessions_token_idx ON sessions (token_hash);

CREATE TABLE plans (
  region_id       text NOT NULL,
  id              text NOT NULL,
  org_id          text NOT NULL,
  title           text NOT NULL,
  year            integer,
  status          text NOT NULL CHECK (status IN ('draft', 'published')),
  cadence         text NOT NULL DEFAULT 'monthly' CHECK (cadence IN ('monthly', 'quarterly', 'half_year', 'yearly')),
  source_filename text,
  source_format   text,
  source_text     text NOT NULL,
  diagnostics     jsonb NOT NULL DEFAULT '[]',
  created_by      text,
  published_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at      timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);

CREATE TABLE plan_tasks (
  region_id  text NOT NULL,
  id         text NOT NULL,
  plan_id    text NOT NULL,
  seq        integer NOT NULL,
  no         text NOT NULL,
  path       jsonb NOT NULL DEFAULT '[]',
  title      text NOT NULL,
  units      jsonb NOT NULL DEFAULT '[]',
  lead_count integer NOT NULL DEFAULT 0,
  deadlines  jsonb NOT NULL DEFAULT '[]',
  targets    jsonb NOT NULL DEFAULT '[]',
  body       text NOT NULL DEFAULT '',
  measures   jsonb NOT NULL DEFAULT '[]',
  span       jsonb,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, plan_id) REFERENCES plans (region_id, id)
);
CREATE INDEX plan_tasks_plan_idx ON plan_tasks (region_id, plan_id, seq);

CREATE TABLE unit_mappings (
  region_id  text NOT NULL,
  id         text NOT NULL,
  plan_id    text NOT NULL,
  unit_name  text NOT NULL,
  org_id     text,
  ignored    boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, plan_id) REFERENCES plans (region_id, id)
);
CREATE UNIQUE INDEX unit_mappings_uq ON unit_mappings (region_id, plan_id, unit_name);

CREATE TABLE assignments (
  region_id  text NOT NULL,
  id         text NOT NULL,
  task_id    text NOT NULL,
  org_id     text NOT NULL,
  role       text NOT NULL CHECK (role IN ('lead', 'co')),
  unit_name  text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, id),
  -- No FK on org_id: a city plan assigns county bureaus, which own other regions.
  FOREIGN KEY (region_id, task_id) REFERENCES plan_tasks (region_id, id)
);
CREATE UNIQUE INDEX assignments_uq ON assignments (region_id, task_id, org_id);
CREATE INDEX assignments_org_idx ON assignments (region_id, org_id);

CREATE TABLE milestones (
  region_id  text NOT NULL,
  id         text NOT NULL,
  task_id    text NOT NULL,
  seq        integer NOT NULL,
  text       text NOT NULL,
  due_date   date,
  kind       text NOT NULL CHECK (kind IN ('by', 'throughout')),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, task_id) REFERENCES plan_tasks (region_id, id)
);

CREATE TABLE indicators (
  region_id    text NOT NULL,
  id           text NOT NULL,
  task_id      text NOT NULL,
  seq          integer NOT NULL,
  text         text NOT NULL,
  subject      text NOT NULL,
  op           text NOT NULL CHECK (op IN ('>=', '<=', 'range', 'increase_by', 'decrease_by')),
  baseline     double precision,
  target_value double precision,
  target_min   double precision,
  target_max   double precision,
  unit         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at   timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, task_id) REFERENCES plan_tasks (region_id, id)
);

CREATE TABLE files (
  region_id    text NOT NULL,
  id           text NOT NULL,
  sha256       text NOT NULL,
  filename     text NOT NULL,
  content_type text NOT NULL,
  size         integer NOT NULL,
  org_id       text NOT NULL,
  uploaded_by  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at   timestamptz,
  PRIMARY KEY (region_id, id)
);

CREATE TABLE progress_reports (
  region_id    text NOT NULL,
  id           text NOT NULL,
  task_id      text NOT NULL,
  org_id       text NOT NULL,
  period       text NOT NULL,
  status       text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'blocked')),
  narrative    text NOT NULL DEFAULT '',
  percent      integer NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  submitted_by text NOT NULL,
  submitted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at   timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, task_id) REFERENCES plan_tasks (region_id, id)
);
CREATE UNIQUE INDEX progress_reports_uq ON progress_reports (region_id, task_id, org_id, period);

CREATE TABLE indicator_actuals (
  region_id    text NOT NULL,
  id           text NOT NULL,
  report_id    text NOT NULL,
  indicator_id text NOT NULL,
  value        double precision NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at   timestamptz,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, report_id) REFERENCES progress_reports (region_id, id)
);

CREATE TABLE report_evidence (
  region_id  text NOT NULL,
  report_id  text NOT NULL,
  file_id    text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, report_id, file_id)
);

CREATE TABLE audit_events (
  region_id   text NOT NULL,
  id          text NOT NULL,
  actor_id    text,
  at          timestamptz NOT NULL DEFAULT clock_timestamp(),
  entity      text NOT NULL,
  entity_id   text NOT NULL,
  action      text NOT NULL,
  before      jsonb,
  after       jsonb,
  PRIMARY KEY (region_id, id)
);
CREATE INDEX audit_events_at_idx ON audit_events (region_id, at);
