import { type Actor, canManagePlanOf, isUnitRole, PLAN_MANAGERS, sees } from "../auth/actor.js";
import { noticeNumberOf } from "../bureau/bureau.service.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import { findVisibleFiles } from "../files/files.repository.js";
import { json, newId } from "../ids.js";
import { HAZARD } from "../ledgers/hazard-type.js";
import { assertReads } from "../ledgers/ledger-access.js";
import { findRecord, orgOf } from "../ledgers/ledgers.repository.js";
import { todayInShanghai } from "../progress/periods.js";
import { readableTask } from "../progress/progress.service.js";
import { leadersOf, type NewNotification } from "../reminders/reminders.repository.js";
import type { Clock } from "../status/status.service.js";
import { auditorFor } from "../supervision/audit.js";
import { supervisionError } from "../supervision/messages.js";
import { mentionNotifications, noticeNotification, notify } from "./notice-events.js";
import * as repo from "./notices.repository.js";

const audit = auditorFor("supervision_notice");

/** Called after the change is committed with the notifications it made (the routes push them to robots). */
export type OnNotified = (rows: NewNotification[]) => void;

export interface NoticeInput {
  /** What the notice is about: a task, or a campus-safety hazard (one of the two). */
  taskId?: string;
  hazardId?: string;
  orgId: string;
  reason: string;
  requirement: string;
  replyDue: string;
}

/** What a checked notice is about, as the rows and the unit's notification name it. */
interface Subject {
  regionId: string;
  planId: string | null;
  taskId: string | null;
  recordId: string | null;
  /** "3 推进课后服务" or "隐患 教学楼二楼走廊：灭火器压力不足". */
  label: string;
}

/** A task's notice: the task is the actor's to manage, the unit is assigned to it. */
async function taskSubject(database: Database, actor: Actor, taskId: string, orgId: string): Promise<Subject> {
  const { task, plan } = await readableTask(database, actor, taskId);
  if (!canManagePlanOf(actor, plan.org_id)) throw notFound("TASK_NOT_FOUND");
  if (!(await repo.isAssigned(database, task.region_id, task.id, orgId))) {
    throw supervisionError("UNIT_NOT_ASSIGNED", 400);
  }
  return {
    regionId: task.region_id,
    planId: plan.id,
    taskId: task.id,
    recordId: null,
    label: `${task.no} ${task.title}`,
  };
}

/**
 * A hazard's notice: the hazard is one the actor reads (ledger access) in the actor's own region; it
 * goes to the hazard's school or to a department of the bureau (the one overseeing the rectification).
 */
async function hazardSubject(database: Database, actor: Actor, hazardId: string, orgId: string): Promise<Subject> {
  const record = await findRecord(database, { regionId: actor.regionId, id: hazardId }, HAZARD.type);
  assertReads(actor, record);
  const org = await orgOf(database, actor.regionId, orgId);
  if (!org || (org.id !== record.org_id && org.kind !== "department")) {
    throw supervisionError("UNIT_NOT_HAZARD_UNIT", 400);
  }
  const f = record.fields;
  return {
    regionId: record.region_id,
    planId: null,
    taskId: null,
    recordId: record.id,
    label: `隐患 ${[f.location, f.description].filter((v) => typeof v === "string").join("：")}`,
  };
}

/** The checks of one notice to issue: its subject (a task or a hazard) and its reply date. */
async function checkedIssue(database: Database, actor: Actor, input: NoticeInput, today: string) {
  if ((input.taskId === undefined) === (input.hazardId === undefined)) {
    throw supervisionError("NOTICE_SUBJECT_INVALID", 400);
  }
  const subject = input.taskId
    ? await taskSubject(database, actor, input.taskId, input.orgId)
    : await hazardSubject(database, actor, input.hazardId!, input.orgId);
  if (input.replyDue < today) throw supervisionError("REPLY_DUE_INVALID", 400);
  return { subject, input };
}

/**
 * Issues 督办单 to units of tasks or hazards, numbered by the bureau's pattern (青教体督〔2026〕3号) within the region: all of them or
 * none (every one is checked before any is written). Each unit is told in the app, and its robots
 * by `onNotified`.
 */
export async function issueNotices(
  database: Database,
  actor: Actor,
  inputs: NoticeInput[],
  now: Clock,
  onNotified?: OnNotified,
) {
  const at = now();
  const today = todayInShanghai(at);
  const year = Number(today.slice(0, 4));
  const checked: Awaited<ReturnType<typeof checkedIssue>>[] = [];
  for (const input of inputs) checked.push(await checkedIssue(database, actor, input, today));
  const made: NewNotification[] = [];
  const notices = await database.transaction().execute(async (trx) => {
    const out = [];
    for (const { subject, input } of checked) {
      const seq = await repo.nextNoticeSeq(trx, subject.regionId, year);
      const notice = await repo.insertNotice(trx, {
        region_id: subject.regionId,
        id: newId(),
        plan_id: subject.planId,
        task_id: subject.taskId,
        ledger_record_id: subject.recordId,
        org_id: input.orgId,
        year,
        seq,
        doc_no: await noticeNumberOf(trx, subject.regionId, year, seq),
        reason: input.reason,
        requirement: input.requirement,
        reply_due: input.replyDue,
        status: "issued",
        issued_by: actor.userId,
        issued_at: at.toISOString(),
      });
      const rows = [
        noticeNotification(
          notice,
          { orgId: input.orgId },
          "new_notice",
          `收到${notice.doc_no}`,
          `${subject.label}：${input.reason}（请于${input.replyDue}前反馈）`,
          `new_notice:notice:${notice.id}:${today}`,
        ),
        ...(await mentionNotifications(trx, notice, notice.id, `${input.reason}\n${input.requirement}`, actor)),
      ];
      made.push(...(await notify(trx, rows, at)));
      await audit(trx, actor, notice.region_id, notice.id, "issue", undefined, notice);
      out.push(notice);
    }
    return out;
  });
  onNotified?.(made);
  return reread(database, notices);
}

/** Rows as lists show them (with task, unit and issuer names), after a change. */
async function reread(database: Database, rows: { id: string }[]) {
  const db = database;
  const out = [];
  for (const r of rows) out.push((await repo.findNotice(db, r.id))!);
  return out;
}

/** Issues one 督办单 (see issueNotices). */
export async function issueNotice(
  database: Database,
  actor: Actor,
  input: NoticeInput,
  now: Clock,
  onNotified?: OnNotified,
) {
  const [notice] = await issueNotices(database, actor, [input], now, onNotified);
  return notice!;
}

/** Inbox: notices addressed to the actor's units. Outbox: notices issued in the actor's regions. */
export async function listNotices(
  database: Database,
  actor: Actor,
  box: "inbox" | "outbox",
  status?: string,
  taskId?: string,
  hazardId?: string,
) {
  const db = database;
  if (hazardId) {
    // A hazard's notices: for whoever reads the hazard, a unit its own only (as a task's).
    const record = await findRecord(db, { regionId: actor.regionId, id: hazardId }, HAZARD.type);
    assertReads(actor, record);
    const all = await repo.listNotices(db, { regionIds: [record.region_id], hazardId, status });
    return isUnitRole(actor) ? all.filter((n) => sees(actor, n.org_id)) : all;
  }
  if (taskId) {
    // A task's notices: all of them for its managers and leaders, the unit's own for a unit.
    const { task, plan } = await readableTask(database, actor, taskId);
    const all = await repo.listNotices(db, { regionIds: [task.region_id], taskId: task.id, status });
    return sees(actor, plan.org_id) ? all : all.filter((n) => sees(actor, n.org_id));
  }
  if (box === "inbox") return repo.listNotices(db, { orgIds: actor.visibleOrgIds, status });
  if (isUnitRole(actor)) return [];
  return repo.listNotices(db, { regionIds: actor.visibleOrgIds, status });
}

/** Notices waiting for the actor's units to answer: the inbox badge. */
export async function openInboxCount(database: Database, actor: Actor) {
  return repo.countOpen(database, actor.role === "leader" ? [] : [actor.orgId]);
}

async function visibleNotice(database: Database, actor: Actor, id: string) {
  const notice = await repo.findNotice(database, id);
  if (!notice || !(sees(actor, notice.org_id) || sees(actor, notice.region_id))) {
    throw supervisionError("NOTICE_NOT_FOUND", 404);
  }
  return notice;
}

/** The notice with its replies (each with its evidence files and who answered) and its history. */
export async function noticeDetail(database: Database, actor: Actor, id: string) {
  const db = database;
  const notice = await visibleNotice(database, actor, id);
  const replies = await repo.repliesOf(db, notice.region_id, notice.id);
  const files = await repo.filesByIds(db, [...new Set(replies.flatMap((r) => r.file_ids))]);
  const names = new Map(
    (await repo.userNames(db, [...new Set(replies.map((r) => r.replied_by))])).map((u) => [u.id, u.display_name]),
  );
  return {
    ...notice,
    replies: replies.map((r) => ({
      ...r,
      replied_by_name: names.get(r.replied_by) ?? "",
      files: r.file_ids.flatMap((fid) => files.filter((f) => f.id === fid)),
    })),
    history: (await repo.historyOf(db, notice.region_id, notice.id)).map((h) => ({
      id: h.id,
      at: h.at,
      action: h.action,
      actor_name: h.actor_name ?? "系统",
      note: historyNote(h.action, h.after),
    })),
  };
}

/** What the history shows beside an action: the reason, the answer, the note. */
function historyNote(action: string, after: unknown): string {
  const a = (after ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  if (action === "issue") return `${text(a.reason)}（反馈时限 ${text(a.reply_due)}）`;
  if (action === "reply") return text((a.reply as Record<string, unknown> | undefined)?.text);
  if (action === "escalate") return `升级为第${a.level}级：${text(a.note)}（反馈时限 ${text(a.replyDue)}）`;
  if (action === "close") return text(a.note);
  return "";
}

/**
 * The unit answers with text and evidence files it may read (uploaded as progress evidence is).
 * The supervisor who issued the notice is told, and anyone named with @.
 */
export async function replyToNotice(
  database: Database,
  actor: Actor,
  id: string,
  input: { text: string; fileIds?: string[] },
  now: Clock,
) {
  const notice = await visibleNotice(database, actor, id);
  if (!sees(actor, notice.org_id)) throw supervisionError("NOT_NOTICE_UNIT", 403);
  if (notice.status === "closed") throw supervisionError("NOTICE_CLOSED", 409);
  const fileIds = [...new Set(input.fileIds ?? [])];
  if ((await findVisibleFiles(database, actor, fileIds)).length !== fileIds.length) throw notFound("FILE_NOT_FOUND");
  const [issuer] = await repo.userNames(database, [notice.issued_by]);
  return database
    .transaction()
    .execute(async (trx) => {
      const reply = await repo.insertReply(trx, {
        region_id: notice.region_id,
        id: newId(),
        notice_id: notice.id,
        org_id: notice.org_id,
        text: input.text,
        file_ids: json(fileIds),
        replied_by: actor.userId,
        replied_at: now().toISOString(),
      });
      const updated = await repo.updateNotice(trx, notice, { status: "replied" });
      const attached = fileIds.length > 0 ? `（附证明材料${fileIds.length}份）` : "";
      await notify(
        trx,
        [
          ...(issuer
            ? [
                noticeNotification(
                  notice,
                  { orgId: issuer.org_id, userId: issuer.id },
                  "notice_reply",
                  `${notice.org_name}已反馈${notice.doc_no}`,
                  `${input.text.slice(0, 200)}${attached}`,
                  `notice_reply:${reply.id}`,
                ),
              ]
            : []),
          ...(await mentionNotifications(trx, notice, reply.id, input.text, actor)),
        ],
        now(),
      );
      await audit(
        trx,
        actor,
        notice.region_id,
        notice.id,
        "reply",
        { status: notice.status },
        { status: "replied", reply },
      );
      return { notice: updated, reply };
    })
    .then(async (done) => ({ ...done, notice: (await reread(database, [done.notice]))[0]! }));
}

async function managedNotice(database: Database, actor: Actor, id: string) {
  const notice = await visibleNotice(database, actor, id);
  if (!PLAN_MANAGERS.includes(actor.role) || !sees(actor, notice.region_id))
    throw supervisionError("NOTICE_NOT_FOUND", 404);
  if (notice.status === "closed") throw supervisionError("NOTICE_CLOSED", 409);
  return notice;
}

/** 办结: the notice is done; the unit is told. */
export async function closeNotice(database: Database, actor: Actor, id: string, note: string, now: Clock) {
  const notice = await managedNotice(database, actor, id);
  return database
    .transaction()
    .execute(async (trx) => {
      const updated = await repo.updateNotice(trx, notice, {
        status: "closed",
        closed_by: actor.userId,
        closed_at: now().toISOString(),
        close_note: note,
      });
      await notify(
        trx,
        [
          noticeNotification(
            notice,
            { orgId: notice.org_id },
            "notice_closed",
            `${notice.doc_no}已办结`,
            note || `${notice.task_no} ${notice.task_title}`,
            `notice_closed:notice:${notice.id}`,
          ),
          ...(await mentionNotifications(trx, notice, `${notice.id}:close`, note, actor)),
        ],
        now(),
      );
      await audit(
        trx,
        actor,
        notice.region_id,
        notice.id,
        "close",
        { status: notice.status },
        { status: "closed", note },
      );
      return updated;
    })
    .then(async (done) => (await reread(database, [done]))[0]!);
}

/**
 * 升级督办: one level up and a new reply deadline; the unit is told again (in the app and by its
 * robots through `onNotified`), and so are its leaders, each in person: the unit's heads and the
 * bureau's leaders.
 */
export async function escalateNotice(
  database: Database,
  actor: Actor,
  id: string,
  input: { note: string; replyDue: string },
  now: Clock,
  onNotified?: OnNotified,
) {
  const notice = await managedNotice(database, actor, id);
  const today = todayInShanghai(now());
  if (input.replyDue < today) throw supervisionError("REPLY_DUE_INVALID", 400);
  const db = database;
  const leaders = await leadersOf(db, notice.region_id, notice.org_id);
  let made: NewNotification[] = [];
  const updated = await db.transaction().execute(async (trx) => {
    const row = await repo.updateNotice(trx, notice, {
      status: "escalated",
      level: notice.level + 1,
      reply_due: input.replyDue,
      escalation_note: input.note,
    });
    const key = `notice_escalated:notice:${notice.id}:L${row.level}`;
    const body = `${notice.task_no} ${notice.task_title}：${input.note}（请于${input.replyDue}前反馈）`;
    made = await notify(
      trx,
      [
        noticeNotification(
          notice,
          { orgId: notice.org_id },
          "notice_escalated",
          `${notice.doc_no}已升级督办`,
          body,
          `${key}:${today}`,
        ),
        ...leaders.map((u) =>
          noticeNotification(
            notice,
            { orgId: u.org_id, userId: u.id },
            "notice_escalated",
            `${notice.org_name}的${notice.doc_no}已升级为第${row.level}级督办`,
            body,
            `${key}:user:${u.id}`,
          ),
        ),
        ...(await mentionNotifications(trx, notice, `${notice.id}:L${row.level}`, input.note, actor)),
      ],
      now(),
    );
    await audit(
      trx,
      actor,
      notice.region_id,
      notice.id,
      "escalate",
      { level: notice.level },
      { level: row.level, ...input, leaders: leaders.map((u) => u.id) },
    );
    return row;
  });
  onNotified?.(made);
  return (await reread(database, [updated]))[0]!;
}

export { visibleNotice };
