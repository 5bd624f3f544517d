-- Safe publishing and honest reports.
-- A published plan can be withdrawn (撤回, with a reason) or archived; neither deletes anything.
ALTER TABLE plans DROP CONSTRAINT plans_status_check;
ALTER TABLE plans ADD CONSTRAINT plans_status_check
  CHECK (status IN ('draft', 'published', 'withdrawn', 'archived'));
ALTER TABLE plans ADD COLUMN status_reason text;
-- What a progress report must carry, per plan ({} = the defaults, see progress/report-rules.ts).
ALTER TABLE plans ADD COLUMN report_rules jsonb NOT NULL DEFAULT '{}';
-- A task may report on its own cadence (NULL: the plan's; a NULL passes the CHECK).
ALTER TABLE plan_tasks ADD COLUMN cadence text
  CHECK (cadence IN ('monthly', 'quarterly', 'half_year', 'yearly'));
ALTER TABLE milestones ADD COLUMN updated_at timestamptz NOT NULL DEFAULT clock_timestamp();

-- Named groups of organisations a plan may address collectively (各股室, 各基层党组织, ...).
CREATE TABLE org_groups (
  region_id  text NOT NULL,
  id         text NOT NULL,
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, id)
);
CREATE UNIQUE INDEX org_groups_name_uq ON org_groups (region_id, name) WHERE deleted_at IS NULL;

CREATE TABLE org_group_members (
  region_id  text NOT NULL,
  group_id   text NOT NULL,
  org_id     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  deleted_at timestamptz,
  PRIMARY KEY (region_id, group_id, org_id),
  FOREIGN KEY (region_id, group_id) REFERENCES org_groups (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);
