import { type Insertable, sql, type Updateable } from "kysely";
import type { Database } from "../db/database.js";
import type { NoticeRepliesTable, SupervisionNoticesTable } from "../supervision/schema.js";

/** SQL of supervision notices (督办单). */

/** Next number of the region's year; the upsert's row lock makes concurrent issuers take turns. */
export async function nextNoticeSeq(db: Database, regionId: string, year: number): Promise<number> {
  const row = await db
    .insertInto("notice_sequences")
    .values({ region_id: regionId, year, last_no: 1 })
    .onConflict((oc) => oc.columns(["region_id", "year"]).doUpdateSet({ last_no: sql`notice_sequences.last_no + 1` }))
    .returning("last_no")
    .executeTakeFirstOrThrow();
  return row.last_no;
}

export async function insertNotice(db: Database, row: Insertable<SupervisionNoticesTable>) {
  return db.insertInto("supervision_notices").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertReply(db: Database, row: Insertable<NoticeRepliesTable>) {
  return db.insertInto("supervision_notice_replies").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateNotice(
  db: Database,
  notice: { region_id: string; id: string },
  set: Partial<
    Pick<
      Updateable<SupervisionNoticesTable>,
      "status" | "level" | "reply_due" | "closed_by" | "closed_at" | "close_note" | "escalation_note"
    >
  >,
) {
  return db
    .updateTable("supervision_notices")
    .set({ ...set, updated_at: sql`clock_timestamp()` })
    .where("region_id", "=", notice.region_id)
    .where("id", "=", notice.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A notice with what it is about: a task (its number and title) or a hazard (隐患, its place and description). */
const noticeColumns = (db: Database) =>
  db
    .selectFrom("supervision_notices as n")
    .leftJoin("plan_tasks as t", (j) => j.onRef("t.region_id", "=", "n.region_id").onRef("t.id", "=", "n.task_id"))
    .leftJoin("ledger_records as lr", (j) =>
      j.onRef("lr.region_id", "=", "n.region_id").onRef("lr.id", "=", "n.ledger_record_id"),
    )
    .innerJoin("orgs as o", "o.id", "n.org_id")
    .innerJoin("orgs as b", "b.id", "n.region_id")
    .selectAll("n")
    .select([
      "n.ledger_record_id as hazard_id",
      sql<string>`coalesce(t.no, '隐患')`.as("task_no"),
      sql<string>`coalesce(t.title, concat_ws('：', lr.fields ->> 'location', lr.fields ->> 'description'))`.as(
        "task_title",
      ),
      "o.name as org_name",
      "b.name as issuer_name",
    ])
    .where("n.deleted_at", "is", null);

export async function findNotice(db: Database, id: string) {
  return noticeColumns(db).where("n.id", "=", id).executeTakeFirst();
}

export async function listNotices(
  db: Database,
  q: {
    orgIds?: string[];
    regionIds?: string[];
    status?: string;
    taskId?: string;
    hazardId?: string;
    open?: boolean;
  },
) {
  let query = noticeColumns(db);
  if (q.orgIds) query = query.where("n.org_id", "in", q.orgIds.length ? q.orgIds : [""]);
  if (q.regionIds) query = query.where("n.region_id", "in", q.regionIds.length ? q.regionIds : [""]);
  if (q.taskId) query = query.where("n.task_id", "=", q.taskId);
  if (q.hazardId) query = query.where("n.ledger_record_id", "=", q.hazardId);
  if (q.open) query = query.where("n.status", "in", ["issued", "escalated"]);
  if (q.status) query = query.where("n.status", "=", q.status as SupervisionNoticesTable["status"]);
  return query.orderBy("n.year", "desc").orderBy("n.seq", "desc").limit(1000).execute();
}

export async function repliesOf(db: Database, regionId: string, noticeId: string) {
  return db
    .selectFrom("supervision_notice_replies")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("notice_id", "=", noticeId)
    .where("deleted_at", "is", null)
    .orderBy("replied_at")
    .execute();
}

export async function isAssigned(db: Database, regionId: string, taskId: string, orgId: string): Promise<boolean> {
  const row = await db
    .selectFrom("assignments")
    .select("id")
    .where("region_id", "=", regionId)
    .where("task_id", "=", taskId)
    .where("org_id", "=", orgId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return row !== undefined;
}

/** Notices waiting for the unit's answer (待反馈 and 升级督办), for the inbox badge. */
export async function countOpen(db: Database, orgIds: string[]): Promise<number> {
  const row = await db
    .selectFrom("supervision_notices")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("org_id", "in", orgIds.length ? orgIds : [""])
    .where("status", "in", ["issued", "escalated"])
    .where("deleted_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The notice's audit trail with the actors' names: its history. */
export async function historyOf(db: Database, regionId: string, noticeId: string) {
  return db
    .selectFrom("audit_events as a")
    .leftJoin("users as u", "u.id", "a.actor_id")
    .select(["a.id", "a.at", "a.action", "a.after", "u.display_name as actor_name"])
    .where("a.region_id", "=", regionId)
    .where("a.entity", "=", "supervision_notice")
    .where("a.entity_id", "=", noticeId)
    .orderBy("a.at")
    .orderBy("a.id")
    .execute();
}

export async function filesByIds(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("files")
    .select(["id", "filename", "content_type", "size"])
    .where("id", "in", ids)
    .where("deleted_at", "is", null)
    .execute();
}

export async function userNames(db: Database, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom("users").select(["id", "org_id", "display_name"]).where("id", "in", ids).execute();
}
