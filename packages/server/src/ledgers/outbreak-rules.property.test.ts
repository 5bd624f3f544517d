import { SYMPTOMS, type Symptom } from "@luoshi/contract";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_OUTBREAK_RULES, evaluateRules, type IllnessCase, type OutbreakRule } from "./outbreak-rules.js";

/**
 * For random streams of illness absences, the rule engine's alerts equal a brute-force evaluation of
 * the same rules over every window: for every rule, unit and day, count the distinct students in the
 * window ending that day straight from the list; an alert opens on each day the count reaches the
 * threshold when the day before's window did not.
 */

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.parse("2024-03-01T00:00:00Z") + n * DAY).toISOString().slice(0, 10);

function bruteForce(
  rules: readonly OutbreakRule[],
  cases: readonly IllnessCase[],
  from: number,
  to: number,
  asOf: string,
) {
  const out: { id: string; count: number; detectedAt: string }[] = [];
  for (const rule of rules) {
    const units = new Set(cases.map((c) => (rule.scope === "class" ? c.classId : c.orgId)));
    for (const unit of units) {
      const countOn = (end: number) => {
        const first = new Map<string, string>();
        for (const c of cases) {
          const d = (Date.parse(`${c.date}T00:00:00Z`) - Date.parse("2024-03-01T00:00:00Z")) / DAY;
          const inUnit = (rule.scope === "class" ? c.classId : c.orgId) === unit;
          const symptomsOk =
            rule.allOf.every((s) => c.symptoms.includes(s)) &&
            (rule.anyOf.length === 0 || rule.anyOf.some((s) => c.symptoms.includes(s)));
          if (!inUnit || !symptomsOk || c.knownAt > asOf || d > end || d <= end - rule.windowDays) continue;
          const k = `${c.classId}/${c.name}`;
          if (!first.has(k) || c.knownAt < first.get(k)!) first.set(k, c.knownAt);
        }
        return [...first.values()].sort();
      };
      for (let d = from; d <= to; d++) {
        const now = countOn(d);
        if (now.length >= rule.threshold && countOn(d - 1).length < rule.threshold)
          out.push({ id: `${rule.id}:${unit}:${day(d)}`, count: now.length, detectedAt: now[rule.threshold - 1]! });
      }
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

const aCase: fc.Arbitrary<IllnessCase> = fc
  .record({
    school: fc.integer({ min: 0, max: 1 }),
    cls: fc.integer({ min: 0, max: 2 }),
    name: fc.constantFrom("甲", "乙", "丙", "丁", "戊", "己", "庚"),
    d: fc.integer({ min: 0, max: 20 }),
    symptoms: fc.uniqueArray(fc.constantFrom<Symptom>(...SYMPTOMS.slice(0, 5), "diarrhoea", "rash"), {
      minLength: 1,
      maxLength: 3,
    }),
    lag: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  })
  .map((r) => ({
    orgId: `s${r.school}`,
    classId: `s${r.school}c${r.cls}`,
    name: r.name,
    date: day(r.d),
    symptoms: r.symptoms,
    knownAt: new Date(Date.parse(`${day(r.d)}T00:00:00Z`) + r.lag * 60_000).toISOString(),
  }));

describe("outbreak rules equal a brute-force evaluation over every window", () => {
  it("the national defaults and random rules, over random case streams and instants", () => {
    const aRule: fc.Arbitrary<OutbreakRule> = fc.record({
      id: fc.constantFrom("r1", "r2"),
      version: fc.constant("t/1"),
      label: fc.constant("测试规则"),
      scope: fc.constantFrom("class" as const, "school" as const),
      windowDays: fc.integer({ min: 1, max: 7 }),
      allOf: fc.uniqueArray(fc.constantFrom<Symptom>("fever", "cough"), { maxLength: 1 }),
      anyOf: fc.uniqueArray(fc.constantFrom<Symptom>("cough", "sore_throat", "rash"), { maxLength: 2 }),
      threshold: fc.integer({ min: 1, max: 6 }),
      dueHours: fc.constantFrom(0, 24),
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant(DEFAULT_OUTBREAK_RULES),
          fc.uniqueArray(aRule, { minLength: 1, maxLength: 2, selector: (r) => r.id }),
        ),
        fc.array(aCase, { maxLength: 80 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 26 * 24 }),
        (rules, cases, from, span, hours) => {
          const to = from + span;
          const asOf = new Date(Date.parse("2024-03-01T00:00:00Z") + hours * 3_600_000).toISOString();
          const engine = evaluateRules(rules, cases, day(from), day(to), asOf)
            .map((h) => ({ id: h.id, count: h.count, detectedAt: h.detectedAt }))
            .sort((a, b) => a.id.localeCompare(b.id));
          expect(engine).toEqual(bruteForce(rules, cases, from, to, asOf));
        },
      ),
      { numRuns: 300 },
    );
  });
});
