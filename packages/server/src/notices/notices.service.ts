import { type Actor, canManagePlanOf, isUnitRole, PLAN_MANAGERS, sees } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import { findVisibleFiles } from "../files/files.repository.js";
import { json, newId } from "../ids.js";
import { todayInShanghai } from "../progress/periods.js";
import { readableTask } from "../progress/progress.service.js";
import { insertNotifications } from "../reminders/reminders.repository.js";
import { auditorFor } from "../supervision/audit.js";
import { noticeNumber, supervisionError } from "../supervision/messages.js";
import { sdb } from "../supervision/schema.js";
import * as repo from "./notices.repository.js";

const audit = auditorFor("supervision_notice");

import type { Clock } from "../status/status.service.js";

export interface NoticeInput {
  taskId: string;
  orgId: string;
  reason: string;
  requirement: string;
  replyDue: string;
}

/** Issues a 督办单 to one unit of a task, numbered 督办〔year〕第N号 within the region. */
export async function issueNotice(database: Database, actor: Actor, input: NoticeInput, now: Clock) {
  const db = sdb(database);
  const { task, plan } = await readableTask(database, actor, input.taskId);
  if (!canManagePlanOf(actor, plan.org_id)) throw notFound("TASK_NOT_FOUND");
  if (!(await repo.isAssigned(db, task.region_id, task.id, input.orgId))) {
    throw supervisionError("UNIT_NOT_ASSIGNED", 400);
  }
  const at = now();
  const today = todayInShanghai(at);
  if (input.replyDue < today) throw supervisionError("REPLY_DUE_INVALID", 400);
  const year = Number(today.slice(0, 4));
  return db.transaction().execute(async (trx) => {
    const seq = await repo.nextNoticeSeq(trx, task.region_id, year);
    const notice = await repo.insertNotice(trx, {
      region_id: task.region_id,
      id: newId(),
      plan_id: plan.id,
      task_id: task.id,
      org_id: input.orgId,
      year,
      seq,
      doc_no: noticeNumber(year, seq),
      reason: input.reason,
      requirement: input.requirement,
      reply_due: input.replyDue,
      status: "issued",
      issued_by: actor.userId,
      issued_at: at.toISOString(),
    });
    await insertNotifications(trx, [
      {
        region_id: task.region_id,
        org_id: input.orgId,
        event: "new_notice",
        entity_kind: "notice",
        entity_id: notice.id,
        title: `收到${notice.doc_no}`,
        body: `${task.no} ${task.title}：${input.reason}（请于${input.replyDue}前反馈）`,
        delivery_key: `new_notice:notice:${notice.id}:${today}`,
      },
    ]);
    await audit(trx, actor, notice.region_id, notice.id, "issue", undefined, notice);
    return notice;
  });
}

/** Inbox: notices addressed to the actor's units. Outbox: notices issued in the actor's regions. */
export async function listNotices(database: Database, actor: Actor, box: "inbox" | "outbox", status?: string) {
  const db = sdb(database);
  if (box === "inbox") return repo.listNotices(db, { orgIds: actor.visibleOrgIds, status });
  if (isUnitRole(actor)) return [];
  return repo.listNotices(db, { regionIds: actor.visibleOrgIds, status });
}

async function visibleNotice(database: Database, actor: Actor, id: string) {
  const notice = await repo.findNotice(sdb(database), id);
  if (!notice || !(sees(actor, notice.org_id) || sees(actor, notice.region_id))) {
    throw supervisionError("NOTICE_NOT_FOUND", 404);
  }
  return notice;
}

export async function noticeDetail(database: Database, actor: Actor, id: string) {
  const notice = await visibleNotice(database, actor, id);
  return { ...notice, replies: await repo.repliesOf(sdb(database), notice.region_id, notice.id) };
}

/** The unit answers with text and evidence files it may read. */
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
  return sdb(database)
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
    });
}

async function managedNotice(database: Database, actor: Actor, id: string) {
  const notice = await visibleNotice(database, actor, id);
  if (!PLAN_MANAGERS.includes(actor.role) || !sees(actor, notice.region_id))
    throw supervisionError("NOTICE_NOT_FOUND", 404);
  if (notice.status === "closed") throw supervisionError("NOTICE_CLOSED", 409);
  return notice;
}

export async function closeNotice(database: Database, actor: Actor, id: string, note: string, now: Clock) {
  const notice = await managedNotice(database, actor, id);
  return sdb(database)
    .transaction()
    .execute(async (trx) => {
      const updated = await repo.updateNotice(trx, notice, {
        status: "closed",
        closed_by: actor.userId,
        closed_at: now().toISOString(),
        close_note: note,
      });
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
    });
}

/** 升级督办: one level up, a new reply deadline, and the unit is told again. */
export async function escalateNotice(
  database: Database,
  actor: Actor,
  id: string,
  input: { note: string; replyDue: string },
  now: Clock,
) {
  const notice = await managedNotice(database, actor, id);
  const today = todayInShanghai(now());
  if (input.replyDue < today) throw supervisionError("REPLY_DUE_INVALID", 400);
  return sdb(database)
    .transaction()
    .execute(async (trx) => {
      const updated = await repo.updateNotice(trx, notice, {
        status: "escalated",
        level: notice.level + 1,
        reply_due: input.replyDue,
        escalation_note: input.note,
      });
      await insertNotifications(trx, [
        {
          region_id: notice.region_id,
          org_id: notice.org_id,
          event: "new_notice",
          entity_kind: "notice",
          entity_id: notice.id,
          title: `${notice.doc_no}已升级督办`,
          body: `${input.note}（请于${input.replyDue}前反馈）`,
          delivery_key: `new_notice:notice:${notice.id}:L${updated.level}:${today}`,
        },
      ]);
      await audit(
        trx,
        actor,
        notice.region_id,
        notice.id,
        "escalate",
        { level: notice.level },
        { level: updated.level, ...input },
      );
      return updated;
    });
}

export { visibleNotice };
