-- Student health screening (issue 17): students known by 学籍号 or 身份证号 across years, one result per
-- student and screening year (raw measurements and what the rules derived from them, with the rule
-- versions), the imports that wrote them, the 重点关注 follow-up list with its interventions and
-- re-test, and the screening rates as ledger metrics plan indicators bind to.
CREATE TABLE screening_students (
  region_id  text NOT NULL,
  id         text NOT NULL,
  student_no text,
  id_number  text,
  name       text,
  sex        text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date date NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_id, id),
  CHECK (student_no IS NOT NULL OR id_number IS NOT NULL)
);
CREATE UNIQUE INDEX screening_students_no_idx ON screening_students (region_id, student_no) WHERE student_no IS NOT NULL;
CREATE UNIQUE INDEX screening_students_idno_idx ON screening_students (region_id, id_number) WHERE id_number IS NOT NULL;

CREATE TABLE screening_imports (
  region_id text NOT NULL,
  id        text NOT NULL,
  org_id    text NOT NULL,
  year      integer NOT NULL,
  file_name text NOT NULL,
  mode      text NOT NULL CHECK (mode IN ('all', 'valid_only')),
  row_count integer NOT NULL,
  written   integer NOT NULL,
  rejected  integer NOT NULL,
  problems  jsonb NOT NULL,
  actor_id  text NOT NULL,
  at        timestamptz NOT NULL,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id)
);

CREATE TABLE screening_results (
  region_id     text NOT NULL,
  id            text NOT NULL,
  student_id    text NOT NULL,
  org_id        text NOT NULL,
  year          integer NOT NULL,
  grade         integer NOT NULL CHECK (grade BETWEEN 1 AND 12),
  class_name    text,
  measured_on   date NOT NULL,
  age_months    integer NOT NULL,
  height_cm     double precision,
  weight_kg     double precision,
  va_left       double precision,
  va_right      double precision,
  se_left       double precision,
  se_right      double precision,
  glasses       text NOT NULL CHECK (glasses IN ('none', 'frame', 'contact', 'ortho_k')),
  item_scores   jsonb NOT NULL,
  bonus         double precision,
  total_in      double precision,
  raw           jsonb NOT NULL,
  myopic        boolean,
  bmi           double precision,
  bmi_category  text CHECK (bmi_category IN ('normal', 'overweight', 'obese')),
  fitness_grade text CHECK (fitness_grade IN ('excellent', 'good', 'pass', 'fail')),
  fitness_total double precision,
  explanations  jsonb NOT NULL,
  rules         jsonb NOT NULL,
  import_id     text NOT NULL,
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL,
  superseded_at timestamptz,
  superseded_by text,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, student_id) REFERENCES screening_students (region_id, id),
  FOREIGN KEY (region_id, org_id) REFERENCES orgs (region_id, id),
  FOREIGN KEY (region_id, import_id) REFERENCES screening_imports (region_id, id)
);
CREATE UNIQUE INDEX screening_results_current_idx ON screening_results (region_id, student_id, year)
  WHERE superseded_at IS NULL;
CREATE INDEX screening_results_year_idx ON screening_results (region_id, year, org_id) WHERE superseded_at IS NULL;

CREATE TABLE screening_followups (
  region_id   text NOT NULL,
  id          text NOT NULL,
  student_id  text NOT NULL,
  org_id      text NOT NULL,
  year        integer NOT NULL,
  result_id   text NOT NULL,
  reasons     jsonb NOT NULL,
  retest_due  date,
  retested_on date,
  retest_note text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (region_id, id),
  UNIQUE (region_id, student_id, year),
  FOREIGN KEY (region_id, student_id) REFERENCES screening_students (region_id, id),
  FOREIGN KEY (region_id, result_id) REFERENCES screening_results (region_id, id)
);
CREATE INDEX screening_followups_org_idx ON screening_followups (region_id, org_id, year);

CREATE TABLE screening_interventions (
  region_id   text NOT NULL,
  id          text NOT NULL,
  followup_id text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('parent_notice', 'referral', 'exercise', 'diet')),
  done_on     date NOT NULL,
  note        text,
  actor_id    text NOT NULL,
  at          timestamptz NOT NULL,
  PRIMARY KEY (region_id, id),
  FOREIGN KEY (region_id, followup_id) REFERENCES screening_followups (region_id, id)
);

-- Nothing is hard-deleted; interventions and imports never change once written.
CREATE TRIGGER screening_interventions_append_only BEFORE UPDATE OR DELETE ON screening_interventions
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER screening_imports_append_only BEFORE UPDATE OR DELETE ON screening_imports
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE OR REPLACE FUNCTION screening_no_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'P0001';
END
$fn$;
CREATE TRIGGER screening_students_no_delete BEFORE DELETE ON screening_students
  FOR EACH ROW EXECUTE FUNCTION screening_no_delete();
CREATE TRIGGER screening_results_no_delete BEFORE DELETE ON screening_results
  FOR EACH ROW EXECUTE FUNCTION screening_no_delete();
CREATE TRIGGER screening_followups_no_delete BEFORE DELETE ON screening_followups
  FOR EACH ROW EXECUTE FUNCTION screening_no_delete();

-- Screening is a ledger type of the foundation, and its rates join the metrics an indicator may be bound to.
ALTER TABLE ledger_records DROP CONSTRAINT ledger_records_type_check;
ALTER TABLE ledger_records ADD CONSTRAINT ledger_records_type_check
  CHECK (type IN ('campus_hazard', 'health_check', 'student_screening'));
ALTER TABLE ledger_rounds DROP CONSTRAINT ledger_rounds_ledger_type_check;
ALTER TABLE ledger_rounds ADD CONSTRAINT ledger_rounds_ledger_type_check
  CHECK (ledger_type IN ('campus_hazard', 'health_check', 'student_screening'));
ALTER TABLE ledger_returns DROP CONSTRAINT ledger_returns_ledger_type_check;
ALTER TABLE ledger_returns ADD CONSTRAINT ledger_returns_ledger_type_check
  CHECK (ledger_type IN ('campus_hazard', 'health_check', 'student_screening'));
ALTER TABLE ledger_bindings DROP CONSTRAINT ledger_bindings_metric_check;
ALTER TABLE ledger_bindings ADD CONSTRAINT ledger_bindings_metric_check CHECK (metric IN (
  'hazard_fix_rate', 'major_hazards_open', 'health_check_completeness', 'health_check_timeliness',
  'myopia_rate', 'overweight_rate', 'obesity_rate', 'fitness_good_rate', 'fitness_pass_rate'));
