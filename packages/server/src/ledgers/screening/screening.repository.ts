import { type Insertable, sql, type Transaction } from "kysely";
import { insertChunks } from "../../db/chunks.js";
import type { Database } from "../../db/database.js";
import type { DB } from "../../db/schema.js";
import type { Counts } from "./rates.js";
import type {
  ScreeningFollowupsTable,
  ScreeningImportsTable,
  ScreeningResultsTable,
  ScreeningStudentsTable,
} from "./schema.js";

/** SQL of the screening ledger (migration 0022). */

type Db = Database | Transaction<DB>;

export async function studentsByKeys(db: Db, regionId: string, studentNos: string[], idNumbers: string[]) {
  if (studentNos.length === 0 && idNumbers.length === 0) return [];
  return db
    .selectFrom("screening_students")
    .select(["id", "student_no", "id_number", "sex", "birth_date", "name"])
    .where("region_id", "=", regionId)
    .where((eb) =>
      eb.or([
        ...(studentNos.length > 0 ? [eb("student_no", "in", studentNos)] : []),
        ...(idNumbers.length > 0 ? [eb("id_number", "in", idNumbers)] : []),
      ]),
    )
    .execute();
}

export async function insertStudents(db: Db, rows: Insertable<ScreeningStudentsTable>[]) {
  for (const chunk of insertChunks(rows)) await db.insertInto("screening_students").values(chunk).execute();
}

/** A known student gains the key they lacked (an 身份证号 to a 学籍号, or the other way). */
export async function completeStudentKeys(
  db: Db,
  regionId: string,
  id: string,
  keys: { student_no: string | null; id_number: string | null },
) {
  await db
    .updateTable("screening_students")
    .set((eb) => ({
      student_no: eb.fn.coalesce("student_no", sql<string | null>`${keys.student_no}::text`),
      id_number: eb.fn.coalesce("id_number", sql<string | null>`${keys.id_number}::text`),
    }))
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .execute();
}

/** The current results of students in some years. */
export async function currentResults(db: Db, regionId: string, studentIds: string[], years: number[]) {
  if (studentIds.length === 0) return [];
  const out = [];
  for (let i = 0; i < studentIds.length; i += 5000) {
    out.push(
      ...(await db
        .selectFrom("screening_results")
        .select(["id", "student_id", "year", "myopic", "bmi_category", "va_left", "va_right"])
        .where("region_id", "=", regionId)
        .where("student_id", "in", studentIds.slice(i, i + 5000))
        .where("year", "in", years)
        .where("superseded_at", "is", null)
        .execute()),
    );
  }
  return out;
}

export async function supersede(db: Db, regionId: string, ids: string[], by: string, at: string) {
  for (let i = 0; i < ids.length; i += 5000)
    await db
      .updateTable("screening_results")
      .set({ superseded_at: at, superseded_by: by })
      .where("region_id", "=", regionId)
      .where("id", "in", ids.slice(i, i + 5000))
      .execute();
}

export async function insertImport(db: Db, row: Insertable<ScreeningImportsTable>) {
  await db.insertInto("screening_imports").values(row).execute();
}

export async function insertResults(db: Db, rows: Insertable<ScreeningResultsTable>[]) {
  for (const chunk of insertChunks(rows)) await db.insertInto("screening_results").values(chunk).execute();
}

export async function insertFollowups(db: Db, rows: Insertable<ScreeningFollowupsTable>[]) {
  for (const chunk of insertChunks(rows))
    await db
      .insertInto("screening_followups")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["region_id", "student_id", "year"]).doUpdateSet((eb) => ({
          result_id: eb.ref("excluded.result_id"),
          reasons: eb.ref("excluded.reasons"),
          org_id: eb.ref("excluded.org_id"),
        })),
      )
      .execute();
}

/** The level rates are counted at: a grouping of the rates view, or the year's total (bound metrics). */
export type CountLevel = "school" | "grade" | "class" | "sex" | "total";

/** The dimensions a level groups by (and so the only ones its rows carry). */
export interface LevelDims {
  school: { org_id: string; org_name: string };
  grade: { grade: number };
  class: { org_id: string; org_name: string; grade: number; class_name: string | null };
  sex: { sex: "male" | "female" };
  total: Record<never, never>;
}

/** A group's counts of a year at a level: the year, the level's dimensions and the counts. */
export type CountRow<L extends CountLevel> = Counts & { year: number } & LevelDims[L];

const COUNTS = sql`count(*)::int AS students,
  count(r.myopic)::int AS "visionDecided",
  count(*) FILTER (WHERE r.myopic IS NULL
    AND (r.va_left IS NOT NULL OR r.va_right IS NOT NULL OR r.glasses = 'ortho_k'))::int AS "visionUndecided",
  count(*) FILTER (WHERE r.myopic)::int AS myopic,
  count(r.bmi_category)::int AS "bmiMeasured",
  count(*) FILTER (WHERE r.bmi_category = 'overweight')::int AS overweight,
  count(*) FILTER (WHERE r.bmi_category = 'obese')::int AS obese,
  count(r.fitness_grade)::int AS "fitnessGraded",
  count(*) FILTER (WHERE r.fitness_grade = 'excellent')::int AS excellent,
  count(*) FILTER (WHERE r.fitness_grade = 'good')::int AS good,
  count(*) FILTER (WHERE r.fitness_grade = 'pass')::int AS pass`;

/** Per level: the result columns grouped by, and whether the students' sex is read. */
const GROUPING: Record<CountLevel, { columns: string[]; sex: boolean }> = {
  school: { columns: ["org_id"], sex: false },
  grade: { columns: ["grade"], sex: false },
  class: { columns: ["org_id", "grade", "class_name"], sex: false },
  sex: { columns: [], sex: true },
  total: { columns: [], sex: false },
};

/**
 * Counts per year and the level's groups (school; grade; school, grade and class; sex; or none):
 * the one place rates are counted. Grouped in SQL at the level asked over the covering index of
 * migration 0028 (an index-only scan), schools' names joined to the groups, not to the results; a
 * row holds only the dimensions its level groups by.
 */
export async function rateCounts<L extends CountLevel>(
  db: Database,
  regionId: string,
  years: number[],
  level: L,
  orgIds?: string[],
): Promise<CountRow<L>[]> {
  const { columns, sex } = GROUPING[level];
  const dims = [sql.ref("r.year"), ...columns.map((c) => sql.ref(`r.${c}`)), ...(sex ? [sql.ref("s.sex")] : [])];
  const counted = sql`
    SELECT ${sql.join(dims)}, ${COUNTS}
      FROM screening_results r
      ${sex ? sql`JOIN screening_students s ON s.region_id = r.region_id AND s.id = r.student_id` : sql``}
     WHERE r.region_id = ${regionId} AND r.superseded_at IS NULL AND r.year = ANY(${years}::int[])
       ${orgIds ? sql`AND r.org_id = ANY(${orgIds}::text[])` : sql``}
     GROUP BY ${sql.join(dims)}`;
  const { rows } = columns.includes("org_id")
    ? await sql<CountRow<L>>`
        SELECT c.*, o.name AS org_name FROM (${counted}) c
          JOIN orgs o ON o.region_id = ${regionId} AND o.id = c.org_id`.execute(db)
    : await sql<CountRow<L>>`${counted}`.execute(db);
  return rows;
}

export interface ResultRow {
  id: string;
  student_id: string;
  org_id: string;
  org_name: string;
  year: number;
  grade: number;
  class_name: string | null;
  measured_on: string;
  name: string | null;
  student_no: string | null;
  id_number: string | null;
  sex: "male" | "female";
  birth_date: string;
  height_cm: number | null;
  weight_kg: number | null;
  va_left: number | null;
  va_right: number | null;
  se_left: number | null;
  se_right: number | null;
  glasses: string;
  myopic: boolean | null;
  bmi: number | null;
  bmi_category: string | null;
  fitness_grade: string | null;
  fitness_total: number | null;
  explanations: Record<string, string | null>;
  rules: Record<string, string | null>;
}

const RESULT_COLUMNS = sql`r.id, r.student_id, r.org_id, o.name AS org_name, r.year, r.grade, r.class_name, r.measured_on,
  s.name, s.student_no, s.id_number, s.sex, s.birth_date, r.height_cm, r.weight_kg, r.va_left, r.va_right,
  r.se_left, r.se_right, r.glasses, r.myopic, r.bmi, r.bmi_category, r.fitness_grade, r.fitness_total,
  r.explanations, r.rules`;

export async function listResults(
  db: Database,
  regionId: string,
  q: { year: number; orgIds?: string[]; orgId?: string; grade?: number; limit: number; offset: number },
): Promise<{ rows: ResultRow[]; total: number }> {
  const where = sql`r.region_id = ${regionId} AND r.superseded_at IS NULL AND r.year = ${q.year}
    ${q.orgIds ? sql`AND r.org_id = ANY(${q.orgIds}::text[])` : sql``}
    ${q.orgId ? sql`AND r.org_id = ${q.orgId}` : sql``}
    ${q.grade ? sql`AND r.grade = ${q.grade}` : sql``}`;
  const { rows } = await sql<ResultRow>`
    SELECT ${RESULT_COLUMNS}
      FROM screening_results r
      JOIN screening_students s ON s.region_id = r.region_id AND s.id = r.student_id
      JOIN orgs o ON o.region_id = r.region_id AND o.id = r.org_id
     WHERE ${where}
     ORDER BY o.name, r.grade, r.class_name, s.student_no, s.id
     LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db);
  const { rows: count } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM screening_results r WHERE ${where}`.execute(db);
  return { rows, total: Number(count[0]?.n ?? 0) };
}

export async function resultOf(db: Database, regionId: string, id: string): Promise<ResultRow | undefined> {
  const { rows } = await sql<ResultRow>`
    SELECT ${RESULT_COLUMNS}
      FROM screening_results r
      JOIN screening_students s ON s.region_id = r.region_id AND s.id = r.student_id
      JOIN orgs o ON o.region_id = r.region_id AND o.id = r.org_id
     WHERE r.region_id = ${regionId} AND r.id = ${id}`.execute(db);
  return rows[0];
}

export interface FollowupRow extends ResultRow {
  followup_id: string;
  reasons: string[];
  retest_due: string | null;
  retested_on: string | null;
  retest_note: string | null;
  interventions: { kind: string; doneOn: string; note: string | null; actorName: string | null; at: string }[];
}

export async function listFollowups(
  db: Database,
  regionId: string,
  q: { year?: number; orgIds?: string[]; followupId?: string; grade?: number; className?: string },
): Promise<FollowupRow[]> {
  const { rows } = await sql<FollowupRow>`
    SELECT ${RESULT_COLUMNS}, f.id AS followup_id, f.reasons, f.retest_due, f.retested_on, f.retest_note,
           COALESCE((SELECT json_agg(json_build_object('kind', i.kind, 'doneOn', i.done_on, 'note', i.note,
                       'actorName', u.display_name, 'at', i.at) ORDER BY i.at)
                       FROM screening_interventions i
                       LEFT JOIN users u ON u.region_id = i.region_id AND u.id = i.actor_id
                      WHERE i.region_id = f.region_id AND i.followup_id = f.id), '[]'::json) AS interventions
      FROM screening_followups f
      JOIN screening_results r ON r.region_id = f.region_id AND r.id = f.result_id
      JOIN screening_students s ON s.region_id = r.region_id AND s.id = r.student_id
      JOIN orgs o ON o.region_id = r.region_id AND o.id = r.org_id
     WHERE f.region_id = ${regionId}
       ${q.year ? sql`AND f.year = ${q.year}` : sql``}
       ${q.orgIds ? sql`AND f.org_id = ANY(${q.orgIds}::text[])` : sql``}
       ${q.followupId ? sql`AND f.id = ${q.followupId}` : sql``}
       ${q.grade ? sql`AND r.grade = ${q.grade}` : sql``}
       ${q.className !== undefined ? sql`AND COALESCE(r.class_name, '') = ${q.className}` : sql``}
     ORDER BY o.name, r.grade, r.class_name, s.student_no, s.id`.execute(db);
  return rows;
}

export async function insertIntervention(
  db: Db,
  row: {
    region_id: string;
    id: string;
    followup_id: string;
    kind: "parent_notice" | "referral" | "exercise" | "diet";
    done_on: string;
    note: string | null;
    actor_id: string;
    at: string;
  },
) {
  await db.insertInto("screening_interventions").values(row).execute();
}

export async function setRetest(
  db: Db,
  regionId: string,
  id: string,
  set: { retest_due?: string | null; retested_on?: string | null; retest_note?: string | null },
) {
  await db.updateTable("screening_followups").set(set).where("region_id", "=", regionId).where("id", "=", id).execute();
}

/** Follow-ups whose re-test date has passed without a re-test (the warnings board). */
export async function overdueRetests(db: Database, regionId: string, today: string, orgIds?: string[]) {
  const { rows } = await sql<{ id: string; org_id: string; org_name: string; retest_due: string; year: number }>`
    SELECT f.id, f.org_id, o.name AS org_name, f.retest_due, f.year
      FROM screening_followups f JOIN orgs o ON o.region_id = f.region_id AND o.id = f.org_id
     WHERE f.region_id = ${regionId} AND f.retested_on IS NULL AND f.retest_due < ${today}::date
       ${orgIds ? sql`AND f.org_id = ANY(${orgIds}::text[])` : sql``}
     ORDER BY f.retest_due`.execute(db);
  return rows;
}
