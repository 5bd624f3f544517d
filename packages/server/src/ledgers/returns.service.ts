import { HEALTH_SLOT_LABELS, LEDGER_TYPE_LABELS, type LedgerType, type ReturnsDay } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import { todayInShanghai } from "../progress/periods.js";
import * as reminders from "../reminders/reminders.repository.js";
import { send } from "../reminders/reminders.service.js";
import { robotPayload, type SendDeps } from "../reminders/webhooks.js";
import { healthError } from "./health-errors.js";
import { LEDGER_ASSIGNERS, orgScope } from "./ledger-access.js";
import { writeAuditedSettings } from "./ledger-settings.js";
import { readSettings } from "./ledgers.repository.js";
import { type ReturnSource, type ReturnUnitInfo, returnSourceOf, returnSources } from "./return-sources.js";
import {
  addCounts,
  addDays,
  classifyReturns,
  dayFromCounts,
  dueAt,
  expectedReturns,
  isOpenDay,
  nextStatusChange,
  type ReturnItem,
  type ReturnSchedule,
  type ReturnSummary,
  type StatusCounts,
  scheduleProblems,
  summariseBy,
  summariseReturns,
  summaryOfCounts,
} from "./returns.js";
import { listReturns, regionsWithClasses } from "./returns.repository.js";

/**
 * Periodic returns of any ledger type, over the database: each unit's returns for a range of
 * periods with their status (timely / late / missing / pending), summaries per school, the lists
 * of late and missing returns, and the chasing of non-submitters after each cut-off through the
 * reminders (in-app to the responsible person, and the school's robots subscribed to 未按期填报).
 */

export type Clock = () => Date;

function sourceOf(type: LedgerType): ReturnSource {
  const source = returnSourceOf(type);
  if (!source) throw healthError("RETURN_NOT_FOUND", 404);
  return source;
}

/** The region's schedule of a type: its settings' `returnSchedule`, else the source's default. */
export async function returnSchedule(db: Database, regionId: string, type: LedgerType): Promise<ReturnSchedule> {
  const stored = (await readSettings(db, regionId, type)) as { returnSchedule?: ReturnSchedule } | null;
  return stored?.returnSchedule ?? sourceOf(type).defaultSchedule;
}

export interface ReturnsView {
  schedule: ReturnSchedule;
  units: Map<string, ReturnUnitInfo>;
  items: ReturnItem[];
}

/** Every return the units owe for periods starting within [from, to], classified at `at`. */
export async function returnItems(
  db: Database,
  q: { regionId: string; type: LedgerType; from: string; to: string; orgIds?: string[]; at: Date },
): Promise<ReturnsView> {
  const schedule = await returnSchedule(db, q.regionId, q.type);
  const units = await sourceOf(q.type).units(db, q.regionId, q.orgIds);
  const expected = expectedReturns(schedule, units, q.from, q.to);
  const rows = await listReturns(db, {
    regionId: q.regionId,
    type: q.type,
    from: q.from,
    to: q.to,
    ...(q.orgIds ? { orgIds: q.orgIds } : {}),
    withoutPayload: true,
  });
  const submissions = rows.map((r) => ({
    unitId: r.unit_id,
    period: r.period,
    slot: r.slot,
    submittedAt: r.submitted_at,
    zero: r.zero,
  }));
  return {
    schedule,
    units: new Map(units.map((u) => [u.unitId, u])),
    items: classifyReturns(expected, submissions, q.at.toISOString()),
  };
}

/** Sets the region's schedule of a type (the bureau side); audited. */
export async function saveReturnSchedule(
  db: Database,
  actor: Actor,
  type: LedgerType,
  schedule: ReturnSchedule,
  now: Clock,
): Promise<ReturnSchedule> {
  if (!LEDGER_ASSIGNERS.includes(actor.role)) throw forbidden();
  sourceOf(type);
  const problems = scheduleProblems(schedule);
  if (problems.length > 0) throw healthError("RETURN_SCHEDULE_INVALID", 400, { problems });
  await db.transaction().execute(async (trx) => {
    const stored = (await readSettings(trx, actor.regionId, type)) ?? {};
    const before = await returnSchedule(trx, actor.regionId, type);
    await writeAuditedSettings(trx, actor, type, {
      settings: { ...stored, returnSchedule: schedule },
      before: { returnSchedule: before },
      after: { returnSchedule: schedule },
      at: now().toISOString(),
    });
  });
  return schedule;
}

const MAX_RANGE_DAYS = 366;

/** Refuses a range of periods that is reversed or longer than a year (RETURNS_RANGE_INVALID). */
export function checkRange(from: string, to: string) {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (Number.isNaN(days) || days < 0 || days > MAX_RANGE_DAYS) throw healthError("RETURNS_RANGE_INVALID", 400);
}

const LIST_LIMIT = 500;

/**
 * Completeness and timeliness over a range, per school and in total, and the late and missing
 * returns (each with its unit, period, slot, due time and who is responsible), newest first.
 */
export async function returnsReport(
  db: Database,
  actor: Actor,
  q: { type: LedgerType; from: string; to: string; orgId?: string },
  now: Clock,
) {
  checkRange(q.from, q.to);
  const orgIds = orgScope(actor, q.orgId);
  const { units, items } = await returnItems(db, {
    regionId: actor.regionId,
    type: q.type,
    from: q.from,
    to: q.to,
    ...(orgIds ? { orgIds } : {}),
    at: now(),
  });
  const orgNames = new Map([...units.values()].map((u) => [u.orgId, u.orgName]));
  const bySchool = [...summariseBy(items, (i) => i.orgId)].map(([orgId, s]) => ({
    orgId,
    orgName: orgNames.get(orgId) ?? orgId,
    ...s,
  }));
  const overdue = items
    .filter((i) => i.status === "late" || i.status === "missing")
    .sort((a, b) => b.dueAt.localeCompare(a.dueAt) || a.unitId.localeCompare(b.unitId));
  return {
    type: q.type,
    from: q.from,
    to: q.to,
    summary: summariseReturns(items),
    bySchool,
    overdue: overdue.slice(0, LIST_LIMIT).map((i) => presentItem(i, units)),
    overdueTotal: overdue.length,
  };
}

function presentItem(i: ReturnItem, units: Map<string, ReturnUnitInfo>) {
  const unit = units.get(i.unitId);
  return {
    unitId: i.unitId,
    unitName: unit?.name ?? i.unitId,
    orgId: i.orgId,
    orgName: unit?.orgName ?? i.orgId,
    period: i.period,
    slot: i.slot,
    dueAt: i.dueAt,
    status: i.status,
    submittedAt: i.submittedAt,
    zero: i.zero,
    responsibleName: unit?.responsibleName ?? null,
  };
}

/**
 * One day's returns by school: how many submitted (with something), zero reports, late, missing,
 * pending; for a daily type counted in SQL, with each school's illness absences by symptom (the
 * health checks). The units' returns one by one only for one school (`orgId`: the click-through);
 * a county's day is 18,000 class checks. `expires`: when the answer changes with no write (the
 * first pending return falls due).
 */
export async function returnsDay(
  db: Database,
  actor: Actor,
  q: { type: LedgerType; date?: string; orgId?: string },
  now: Clock,
): Promise<{ day: ReturnsDay; expires: number | undefined }> {
  const date = q.date ?? todayInShanghai(now());
  const orgIds = orgScope(actor, q.orgId);
  const at = now();
  const source = sourceOf(q.type);
  const schedule = await returnSchedule(db, actor.regionId, q.type);
  if (!q.orgId && source.dayCounts && schedule.periodKind === "day") {
    const dues = isOpenDay(schedule, date)
      ? schedule.slots.map((slot) => ({ slot: slot.slot, dueAt: dueAt(schedule, date, slot) }))
      : [];
    const counted = await source.dayCounts(db, {
      regionId: actor.regionId,
      ...(orgIds ? { orgIds } : {}),
      date,
      dues,
      at: at.toISOString(),
    });
    let total: StatusCounts = { timely: 0, late: 0, missing: 0, pending: 0, zero: 0 };
    let expires: number | undefined;
    const schools = counted.map((s) => {
      const { counts, nextChange } = dayFromCounts(s.units, dues, s.slots, at.getTime());
      total = addCounts(total, counts);
      if (nextChange !== undefined && (expires === undefined || nextChange < expires)) expires = nextChange;
      return {
        orgId: s.orgId,
        orgName: s.orgName,
        ...summaryOfCounts(counts),
        illAbsent: s.illAbsent,
        symptoms: s.symptoms,
      };
    });
    return { day: { type: q.type, date, summary: summaryOfCounts(total), schools, items: [] }, expires };
  }
  const { units, items } = await returnItems(db, {
    regionId: actor.regionId,
    type: q.type,
    from: date,
    to: date,
    ...(orgIds ? { orgIds } : {}),
    at,
  });
  const schools = new Map<string, string>();
  for (const u of units.values()) if (!u.until || u.until > date) schools.set(u.orgId, u.orgName);
  const summaries = summariseBy(items, (i) => i.orgId);
  const empty: ReturnSummary = summariseReturns([]);
  const day = {
    type: q.type,
    date,
    summary: summariseReturns(items),
    schools: [...schools].map(([orgId, orgName]) => ({ orgId, orgName, ...(summaries.get(orgId) ?? empty) })),
    items: q.orgId ? items.map((i) => presentItem(i, units)) : [],
  };
  return { day, expires: nextStatusChange(items) };
}

// --- chasing ------------------------------------------------------------------------------------

/** The responsible person's in-app reminder key: one per return, whatever the number of runs. */
const chaseKey = (type: LedgerType, i: ReturnItem) => `missing_return:${type}:${i.unitId}:${i.period}:${i.slot}`;

/**
 * Chases today's missing returns of every type and region (or the given regions): each missing
 * return whose due time has passed gets one in-app reminder addressed to its responsible person
 * (the unit's school when nobody is), and each school's robots subscribed to 未按期填报 one digest
 * per slot. Idempotent: keys make a second run add nothing.
 */
export async function chaseReturns(
  db: Database,
  options: { regionIds?: string[] | null; types?: LedgerType[] } & SendDeps,
): Promise<{ notifications: number; delivered: number; failed: number }> {
  const at = options.now();
  const today = todayInShanghai(at);
  const regionIds = options.regionIds ?? (await regionsWithClasses(db));
  let notifications = 0;
  const deliveries: reminders.NewDelivery[] = [];
  const endpoints = (await reminders.listEndpointsForRun(db, regionIds)).filter(
    (e) => e.enabled && e.events.includes("missing_report"),
  );
  for (const source of returnSources().filter((s) => !options.types || options.types.includes(s.type))) {
    for (const regionId of regionIds) {
      // Daily returns are chased on their day; monthly ones (控辍保学) for the recent months still missing.
      const { periodKind } = await returnSchedule(db, regionId, source.type);
      const from = periodKind === "day" ? today : addDays(today, -62);
      const { units, items } = await returnItems(db, { regionId, type: source.type, from, to: today, at });
      const missing = items.filter((i) => i.status === "missing");
      if (missing.length === 0) continue;
      const label = LEDGER_TYPE_LABELS[source.type];
      const line = (i: ReturnItem) => {
        const u = units.get(i.unitId);
        // A class is named with its school; a school's own return (控辍保学 月报) by the school alone.
        const who = !u ? i.unitId : u.name === u.orgName ? u.name : `${u.orgName}${u.name}`;
        return `${who} ${i.period} ${i.slot ? slotLabel(i.slot) : label}未报送`;
      };
      const inserted = await db.transaction().execute(async (trx) => {
        const rows = await reminders.insertNotifications(
          trx,
          missing.map((i) => ({
            region_id: regionId,
            org_id: i.orgId,
            user_id: units.get(i.unitId)?.responsibleId ?? null,
            event: "missing_report",
            entity_kind: "ledger_return",
            entity_id: `${source.type}:${i.unitId}:${i.period}:${i.slot}`,
            title: `${label}未按时报送`,
            body: `${line(i)}，请尽快补报（截止时间已过）`,
            delivery_key: chaseKey(source.type, i),
          })),
          at,
        );
        if (rows.length > 0)
          await recordAudit(trx, {
            regionId,
            actorId: null,
            entity: "ledger_return",
            entityId: today,
            action: "chase",
            after: { type: source.type, count: rows.length },
          });
        return rows.length;
      });
      notifications += inserted;
      for (const e of endpoints.filter((x) => x.region_id === regionId)) {
        const reached = missing.filter((i) => e.org_id === i.orgId || e.org_id === e.region_id);
        for (const slot of new Set(reached.map((i) => i.slot))) {
          const list = reached.filter((i) => i.slot === slot);
          const lines = list.slice(0, 20).map((i, n) => `${n + 1}. ${line(i)}`);
          if (list.length > 20) lines.push(`……共${list.length}项，详见落实系统`);
          deliveries.push({
            region_id: regionId,
            endpoint_id: e.id,
            delivery_key: `missing_return:${source.type}:${e.org_id}:${today}:${slot}`,
            event: "missing_report",
            entity_id: e.org_id,
            payload: robotPayload(e.kind, { title: `【${label}未报送】${today}`, text: lines.join("\n") }),
            created_at: at.toISOString(),
          });
        }
      }
    }
  }
  const sent = await send(db, endpoints, await reminders.claimDeliveries(db, deliveries), options);
  return { notifications, ...sent };
}

const slotLabel = (slot: string) => (HEALTH_SLOT_LABELS as Record<string, string>)[slot] ?? slot;

/** The metric value of a type's completeness or timeliness over a period, as of a day's end (bound indicators). */
export async function returnsMetric(
  db: Database,
  q: {
    regionId: string;
    type: LedgerType;
    from: string;
    to: string;
    asOf: string;
    kind: "completeness" | "timeliness";
  },
) {
  const [to] = [q.to, q.asOf].sort() as [string, string];
  if (to < q.from) return { value: null, numerator: 0, denominator: 0 };
  const at = new Date(`${addDays(q.asOf, 1)}T00:00:00+08:00`);
  const { items } = await returnItems(db, { regionId: q.regionId, type: q.type, from: q.from, to, at });
  const s = summariseReturns(items);
  return {
    value: q.kind === "completeness" ? s.completeness : s.timeliness,
    numerator: q.kind === "completeness" ? s.submitted : s.timely,
    denominator: s.due,
  };
}
