import type { ChildStatus } from "@luoshi/contract";
import type { ColumnType } from "kysely";
import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { json } from "../ids.js";
import type { ChildRow } from "./school-age-sheet.js";

/** SQL of the 适龄儿童台账 (migration 0027): the children, their comparison with the rolls, the view. */

type Timestamp = ColumnType<string, string, string>;

export interface SchoolAgeChildrenTable {
  region_id: string;
  id: string;
  id_number: string;
  name: string;
  sex: "male" | "female";
  birth_date: ColumnType<string, string, string>;
  hukou_place: string | null;
  residence: string | null;
  guardian_name: string | null;
  guardian_phone: string | null;
  special_groups: ColumnType<string[], string, string>;
  compared_at: Timestamp;
  roll_student_id: string | null;
  roll_student_no: string | null;
  roll_org_id: string | null;
  roll_grade: number | null;
  roll_year: number | null;
  case_id: string | null;
  case_org_id: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StoredChild extends ChildRow {
  id: string;
  version: number;
}

/** The stored children of some 身份证件号 (locked for the import's transaction). */
export async function lockChildren(db: Database, regionId: string, idNumbers: string[]): Promise<StoredChild[]> {
  if (idNumbers.length === 0) return [];
  const rows = await db
    .selectFrom("school_age_children")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("id_number", "in", idNumbers)
    .forUpdate()
    .execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    name: r.name,
    idNumber: r.id_number,
    sex: r.sex,
    birthDate: String(r.birth_date).slice(0, 10),
    hukouPlace: r.hukou_place,
    residence: r.residence,
    guardianName: r.guardian_name,
    guardianPhone: r.guardian_phone,
    specialGroups: r.special_groups,
  }));
}

const columns = (c: ChildRow) => ({
  id_number: c.idNumber,
  name: c.name,
  sex: c.sex,
  birth_date: c.birthDate,
  hukou_place: c.hukouPlace,
  residence: c.residence,
  guardian_name: c.guardianName,
  guardian_phone: c.guardianPhone,
  special_groups: json(c.specialGroups),
});

export async function insertChildren(
  db: Database,
  meta: { regionId: string; actorId: string; at: string },
  rows: { id: string; child: ChildRow }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto("school_age_children")
      .values(
        rows.slice(i, i + 1000).map((r) => ({
          region_id: meta.regionId,
          id: r.id,
          ...columns(r.child),
          compared_at: meta.at,
          created_by: meta.actorId,
          created_at: meta.at,
          updated_at: meta.at,
        })),
      )
      .execute();
}

export async function updateChild(db: Database, regionId: string, id: string, child: ChildRow, at: string) {
  await db
    .updateTable("school_age_children")
    .set((eb) => ({ ...columns(child), updated_at: at, version: eb("version", "+", 1) }))
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .execute();
}

/**
 * 户籍 ↔ 学籍: each child (or those named) matched by 身份证件号 — never by name — with a student of
 * the rolls, and the school and grade of that student's latest record; the answer counts those compared
 * and those whose match changed.
 */
export async function compareWithRolls(
  db: Database,
  regionId: string,
  at: string,
  ids?: string[],
): Promise<{ compared: number; changed: number }> {
  const only = ids ? sql`AND c.id = ANY(${ids}::text[])` : sql``;
  const { rows } = await sql<{ changed: boolean }>`
    WITH m AS (
      SELECT c.id, s.id AS student_id, s.student_no, r.org_id, r.grade, r.year,
             (c.roll_student_id IS DISTINCT FROM s.id OR c.roll_org_id IS DISTINCT FROM r.org_id
               OR c.roll_grade IS DISTINCT FROM r.grade OR c.roll_year IS DISTINCT FROM r.year
               OR c.roll_student_no IS DISTINCT FROM s.student_no) AS changed
        FROM school_age_children c
        LEFT JOIN screening_students s ON s.region_id = c.region_id AND s.id_number = c.id_number
        LEFT JOIN LATERAL (
          SELECT x.org_id, x.grade, x.year FROM screening_results x
           WHERE x.region_id = s.region_id AND x.student_id = s.id AND x.superseded_at IS NULL
           ORDER BY x.year DESC, x.measured_on DESC LIMIT 1) r ON true
       WHERE c.region_id = ${regionId} ${only})
    UPDATE school_age_children c
       SET compared_at = ${at}, roll_student_id = m.student_id, roll_student_no = m.student_no,
           roll_org_id = m.org_id, roll_grade = m.grade, roll_year = m.year,
           version = c.version + CASE WHEN m.changed THEN 1 ELSE 0 END,
           updated_at = CASE WHEN m.changed THEN ${at}::timestamptz ELSE c.updated_at END
      FROM m
     WHERE c.region_id = ${regionId} AND c.id = m.id
    RETURNING m.changed`.execute(db);
  return { compared: rows.length, changed: rows.filter((r) => r.changed).length };
}

// --- the view -----------------------------------------------------------------------------------

export interface ChildScope {
  regionId: string;
  /** The schools whose children (on their roll, or with a case there) are listed; undefined: all. */
  orgIds?: string[];
  /** Born after this day and on or before that: of compulsory age on the day asked. */
  bornAfter: string;
  bornBy: string;
  /** A roll record of this year or later counts as enrolled. */
  sinceYear: number;
}

/** A child's status: the case's, else on a roll, else out of the age range, else not enrolled. */
const statusOf = (s: ChildScope) => sql<ChildStatus>`CASE
  WHEN r.state = 'at_risk' THEN 'suspected'
  WHEN r.state IS NOT NULL THEN r.state
  WHEN c.roll_org_id IS NOT NULL AND c.roll_year >= ${s.sinceYear} THEN 'enrolled'
  WHEN c.birth_date <= ${s.bornAfter}::date OR c.birth_date > ${s.bornBy}::date THEN 'out_of_age'
  ELSE 'not_enrolled' END`;

const enrolledSql = (s: ChildScope) => sql<boolean>`(c.roll_org_id IS NOT NULL AND c.roll_year >= ${s.sinceYear})`;
const outOfAgeSql = (s: ChildScope) =>
  sql<boolean>`(c.birth_date <= ${s.bornAfter}::date OR c.birth_date > ${s.bornBy}::date)`;
const CASE_STATE: Partial<Record<ChildStatus, string>> = {
  suspected: "at_risk",
  dropped_out: "dropped_out",
  persuading: "persuading",
  returned: "returned",
  placed: "placed",
};

/** statusOf(s) = status, written so that the children without a case need no join to be filtered. */
function statusIs(s: ChildScope, status: ChildStatus) {
  const state = CASE_STATE[status];
  if (state) return sql<boolean>`(c.case_id IS NOT NULL AND r.state = ${state})`;
  const plain =
    status === "enrolled"
      ? enrolledSql(s)
      : status === "out_of_age"
        ? sql`(NOT ${enrolledSql(s)} AND ${outOfAgeSql(s)})`
        : sql`(NOT ${enrolledSql(s)} AND NOT ${outOfAgeSql(s)})`;
  return sql<boolean>`(c.case_id IS NULL AND ${plain})`;
}

/**
 * The children of a scope. Some schools' are those on their rolls and those sent to them with a case
 * (and not on their rolls), read as two index scans, not as a filter on the county's roster in its
 * order (a page of a school's children read thousands of the county's to find its own).
 */
const scopedChildren = (db: Database, s: ChildScope) => {
  const roster = () => db.selectFrom("school_age_children").selectAll().where("region_id", "=", s.regionId);
  if (!s.orgIds) return db.selectFrom(roster().as("c"));
  const ids = s.orgIds.length > 0 ? s.orgIds : [""];
  const onRoll = roster().where("roll_org_id", "in", ids);
  const sent = roster()
    .where("case_org_id", "in", ids)
    .where((eb) => eb.or([eb("roll_org_id", "is", null), eb("roll_org_id", "not in", ids)]));
  return db.selectFrom(onRoll.unionAll(sent).as("c"));
};

/** The children of a scope with their case (if any). */
const scoped = (db: Database, s: ChildScope) =>
  scopedChildren(db, s).leftJoin("ledger_records as r", (j) =>
    j.onRef("r.region_id", "=", "c.region_id").onRef("r.id", "=", "c.case_id"),
  );

/**
 * Each status's count: the children without a case counted on their own table in one pass (no join),
 * those with one (few) by their case's state.
 */
export async function countByStatus(db: Database, s: ChildScope): Promise<Record<string, number>> {
  const enrolled = enrolledSql(s);
  const outOfAge = outOfAgeSql(s);
  const [plain, cases] = await Promise.all([
    scopedChildren(db, s)
      .where("c.case_id", "is", null)
      .select([
        sql<number>`count(*) FILTER (WHERE ${enrolled})::int`.as("enrolled"),
        sql<number>`count(*) FILTER (WHERE NOT ${enrolled} AND ${outOfAge})::int`.as("out_of_age"),
        sql<number>`count(*) FILTER (WHERE NOT ${enrolled} AND NOT ${outOfAge})::int`.as("not_enrolled"),
      ])
      .executeTakeFirstOrThrow(),
    scoped(db, s)
      .where("c.case_id", "is not", null)
      .select([statusOf(s).as("status"), sql<number>`count(*)::int`.as("n")])
      .groupBy(sql`1`)
      .execute(),
  ]);
  const counts: Record<string, number> = {};
  for (const [k, n] of [...Object.entries(plain), ...cases.map((c) => [c.status, c.n] as const)])
    if (Number(n) > 0) counts[k] = (counts[k] ?? 0) + Number(n);
  return counts;
}

/** The region's 适龄儿童 version (migration 0030): replaced by every write to its children or its 控辍 cases. */
export async function schoolAgeVersion(db: Database, regionId: string): Promise<string | null> {
  const { rows } = await sql<{ version: string }>`
    SELECT version FROM ledger_versions WHERE region_id = ${regionId} AND type = 'school_age'`.execute(db);
  return rows[0]?.version ?? null;
}

export type ChildListRow = Pick<
  SchoolAgeChildrenTable,
  | "id"
  | "id_number"
  | "name"
  | "sex"
  | "hukou_place"
  | "residence"
  | "guardian_name"
  | "guardian_phone"
  | "roll_student_no"
  | "roll_org_id"
  | "roll_grade"
  | "roll_year"
  | "case_id"
  | "case_org_id"
> & {
  birth_date: string;
  special_groups: string[];
  compared_at: string;
  school_name: string | null;
  status: ChildStatus;
};

/**
 * A page of a scope's children (of a status), with their case's status and their school's name. The
 * page is chosen on the children's own columns first (the case joined only when the status filter is
 * a case's, else the planner drops it), then only its rows are joined: a school's page no longer
 * hashes every ledger record of the county.
 */
export async function listChildren(
  db: Database,
  s: ChildScope & { status?: ChildStatus; limit: number; offset: number; ids?: string[] },
): Promise<ChildListRow[]> {
  let page = scoped(db, s).selectAll("c");
  if (s.status) page = page.where(statusIs(s, s.status));
  if (s.ids) page = page.where("c.id", "in", s.ids.length > 0 ? s.ids : [""]);
  const rows = await db
    .selectFrom(page.orderBy("c.id_number").limit(s.limit).offset(s.offset).as("c"))
    .leftJoin("ledger_records as r", (j) => j.onRef("r.region_id", "=", "c.region_id").onRef("r.id", "=", "c.case_id"))
    .leftJoin("orgs as o", (j) =>
      j
        .onRef("o.region_id", "=", "c.region_id")
        .on((eb) => eb("o.id", "=", eb.fn.coalesce("c.roll_org_id", "c.case_org_id"))),
    )
    .select([
      "c.id",
      "c.id_number",
      "c.name",
      "c.sex",
      sql<string>`to_char(c.birth_date, 'YYYY-MM-DD')`.as("birth_date"),
      "c.hukou_place",
      "c.residence",
      "c.guardian_name",
      "c.guardian_phone",
      "c.special_groups",
      sql<string>`c.compared_at::text`.as("compared_at"),
      "c.roll_student_no",
      "c.roll_org_id",
      "c.roll_grade",
      "c.roll_year",
      "c.case_id",
      "c.case_org_id",
      "o.name as school_name",
      statusOf(s).as("status"),
    ])
    .orderBy("c.id_number")
    .execute();
  return rows as ChildListRow[];
}

export async function findChild(db: Database, regionId: string, id: string) {
  return db
    .selectFrom("school_age_children")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function linkCase(db: Database, regionId: string, id: string, caseId: string, orgId: string, at: string) {
  await db
    .updateTable("school_age_children")
    .set((eb) => ({ case_id: caseId, case_org_id: orgId, updated_at: at, version: eb("version", "+", 1) }))
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .execute();
}

/** Of some children, how many the comparison found on a roll and how many not. */
export async function countMatched(db: Database, regionId: string, ids: string[]) {
  if (ids.length === 0) return { matched: 0, unmatched: 0 };
  const row = await db
    .selectFrom("school_age_children")
    .select([
      sql<number>`count(*) FILTER (WHERE roll_org_id IS NOT NULL)::int`.as("matched"),
      sql<number>`count(*) FILTER (WHERE roll_org_id IS NULL)::int`.as("unmatched"),
    ])
    .where("region_id", "=", regionId)
    .where("id", "in", ids)
    .executeTakeFirstOrThrow();
  return { matched: Number(row.matched), unmatched: Number(row.unmatched) };
}
