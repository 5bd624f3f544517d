-- 适龄儿童台账 (issue 18): the county's roster of compulsory-age children imported from 户籍, one row per
-- 身份证件号, with the result of its latest comparison against the school rolls (户籍 ↔ 学籍: the
-- student of the same 身份证件号 and the school and grade of their latest record) and the 控辍 case
-- opened for a child found not enrolled. Nothing is hard-deleted.
CREATE TABLE school_age_children (
  region_id        text NOT NULL,
  id               text NOT NULL,
  id_number        text NOT NULL,
  name             text NOT NULL,
  sex              text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_date       date NOT NULL,
  hukou_place      text,
  residence        text,
  guardian_name    text,
  guardian_phone   text,
  special_groups   jsonb NOT NULL DEFAULT '[]',
  -- The latest comparison with the school rolls (null: no student of this 身份证件号 on any roll).
  compared_at      timestamptz NOT NULL,
  roll_student_id  text,
  roll_student_no  text,
  roll_org_id      text,
  roll_grade       integer,
  roll_year        integer,
  -- The 控辍 case opened for the child, and the school it was opened at.
  case_id          text,
  case_org_id      text,
  version          integer NOT NULL DEFAULT 1,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (region_id, id)
);
CREATE UNIQUE INDEX school_age_children_idno_idx ON school_age_children (region_id, id_number);
CREATE INDEX school_age_children_roll_org_idx ON school_age_children (region_id, roll_org_id) WHERE roll_org_id IS NOT NULL;
CREATE INDEX school_age_children_case_org_idx ON school_age_children (region_id, case_org_id) WHERE case_org_id IS NOT NULL;
CREATE INDEX school_age_children_unmatched_idx ON school_age_children (region_id, id_number) WHERE roll_org_id IS NULL;
-- screening_no_delete() (0022) refuses a delete of any table's row.
CREATE TRIGGER school_age_children_no_delete BEFORE DELETE ON school_age_children
  FOR EACH ROW EXECUTE FUNCTION screening_no_delete();
