import type { OutbreakScope, Symptom } from "@luoshi/contract";
import { addDays } from "./returns.js";

/**
 * Outbreak rules over rolling windows of illness absences (../shared/reference/
 * school-infectious-disease-reporting.md), pure. A rule counts the distinct students of a class or
 * a school absent for illness with the rule's symptoms within a window of days; reaching the
 * threshold opens an episode (an alert) on the first day of a run of days on which the rule holds.
 * Rules are versioned data: a region may override them, and an alert keeps the version it was
 * opened under, so a later change never rewrites a past alert.
 */

export interface OutbreakRule {
  id: string;
  version: string;
  label: string;
  scope: OutbreakScope;
  windowDays: number;
  /** A case must have every one of these symptoms … */
  allOf: Symptom[];
  /** … and at least one of these (empty: no further condition). */
  anyOf: Symptom[];
  threshold: number;
  /** Report deadline after detection: 0 = 立即. */
  dueHours: number;
}

/** National defaults: 卫办疾控发〔2006〕65号 (same class, similar symptoms) and the ILI outbreak level. */
export const DEFAULT_OUTBREAK_RULES: OutbreakRule[] = [
  ...(["fever", "rash", "diarrhoea", "vomiting"] as const).flatMap((symptom) => [
    {
      id: `class-1d-${symptom}`,
      version: "2006-65/1",
      label: "同一班级1天内3例及以上相似症状",
      scope: "class" as const,
      windowDays: 1,
      allOf: [symptom],
      anyOf: [],
      threshold: 3,
      dueHours: 24,
    },
    {
      id: `class-3d-${symptom}`,
      version: "2006-65/1",
      label: "同一班级连续3天内5例以上相似症状",
      scope: "class" as const,
      windowDays: 3,
      allOf: [symptom],
      anyOf: [],
      threshold: 6,
      dueHours: 24,
    },
  ]),
  {
    id: "school-7d-ili",
    version: "ili-2017/1",
    label: "同一学校1周内流感样病例10例及以上（发热伴咳嗽或咽痛）",
    scope: "school",
    windowDays: 7,
    allOf: ["fever"],
    anyOf: ["cough", "sore_throat"],
    threshold: 10,
    dueHours: 24,
  },
];

/** A student absent for illness on a day, as a class check recorded it. */
export interface IllnessCase {
  orgId: string;
  classId: string;
  name: string;
  date: string;
  symptoms: readonly Symptom[];
  /** When the check naming them was first submitted (the instant the case became known). */
  knownAt: string;
}

export interface OutbreakHit {
  id: string;
  ruleId: string;
  version: string;
  label: string;
  scope: OutbreakScope;
  unitId: string;
  orgId: string;
  /** The first day of the run of days on which the rule held (the window ending then). */
  windowFrom: string;
  windowTo: string;
  count: number;
  /** When the threshold was reached: the latest knownAt among the cases that made the count. */
  detectedAt: string;
  dueAt: string;
}

const matches = (rule: OutbreakRule, c: IllnessCase) =>
  rule.allOf.every((s) => c.symptoms.includes(s)) &&
  (rule.anyOf.length === 0 || rule.anyOf.some((s) => c.symptoms.includes(s)));

/** The distinct students (class and name) among matching cases in the window [from, end], with the latest time one became known. */
function windowCount(rule: OutbreakRule, cases: readonly IllnessCase[], from: string, end: string) {
  const students = new Map<string, string>();
  for (const c of cases) {
    if (c.date < from || c.date > end) continue;
    const key = `${c.classId}\u0000${c.name}`;
    const known = students.get(key);
    if (!known || c.knownAt < known) students.set(key, c.knownAt);
  }
  const times = [...students.values()].sort();
  return { count: students.size, from, detectedAt: times[rule.threshold - 1] ?? times.at(-1) ?? "" };
}

/**
 * Every episode of every rule over the days [from, to]: for each unit (a class, or a school) the
 * days on which the window ending that day reaches the threshold; a run of such days is one episode,
 * opened on its first day. Cases known after `asOf` are not yet known.
 */
export function evaluateRules(
  rules: readonly OutbreakRule[],
  allCases: readonly IllnessCase[],
  from: string,
  to: string,
  asOf: string,
): OutbreakHit[] {
  const cases = allCases.filter((c) => c.knownAt <= asOf);
  // The days once (a county's fortnight is evaluated for thousands of units).
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  const before = addDays(from, -1);
  const hits: OutbreakHit[] = [];
  for (const rule of rules) {
    const startOf = new Map([before, ...days].map((d) => [d, addDays(d, 1 - rule.windowDays)]));
    const units = new Map<string, IllnessCase[]>();
    for (const c of cases) {
      if (!matches(rule, c)) continue;
      const unitId = rule.scope === "class" ? c.classId : c.orgId;
      const list = units.get(unitId);
      if (list) list.push(c);
      else units.set(unitId, [c]);
    }
    for (const [unitId, list] of units) {
      // Fewer matching students than the threshold in the whole stream: no window can reach it.
      if (list.length < rule.threshold) continue;
      let open = windowCount(rule, list, startOf.get(before)!, before).count >= rule.threshold;
      for (const day of days) {
        const w = windowCount(rule, list, startOf.get(day)!, day);
        const holds = w.count >= rule.threshold;
        if (holds && !open) {
          const dueAt = new Date(Date.parse(w.detectedAt) + rule.dueHours * 3_600_000).toISOString();
          hits.push({
            id: `${rule.id}:${unitId}:${day}`,
            ruleId: rule.id,
            version: rule.version,
            label: rule.label,
            scope: rule.scope,
            unitId,
            orgId: list[0]!.orgId,
            windowFrom: w.from,
            windowTo: day,
            count: w.count,
            detectedAt: w.detectedAt,
            dueAt,
          });
        }
        open = holds;
      }
    }
  }
  return hits;
}

/** A region's change of a rule's values (a stored row); `reset` goes back to the national values. */
export interface RuleOverride {
  ruleId: string;
  /** 1, 2, … per rule and region: the highest is in force. */
  version: number;
  reset: boolean;
  windowDays: number;
  threshold: number;
  dueHours: number;
}

/**
 * The rules in force in a region: each base rule (the national one) with the region's latest override
 * of it applied. An overridden rule's version names the base version and the region's change
 * (`2006-65/1+区域2`), so an alert opened under it is told apart from one opened under the national values.
 */
export function effectiveRules(base: readonly OutbreakRule[], overrides: readonly RuleOverride[]): OutbreakRule[] {
  const latest = new Map<string, RuleOverride>();
  for (const o of overrides) if ((latest.get(o.ruleId)?.version ?? 0) < o.version) latest.set(o.ruleId, o);
  return base.map((rule) => {
    const o = latest.get(rule.id);
    if (!o || o.reset) return rule;
    return {
      ...rule,
      version: `${rule.version}+区域${o.version}`,
      label: `${rule.label}（本地阈值：${o.windowDays}天内${o.threshold}例及以上）`,
      windowDays: o.windowDays,
      threshold: o.threshold,
      dueHours: o.dueHours,
    };
  });
}
