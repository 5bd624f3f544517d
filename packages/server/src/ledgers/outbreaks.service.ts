import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import { todayInShanghai } from "../progress/periods.js";
import { insertNotifications, type NewNotification } from "../reminders/reminders.repository.js";
import type { ClassCheck } from "./health-check.js";
import { healthError } from "./health-errors.js";
import { orgScope } from "./ledger-access.js";
import { readSettings } from "./ledgers.repository.js";
import { insertAlerts, listAlerts, listOverrides } from "./outbreak-alerts.repository.js";
import {
  DEFAULT_OUTBREAK_RULES,
  effectiveRules,
  evaluateRules,
  type IllnessCase,
  type OutbreakRule,
} from "./outbreak-rules.js";
import { addDays } from "./returns.js";
import { findReturn, listReturns, writeReturn } from "./returns.repository.js";
import type { Clock } from "./returns.service.js";
import { bureauOrgs, listClasses } from "./school-classes.repository.js";

/**
 * Outbreak alerts (issue 16 item 4): the rules run over the class checks of the last weeks; each
 * episode is an alert with a due time (立即 / 24 h after detection) that the school's 疫情报告人 must
 * confirm as reported to 疾控 and the bureau. The confirmation is the school's return for the alert
 * (slot "outbreak", one per alert), so its time is kept like any return's; an alert past its due
 * time unconfirmed is overdue. Alerts carry counts only, never names.
 */

const TYPE = "health_check" as const;
const REPORT_SLOT = "outbreak";
const LOOKBACK_DAYS = 14;

type Settings = Record<string, unknown> | null;

/** The base rules of a region's health-check settings: their `outbreakRules` (whole rule sets), else the national ones. */
const rulesOf = (settings: Settings) =>
  (settings as { outbreakRules?: OutbreakRule[] } | null)?.outbreakRules ?? DEFAULT_OUTBREAK_RULES;

/** The region's base rules. */
export async function baseRules(db: Database, regionId: string): Promise<OutbreakRule[]> {
  return rulesOf(await readSettings(db, regionId, TYPE));
}

/**
 * The rules in force: the base rules with the region's overrides of their values (versioned).
 * `settings`: the region's health-check settings when the caller read them already.
 */
export async function outbreakRules(db: Database, regionId: string, settings?: Settings): Promise<OutbreakRule[]> {
  const base = settings === undefined ? await baseRules(db, regionId) : rulesOf(settings);
  return effectiveRules(base, await listOverrides(db, regionId));
}

/** The illness cases of the class checks for periods within [from, to]. */
function casesOf(rows: Awaited<ReturnType<typeof listReturns>>): IllnessCase[] {
  return rows
    .filter((r) => r.slot !== REPORT_SLOT && !r.zero)
    .flatMap((r) =>
      ((r.payload as unknown as ClassCheck).students ?? []).map((s) => ({
        orgId: r.org_id,
        classId: r.unit_id,
        name: s.name,
        date: r.period,
        symptoms: s.symptoms,
        knownAt: r.submitted_at,
      })),
    );
}

export async function outbreakAlerts(db: Database, actor: Actor, q: { orgId?: string; date?: string }, now: Clock) {
  const orgIds = actor.role === "school_reporter" ? actor.visibleOrgIds : orgScope(actor, q.orgId);
  return alertsOf(db, actor.regionId, orgIds, q.date, now());
}

/** The alerts the warnings board shows: those not yet confirmed reported (a plan or kind filter is about tasks). */
export async function outbreakWarnings(
  db: Database,
  actor: Actor,
  filter: { orgId?: string; planId?: string; kind?: string; status?: string },
  now: Clock,
) {
  if (filter.planId || filter.kind) return [];
  const alerts = await outbreakAlerts(db, actor, filter.orgId ? { orgId: filter.orgId } : {}, now);
  return alerts.filter(
    (a) => !a.reportedAt && (!filter.status || filter.status === (a.overdue ? "overdue" : "warning")),
  );
}

/**
 * Runs the rules in force over the class checks of some schools (all: undefined) for the days from
 * `since` (at the latest the fortnight ending today) to today, as known at `at`, and stores the alerts
 * not stored yet with the rule's version and values: a later change of a rule never rewrites them.
 * Run when a check naming ill students is submitted (with the region's settings read with its class),
 * and by the chasing job over the region.
 */
export async function detectOutbreaks(
  db: Database,
  regionId: string,
  orgIds: string[] | undefined,
  at: Date,
  since?: string,
  settings?: Settings,
): Promise<number> {
  const to = todayInShanghai(at);
  const fortnight = addDays(to, 1 - LOOKBACK_DAYS);
  const from = since && since < fortnight ? since : fortnight;
  const rules = await outbreakRules(db, regionId, settings);
  const maxWindow = Math.max(1, ...rules.map((r) => r.windowDays));
  const rows = await listReturns(db, {
    regionId,
    type: TYPE,
    from: addDays(from, -maxWindow),
    to,
    ...(orgIds ? { orgIds } : {}),
    // Zero reports carry no case: the rules read only the checks naming students.
    nonZero: true,
  });
  const hits = evaluateRules(rules, casesOf(rows), from, to, at.toISOString());
  const byId = new Map(rules.map((r) => [r.id, r]));
  return insertAlerts(
    db,
    regionId,
    hits.map((hit) => ({ hit, rule: byId.get(hit.ruleId)! })),
    at.toISOString(),
  );
}

/** A region's alerts (of some schools) over the fortnight ending `date`, as stored, with their confirmations at `at`. */
async function alertsOf(
  db: Database,
  regionId: string,
  orgIds: string[] | undefined,
  date: string | undefined,
  at: Date,
) {
  const to = date ?? todayInShanghai(at);
  const from = addDays(to, 1 - LOOKBACK_DAYS);
  const stored = await listAlerts(db, { regionId, from, to, ...(orgIds ? { orgIds } : {}) });
  if (stored.length === 0) return [];
  const reports = new Map(
    (
      await listReturns(db, {
        regionId,
        type: TYPE,
        from,
        to,
        unitIds: stored.map((a) => a.id),
        ...(orgIds ? { orgIds } : {}),
      })
    )
      .filter((r) => r.slot === REPORT_SLOT)
      .map((r) => [r.unit_id, r]),
  );
  const classes = await listClasses(db, {
    regionId,
    orgIds: [...new Set(stored.map((a) => a.orgId))],
    withRemoved: true,
  });
  const classNames = new Map(classes.map((c) => [c.id, c.name]));
  const orgNames = new Map(classes.map((c) => [c.org_id, c.org_name]));
  return stored.map(({ windowDays: _w, threshold: _t, ...h }) => {
    const report = reports.get(h.id);
    return {
      ...h,
      orgName: orgNames.get(h.orgId) ?? h.orgId,
      unitName: h.scope === "class" ? (classNames.get(h.unitId) ?? h.unitId) : (orgNames.get(h.orgId) ?? h.orgId),
      reportedAt: report?.submitted_at ?? null,
      reportNote: typeof report?.payload.note === "string" ? report.payload.note : null,
      overdue: !report && at.toISOString() > h.dueAt,
    };
  });
}

/** An instant as Beijing time, YYYY-MM-DD HH:MM. */
const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");

/**
 * Reminds of alerts through the reminders: an open alert once to its school (报告时限), an alert past
 * its due time unconfirmed once more to the school and to the bureau (escalation). Idempotent by key.
 */
export async function chaseOutbreaks(db: Database, regionIds: string[], now: Date): Promise<number> {
  let count = 0;
  for (const regionId of regionIds) {
    await detectOutbreaks(db, regionId, undefined, now);
    const open = (await alertsOf(db, regionId, undefined, undefined, now)).filter((a) => !a.reportedAt);
    if (open.length === 0) continue;
    const bureaus = await bureauOrgs(db, regionId);
    const line = (a: (typeof open)[number]) =>
      `${a.orgName}${a.scope === "class" ? a.unitName : ""}：${a.label}（${a.count}例）`;
    const rows = open.flatMap((a) => {
      const due = `请于${beijing(a.dueAt)}前报告属地疾控和教育局并在系统中确认`;
      const base = { region_id: regionId, user_id: null, entity_kind: "outbreak_alert", entity_id: a.id };
      const list: NewNotification[] = [
        {
          ...base,
          org_id: a.orgId,
          event: "due_soon",
          title: "传染病预警",
          body: `${line(a)}，${due}`,
          delivery_key: `outbreak:${a.id}`,
        },
      ];
      if (a.overdue)
        for (const orgId of [a.orgId, ...bureaus])
          list.push({
            ...base,
            org_id: orgId,
            event: "overdue",
            title: "传染病预警逾期未报告",
            body: line(a),
            delivery_key: `outbreak-overdue:${a.id}`,
          });
      return list;
    });
    const inserted = await db.transaction().execute(async (trx) => {
      const done = await insertNotifications(trx, rows, now);
      if (done.length > 0)
        await recordAudit(trx, {
          regionId,
          actorId: null,
          entity: "ledger_return",
          entityId: todayInShanghai(now),
          action: "chase",
          after: { outbreakReminders: done.length },
        });
      return done.length;
    });
    count += inserted;
  }
  return count;
}

/** The school's 疫情报告人 confirms an alert reported to 疾控 and the bureau (once; audited). */
export async function reportOutbreak(db: Database, actor: Actor, input: { alertId: string; note: string }, now: Clock) {
  if (actor.role !== "school_reporter") throw forbidden();
  const alerts = await outbreakAlerts(db, actor, {}, now);
  const alert = alerts.find((a) => a.id === input.alertId);
  if (!alert) throw healthError("OUTBREAK_NOT_FOUND", 404);
  const at = now().toISOString();
  const key = { regionId: actor.regionId, type: TYPE, unitId: alert.id, period: alert.windowTo, slot: REPORT_SLOT };
  await db.transaction().execute(async (trx) => {
    if (await findReturn(trx, key)) throw healthError("OUTBREAK_ALREADY_REPORTED", 409);
    const payload = { note: input.note.trim(), ruleId: alert.ruleId, version: alert.version, count: alert.count };
    await writeReturn(
      trx,
      key,
      { orgId: alert.orgId, periodKind: "day", zero: false, payload },
      undefined,
      actor.userId,
      at,
    );
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger_return",
      entityId: `${TYPE}:${alert.id}`,
      action: "report_outbreak",
      after: { ...payload, detectedAt: alert.detectedAt, dueAt: alert.dueAt, late: at > alert.dueAt },
    });
  });
  return (await outbreakAlerts(db, actor, {}, now)).find((a) => a.id === input.alertId)!;
}
