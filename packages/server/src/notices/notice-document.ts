import type { Actor } from "../auth/actor.js";
import { letterheadOf } from "../bureau/bureau.service.js";
import { colophonOf } from "../bureau/letterhead.js";
import type { Database } from "../db/database.js";
import { chineseDate, NOTICE_STATUS_LABELS } from "../supervision/messages.js";
import { OfficialDoc } from "../supervision/official-docx.js";
import { noticeDetail } from "./notices.service.js";

/** 督办通知单 as a Word form: the notice, then the unit's feedback (办理情况反馈). */
export async function noticeDocx(db: Database, actor: Actor, id: string) {
  const n = await noticeDetail(db, actor, id);
  const letterhead = await letterheadOf(db, n.region_id);
  const issuedOn = chineseDate(n.issued_at);
  const title = `${letterhead.fullName}督办通知单`;
  const doc = new OfficialDoc()
    .redHeader(letterhead.mark, n.doc_no)
    .title(title)
    .centered(`签发日期：${issuedOn}`)
    .table(
      ["项目", "内容"],
      [
        ["督办事项", `${n.task_no} ${n.task_title}`],
        ["承办单位", n.org_name],
        ["督办原因", n.reason],
        ["办理要求", n.requirement],
        ["办结时限", chineseDate(n.reply_due)],
        [
          "督办级别",
          n.level > 1 ? `升级督办（第${n.level}级）${n.escalation_note ? `：${n.escalation_note}` : ""}` : "一般督办",
        ],
        ["办理状态", NOTICE_STATUS_LABELS[n.status]],
      ],
      [22, 78],
    )
    .heading("办理情况反馈");
  if (n.replies.length === 0) doc.paragraph("（承办单位填写办理情况、整改措施及结果，负责人签字并加盖公章后反馈。）");
  else
    doc.table(
      ["反馈时间", "办理情况", "附件"],
      n.replies.map((r) => [chineseDate(r.replied_at), r.text, `${r.file_ids.length}份`]),
      [22, 64, 14],
    );
  doc.signature(letterhead.signature, issuedOn).note(letterhead.contactLine).colophon(colophonOf(letterhead, issuedOn));
  return { filename: `${n.doc_no}.docx`, bytes: await doc.toBuffer(title) };
}
