import { recordAudit } from "../../audit/audit.repository.js";
import type { Actor } from "../../auth/actor.js";
import type { Database } from "../../db/database.js";
import { todayInShanghai } from "../../progress/periods.js";
import { orgScope } from "../ledger-access.js";
import { NOTICE_TITLE, parentNoticesDocx } from "./parent-notice.js";
import * as repo from "./screening.repository.js";
import { gradeLabel } from "./screening.service.js";
import { assertSeesIndividuals } from "./screening-access.js";
import { screeningError } from "./screening-errors.js";

/** Which notices: one follow-up, or every follow-up of a class (or of a grade when no class is named). */
export type NoticeQuery = { followupId: string } | { year: number; orgId?: string; grade: number; className?: string };

function noticeFilter(actor: Actor, q: NoticeQuery): Parameters<typeof repo.listFollowups>[2] {
  if ("followupId" in q) return { followupId: q.followupId };
  const orgIds = orgScope(actor, q.orgId);
  return {
    year: q.year,
    grade: q.grade,
    ...(q.className !== undefined ? { className: q.className } : {}),
    ...(orgIds ? { orgIds } : {}),
  };
}

/**
 * 家长告知书 as Word, for the school and the responsible department only (the names are in clear:
 * the letter goes to the parents). Each printed notice is audited on its follow-up (who printed whose).
 */
export async function parentNotices(db: Database, actor: Actor, q: NoticeQuery, now: () => Date) {
  assertSeesIndividuals(actor);
  const rows = await repo.listFollowups(db, actor.regionId, noticeFilter(actor, q));
  for (const r of rows) assertSeesIndividuals(actor, { region_id: actor.regionId, org_id: r.org_id });
  const [first] = rows;
  if (!first) throw screeningError("SCREENING_FOLLOWUP_NOT_FOUND", 404);
  const today = todayInShanghai(now());
  const bytes = await parentNoticesDocx(rows, today);
  await db.transaction().execute(async (trx) => {
    for (const r of rows)
      await recordAudit(trx, {
        regionId: actor.regionId,
        actorId: actor.userId,
        entity: "screening_followup",
        entityId: r.followup_id,
        action: "print_notice",
        after: { school: r.org_name, year: Number(r.year), students: rows.length },
      });
  });
  const who =
    "followupId" in q
      ? `${first.name ?? first.followup_id}`
      : `${first.org_name}${gradeLabel(q.grade)}${q.className ?? ""}（${rows.length}人）`;
  return { filename: `${NOTICE_TITLE}-${who}.docx`, bytes };
}
