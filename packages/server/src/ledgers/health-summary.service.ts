import type { HealthSlot, SchoolSummaries } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { todayInShanghai } from "../progress/periods.js";
import { reachOf } from "./health.service.js";
import type { ClassCheck } from "./health-check.js";
import { healthError } from "./health-errors.js";
import { type SchoolSummary, summarise, summarySlot } from "./health-summary.js";
import { readableOrgIds } from "./ledger-access.js";
import { listReturns, lockReturn, type ReturnRow, writeReturn } from "./returns.repository.js";
import type { Clock } from "./returns.service.js";
import { listClasses } from "./school-classes.repository.js";

/**
 * School summaries (issue 16 item 3): the school's 疫情报告人 submits, with one action, the totals of
 * the school's class checks for a date and slot; the bureau sees each school's submitted summary
 * (counts only) beside the live totals. A summary is a return of type health_check whose unit is the
 * school and whose slot is `school:<slot>`, so its first submission time is kept and a resubmission
 * (after late class checks) raises its version, audited.
 */

const TYPE = "health_check" as const;
const SLOTS: HealthSlot[] = ["morning", "noon"];

/** Each school's live totals per slot of a date (from the class checks), and its submitted summary. */
async function summariesOf(db: Database, regionId: string, orgIds: string[] | undefined, date: string) {
  const classes = await listClasses(db, { regionId, ...(orgIds ? { orgIds } : {}) });
  const rows = await listReturns(db, { regionId, type: TYPE, from: date, to: date, ...(orgIds ? { orgIds } : {}) });
  const checks = new Map<string, ClassCheck>();
  const submitted = new Map<string, ReturnRow>();
  for (const r of rows) {
    if (r.slot.startsWith("school:")) submitted.set(`${r.unit_id}:${r.slot}`, r);
    else checks.set(`${r.unit_id}:${r.slot}`, r.payload as unknown as ClassCheck);
  }
  const schools = new Map<string, { orgName: string; classes: { id: string; name: string }[] }>();
  for (const c of classes) {
    const s = schools.get(c.org_id) ?? { orgName: c.org_name, classes: [] };
    s.classes.push({ id: c.id, name: c.name });
    schools.set(c.org_id, s);
  }
  return [...schools].flatMap(([orgId, s]) =>
    SLOTS.map((slot) => {
      const bySlot = new Map(
        s.classes.flatMap((c) => {
          const check = checks.get(`${c.id}:${slot}`);
          return check ? [[c.id, check] as const] : [];
        }),
      );
      const row = submitted.get(`${orgId}:${summarySlot(slot)}`);
      return {
        orgId,
        orgName: s.orgName,
        date,
        slot,
        live: summarise(s.classes, bySlot),
        submitted: row ? (row.payload as unknown as SchoolSummary) : null,
        submittedAt: row?.submitted_at ?? null,
        updatedAt: row?.updated_at ?? null,
        version: row?.version ?? 0,
      };
    }),
  );
}

export async function schoolSummaries(
  db: Database,
  actor: Actor,
  q: { date?: string; orgId?: string },
  now: Clock,
): Promise<SchoolSummaries> {
  const date = q.date ?? todayInShanghai(now());
  const reach = await reachOf(db, actor);
  if (reach.mode === "teacher") return { date, summaries: [] };
  const scope = reach.mode === "school" ? reach.orgIds : readableOrgIds(actor);
  const orgIds = q.orgId ? (scope && !scope.includes(q.orgId) ? [] : [q.orgId]) : scope;
  return { date, summaries: await summariesOf(db, actor.regionId, orgIds, date) };
}

/** The school's 疫情报告人 submits the school's summary of a date and slot (again: a correction). */
export async function submitSummary(
  db: Database,
  actor: Actor,
  input: { date: string; slot: HealthSlot; orgId?: string },
  now: Clock,
) {
  const reach = await reachOf(db, actor);
  const orgId = input.orgId ?? actor.orgId;
  if (reach.mode !== "school" || !reach.orgIds.includes(orgId)) throw healthError("SUMMARY_SCHOOL_ONLY", 403);
  if (input.date > todayInShanghai(now())) throw healthError("CHECK_DATE_IN_FUTURE", 400);
  const [current] = (await summariesOf(db, actor.regionId, [orgId], input.date)).filter((s) => s.slot === input.slot);
  if (!current || current.live.submittedClasses === 0) throw healthError("SUMMARY_NO_CHECKS", 400);
  const key = {
    regionId: actor.regionId,
    type: TYPE,
    unitId: orgId,
    period: input.date,
    slot: summarySlot(input.slot),
  };
  const at = now().toISOString();
  await db.transaction().execute(async (trx) => {
    const previous = await lockReturn(trx, key);
    const payload = { ...current.live } as unknown as Record<string, unknown>;
    await writeReturn(
      trx,
      key,
      { orgId, periodKind: "day", zero: current.live.illAbsent === 0, payload },
      previous,
      actor.userId,
      at,
    );
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger_return",
      entityId: `${TYPE}:${orgId}:${input.date}:${key.slot}`,
      action: previous ? "correct" : "submit",
      before: previous?.payload,
      after: payload,
    });
  });
  const [after] = (await summariesOf(db, actor.regionId, [orgId], input.date)).filter((s) => s.slot === input.slot);
  return after!;
}
