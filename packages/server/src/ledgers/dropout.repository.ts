import type { LedgerType } from "@luoshi/contract";
import { sql } from "kysely";
import type { Database } from "../db/database.js";

/** SQL of 控辍 cases and 资助 records beyond the generic ledger queries: by student, escalated, counted. */

const ofType = (db: Database, regionId: string, type: LedgerType) =>
  db
    .selectFrom("ledger_records as r")
    .innerJoin("orgs as o", (j) => j.onRef("o.region_id", "=", "r.region_id").onRef("o.id", "=", "r.org_id"))
    .selectAll("r")
    .select("o.name as org_name")
    .where("r.region_id", "=", regionId)
    .where("r.type", "=", type);

export type StudentRecordRow = Awaited<ReturnType<typeof listStudentRecords>>[number];

export async function listStudentRecords(
  db: Database,
  f: {
    regionId: string;
    type: LedgerType;
    orgIds?: string[];
    state?: string;
    escalatedOnly?: boolean;
    schoolYear?: string;
    id?: string;
    limit: number;
    offset: number;
  },
) {
  let q = ofType(db, f.regionId, f.type);
  if (f.orgIds) q = q.where("r.org_id", "in", f.orgIds.length ? f.orgIds : [""]);
  if (f.state) q = q.where("r.state", "=", f.state as never);
  if (f.id) q = q.where("r.id", "=", f.id);
  if (f.escalatedOnly) q = q.where(sql<string>`r.fields ->> 'escalatedOn'`, "is not", null);
  if (f.schoolYear) q = q.where(sql<string>`r.fields ->> 'schoolYear'`, "=", f.schoolYear);
  return q.orderBy("r.updated_at", "desc").orderBy("r.id").limit(f.limit).offset(f.offset).execute();
}

/** Records of a student (by 学籍号) of a type in some states. */
export async function recordsOfStudent(
  db: Database,
  q: { regionId: string; type: LedgerType; studentNo: string; states: string[]; schoolYear?: string },
) {
  let query = db
    .selectFrom("ledger_records")
    .select(["id", "state"])
    .where("region_id", "=", q.regionId)
    .where("type", "=", q.type)
    .where(sql<string>`fields ->> 'studentNo'`, "=", q.studentNo)
    .where("state", "in", q.states as never[]);
  if (q.schoolYear) query = query.where(sql<string>`fields ->> 'schoolYear'`, "=", q.schoolYear);
  return query.execute();
}

/** Cases per school and state, and the escalated ones. */
export async function caseCounts(db: Database, regionId: string, orgIds?: string[]) {
  let q = db
    .selectFrom("ledger_records as r")
    .innerJoin("orgs as o", (j) => j.onRef("o.region_id", "=", "r.region_id").onRef("o.id", "=", "r.org_id"))
    .select(["r.org_id", "o.name as org_name", "r.state"])
    .select(sql<number>`count(*)::int`.as("n"))
    .select(sql<number>`count(r.fields ->> 'escalatedOn')::int`.as("escalated"))
    .where("r.region_id", "=", regionId)
    .where("r.type", "=", "dropout_case")
    .groupBy(["r.org_id", "o.name", "r.state"]);
  if (orgIds) q = q.where("r.org_id", "in", orgIds.length ? orgIds : [""]);
  return q.orderBy("o.name").execute();
}

/** Names of a region's organisations. */
export async function orgNames(db: Database, regionId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("orgs")
    .select(["id", "name"])
    .where("region_id", "=", regionId)
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A region's schools (removed ones too, with when), of some organisations only if given. */
export async function schoolsOf(db: Database, regionId: string, orgIds?: string[]) {
  let q = db
    .selectFrom("orgs")
    .select(["id", "name", "deleted_at"])
    .where("region_id", "=", regionId)
    .where("kind", "=", "school");
  if (orgIds) q = q.where("id", "in", orgIds.length ? orgIds : [""]);
  return q.orderBy("sort_order").orderBy("name").execute();
}

interface ActiveIn {
  regionId: string;
  from: string;
  to: string;
  orgIds?: string[];
}

/** Cases open at some time within [from, to]: found by its end, not closed before its start. */
function activeIn(db: Database, q: ActiveIn) {
  let query = ofType(db, q.regionId, "dropout_case")
    .where(sql<string>`r.fields ->> 'foundOn'`, "<=", q.to)
    .where((eb) =>
      eb.or([
        eb(sql<string>`r.fields ->> 'closedOn'`, "is", null),
        eb(sql<string>`r.fields ->> 'closedOn'`, ">=", q.from),
      ]),
    );
  if (q.orgIds) query = query.where("r.org_id", "in", q.orgIds.length ? q.orgIds : [""]);
  return query;
}

/** The cases open within [from, to], by school and date found (a page of them, if asked). */
export async function casesActiveIn(db: Database, q: ActiveIn & { page?: { limit: number; offset: number } }) {
  const query = activeIn(db, q).orderBy("o.name").orderBy(sql`r.fields ->> 'foundOn'`).orderBy("r.id");
  return (q.page ? query.limit(q.page.limit).offset(q.page.offset) : query).execute();
}

/** How many cases of each school and state were open within [from, to]. */
export async function tallyActiveIn(db: Database, q: ActiveIn) {
  return activeIn(db, q)
    .clearSelect()
    .select(["r.org_id", "r.state", sql<number>`count(*)::int`.as("n")])
    .groupBy(["r.org_id", "r.state"])
    .execute();
}

/** The open cases (在册风险, 已辍学, 劝返中) of some students (学籍号). */
export async function openCasesOf(db: Database, regionId: string, studentNos: string[]) {
  if (studentNos.length === 0) return [];
  return db
    .selectFrom("ledger_records")
    .select(["id", sql<string>`fields ->> 'studentNo'`.as("student_no")])
    .where("region_id", "=", regionId)
    .where("type", "=", "dropout_case")
    .where("state", "in", ["at_risk", "dropped_out", "persuading"])
    .where(sql<string>`fields ->> 'studentNo'`, "in", studentNos)
    .execute();
}
