import type {
  DropoutMonthlyReturn,
  DropoutQuarterReview,
  DropoutReturnBody,
  DropoutReturnQuery,
  DropoutReturns,
  DropoutReviewQuery,
} from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import { todayInShanghai } from "../progress/periods.js";
import * as dropoutRepo from "./dropout.repository.js";
import { presentCase } from "./dropout.service.js";
import { isSchoolSide, studentOrgScope } from "./dropout-access.js";
import { LEDGER_ASSIGNERS } from "./ledger-access.js";
import { ledgerError } from "./ledger-errors.js";
import { addDays, classifyReturns, nextStatusChange, periodEnd, summariseBy, summariseReturns } from "./returns.js";
import { findReturn, listReturns, lockReturn, writeReturn } from "./returns.repository.js";
import { type Clock, returnItems } from "./returns.service.js";

/**
 * The rhythm of 控辍保学 (四个一, ../shared/reference/dropout-and-aid.md): each school's monthly
 * return (一月一报告) on the periodic-returns foundation (dropout-source.ts: completeness, timeliness
 * and chasing work unchanged), listing the school's cases open in the month or a zero return; and the
 * county's quarterly review (一季度一复核), a return of the county itself completed by the department,
 * listing the schools' returns and every case of the quarter (masked).
 */

const TYPE = "dropout_case" as const;
/** The county's own unit of the quarterly review (one per region and quarter). */
const REVIEW_UNIT = "county_review";
/** Days after the quarter's end the review is due (17:00). */
const REVIEW_DAYS = 15;
const OUT = ["dropped_out", "persuading"];
const CLOSED = ["returned", "placed"];

type CaseRow = dropoutRepo.StudentRecordRow;

const sumOf = (tally: { n: number }[]) => tally.reduce((a, t) => a + Number(t.n), 0);

/** The counts of cases tallied by state. */
function tallyCounts(tally: { state: string; n: number }[]) {
  const sum = (states: string[]) => sumOf(tally.filter((t) => states.includes(t.state)));
  return { atRisk: sum(["at_risk"]), outOfSchool: sum(OUT), closed: sum(CLOSED) };
}

const countsOf = (cases: CaseRow[]) => tallyCounts(cases.map((c) => ({ state: c.state, n: 1 })));

const monthRange = (month: string) => {
  const from = `${month}-01`;
  return { from, to: periodEnd("month", from) };
};

/** The month's returns of the actor's schools: the school its own with its cases, the bureau every school's counts. */
export async function dropoutReturns(
  db: Database,
  actor: Actor,
  q: DropoutReturnQuery,
  now: Clock,
): Promise<DropoutReturns> {
  const { from, to } = monthRange(q.month);
  const orgIds = studentOrgScope(actor, q.orgId);
  const [{ units, items }, cases, stored] = await Promise.all([
    returnItems(db, { regionId: actor.regionId, type: TYPE, from, to: from, ...(orgIds ? { orgIds } : {}), at: now() }),
    dropoutRepo.casesActiveIn(db, { regionId: actor.regionId, from, to, ...(orgIds ? { orgIds } : {}) }),
    listReturns(db, { regionId: actor.regionId, type: TYPE, from, to: from, ...(orgIds ? { orgIds } : {}) }),
  ]);
  const payloads = new Map(stored.map((r) => [r.unit_id, r.payload as { caseIds?: string[] }]));
  const returns = items.map((i): DropoutMonthlyReturn => {
    const reported = payloads.get(i.unitId)?.caseIds;
    // A submitted return lists what it reported; an open one what it would report now.
    const own = cases.filter((c) => c.org_id === i.orgId && (!reported || reported.includes(c.id)));
    return {
      orgId: i.orgId,
      orgName: units.get(i.unitId)?.orgName ?? i.orgId,
      month: q.month,
      dueAt: i.dueAt,
      status: i.status,
      submittedAt: i.submittedAt,
      zero: i.zero,
      counts: countsOf(own),
      cases: isSchoolSide(actor, i.orgId) ? own.map(presentCase) : [],
    };
  });
  return { month: q.month, returns };
}

/** The school submits (or resubmits) its month's return: its cases open in the month, or a zero return. */
export async function submitDropoutReturn(db: Database, actor: Actor, body: DropoutReturnBody, now: Clock) {
  const orgId = body.orgId ?? actor.orgId;
  if (!isSchoolSide(actor, orgId)) throw forbidden();
  const { from, to } = monthRange(body.month);
  if (from > todayInShanghai(now())) throw ledgerError("DROPOUT_RETURN_FUTURE", 400);
  const key = { regionId: actor.regionId, type: TYPE, unitId: orgId, period: from, slot: "" };
  const at = now().toISOString();
  await db.transaction().execute(async (trx) => {
    const cases = await dropoutRepo.casesActiveIn(trx, { regionId: actor.regionId, from, to, orgIds: [orgId] });
    const previous = await lockReturn(trx, key);
    const payload = { caseIds: cases.map((c) => c.id), counts: countsOf(cases) };
    const zero = cases.length === 0;
    await writeReturn(trx, key, { orgId, periodKind: "month", zero, payload }, previous, actor.userId, at);
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger_return",
      entityId: `${TYPE}:${orgId}:${from}`,
      action: previous ? "correct" : "submit",
      before: previous ? previous.payload : undefined,
      after: { zero, ...payload },
    });
  });
  const [answer] = (await dropoutReturns(db, actor, { month: body.month, orgId }, now)).returns;
  if (!answer) throw ledgerError("LEDGER_RECORD_NOT_FOUND", 404);
  return answer;
}

// --- the county's quarterly review -------------------------------------------------------------

function quarterRange(quarter: string) {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  const from = `${year}-${String((q - 1) * 3 + 1).padStart(2, "0")}-01`;
  const lastMonth = `${year}-${String(q * 3).padStart(2, "0")}-01`;
  return { from, to: periodEnd("month", lastMonth) };
}

const assertBureau = (actor: Actor) => {
  if (actor.role === "school_reporter") throw forbidden();
};

export async function quarterReview(
  db: Database,
  actor: Actor,
  quarter: string,
  now: Clock,
  page: DropoutReviewQuery = { limit: 50, offset: 0 },
): Promise<DropoutQuarterReview> {
  return (await quarterReviewRead(db, actor, quarter, now, page)).review;
}

/**
 * The quarter's review and when it changes with no write (ms; undefined: only writes change it): the
 * first of the schools' pending returns, or the review itself, falling due.
 */
export async function quarterReviewRead(
  db: Database,
  actor: Actor,
  quarter: string,
  now: Clock,
  page: DropoutReviewQuery,
): Promise<{ review: DropoutQuarterReview; expires: number | undefined }> {
  assertBureau(actor);
  const { from, to } = quarterRange(quarter);
  const orgIds = studentOrgScope(actor, undefined);
  const key = { regionId: actor.regionId, type: TYPE, unitId: REVIEW_UNIT, period: from, slot: "" };
  const scope = { regionId: actor.regionId, from, to, ...(orgIds ? { orgIds } : {}) };
  // The quarter's cases counted per school and state in SQL; only the page asked is read in full.
  const [{ units, items }, tally, cases, review] = await Promise.all([
    returnItems(db, { ...scope, type: TYPE, at: now() }),
    dropoutRepo.tallyActiveIn(db, scope),
    dropoutRepo.casesActiveIn(db, { ...scope, page }),
    findReturn(db, key),
  ]);
  const dueAt = new Date(`${addDays(to, REVIEW_DAYS)}T17:00:00+08:00`).toISOString();
  const [status] = classifyReturns(
    [{ unitId: REVIEW_UNIT, orgId: actor.regionId, period: from, slot: "", dueAt }],
    review
      ? [{ unitId: REVIEW_UNIT, period: from, slot: "", submittedAt: review.submitted_at, zero: review.zero }]
      : [],
    now().toISOString(),
  );
  const bySchool = summariseBy(items, (i) => i.orgId);
  const payload = (review?.payload ?? {}) as { note?: string; completedBy?: string };
  const answer: DropoutQuarterReview = {
    quarter,
    from,
    to,
    dueAt,
    status: status!.status,
    completedAt: review?.submitted_at ?? null,
    completedBy: payload.completedBy ?? null,
    note: payload.note ?? null,
    returns: summariseReturns(items),
    schools: [...new Map([...units.values()].map((u) => [u.orgId, u.orgName]))].map(([orgId, orgName]) => {
      const s = bySchool.get(orgId);
      return {
        orgId,
        orgName,
        submitted: s?.submitted ?? 0,
        zero: s?.zero ?? 0,
        missing: s?.missing ?? 0,
        cases: sumOf(tally.filter((t) => t.org_id === orgId)),
      };
    }),
    counts: tallyCounts(tally),
    total: sumOf(tally),
    cases: cases.map(presentCase),
  };
  return { review: answer, expires: nextStatusChange([...items, status!]) };
}

/** The department completes (or amends) the quarter's review with its note; audited. */
export async function completeQuarterReview(
  db: Database,
  actor: Actor,
  quarter: string,
  note: string,
  now: Clock,
): Promise<DropoutQuarterReview> {
  if (!LEDGER_ASSIGNERS.includes(actor.role)) throw forbidden();
  const { from, to } = quarterRange(quarter);
  if (from > todayInShanghai(now())) throw ledgerError("DROPOUT_RETURN_FUTURE", 400);
  const key = { regionId: actor.regionId, type: TYPE, unitId: REVIEW_UNIT, period: from, slot: "" };
  const at = now().toISOString();
  await db.transaction().execute(async (trx) => {
    const cases = await dropoutRepo.casesActiveIn(trx, { regionId: actor.regionId, from, to });
    const previous = await lockReturn(trx, key);
    const payload = { note, completedBy: actor.displayName, caseIds: cases.map((c) => c.id), counts: countsOf(cases) };
    await writeReturn(
      trx,
      key,
      { orgId: actor.regionId, periodKind: "month", zero: cases.length === 0, payload },
      previous,
      actor.userId,
      at,
    );
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger_return",
      entityId: `${TYPE}:${REVIEW_UNIT}:${quarter}`,
      action: "review",
      before: previous ? previous.payload : undefined,
      after: payload,
    });
  });
  return quarterReview(db, actor, quarter, now);
}
