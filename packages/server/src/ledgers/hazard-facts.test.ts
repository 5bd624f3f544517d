import type { HazardCounts } from "@luoshi/contract";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type HazardFactRow, HazardFacts } from "./hazard-facts.js";
import type { HazardTallies } from "./hazard-summary.js";

const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-02-${String(d).padStart(2, "0")}`);
const aFact = fc.record<HazardFactRow>({
  org_id: fc.constantFrom("a", "b", "c"),
  state: fc.constantFrom("found", "rectifying", "reviewing", "closed"),
  category: fc.constantFrom("fire", "food", null),
  grade: fc.constantFrom("general", "major", null),
  found_on: fc.option(day, { freq: 8 }),
  closed_on: fc.oneof(day, fc.constant(null), fc.constant("")),
  deadline: fc.option(day),
});
const aQuery = fc.record({ from: day, to: day, today: day });

/** The counts from scratch: a filter and a count per group, over the rows as read. */
function fromScratch(rows: HazardFactRow[], q: { from: string; to: string; today: string; orgIds?: string[] }) {
  const inPeriod = rows.filter(
    (r) =>
      r.found_on !== null && r.found_on >= q.from && r.found_on <= q.to && (!q.orgIds || q.orgIds.includes(r.org_id)),
  );
  const counts = (of: HazardFactRow[]): HazardCounts => {
    const closed = of.filter((r) => r.state === "closed");
    const major = of.filter((r) => r.grade === "major");
    return {
      found: of.length,
      closed: closed.length,
      open: of.length - closed.length,
      overdue: of.filter((r) => r.state === "rectifying" && r.deadline !== null && r.deadline < q.today).length,
      major: major.length,
      majorOpen: major.filter((r) => r.state !== "closed").length,
      fixRate: null,
    };
  };
  const by = (key: (r: HazardFactRow) => string) =>
    Object.fromEntries([...new Set(inPeriod.map(key))].map((k) => [k, counts(inPeriod.filter((r) => key(r) === k))]));
  const days = new Map<string, { found: number; closed: number }>();
  const at = (d: string) => days.get(d) ?? days.set(d, { found: 0, closed: 0 }).get(d)!;
  for (const r of inPeriod) {
    at(r.found_on!).found++;
    if (r.closed_on) at(r.closed_on).closed++;
  }
  return {
    totals: counts(inPeriod),
    byOrg: by((r) => r.org_id),
    byCategory: by((r) => r.category ?? ""),
    byGrade: by((r) => r.grade ?? ""),
    byState: Object.fromEntries(Object.entries(by((r) => r.state)).map(([s, c]) => [s, c.found])),
    days: [...days].map(([d, c]) => ({ day: d, ...c })).sort((x, y) => x.day.localeCompare(y.day)),
  };
}

const plain = (t: HazardTallies) => ({
  totals: t.totals,
  byOrg: Object.fromEntries(t.byOrg),
  byCategory: Object.fromEntries(t.byCategory),
  byGrade: Object.fromEntries(t.byGrade),
  byState: Object.fromEntries([...t.byState].filter(([, n]) => n > 0)),
  days: t.days,
});

describe("the in-memory hazard index", () => {
  it("counts any period, for all schools (running totals) or some (a pass), as a count from scratch does", () => {
    fc.assert(
      fc.property(
        fc.array(aFact, { maxLength: 60 }),
        fc.array(aQuery, { minLength: 1, maxLength: 4 }),
        fc.subarray(["a", "b", "c", "z"]),
        (rows, queries, orgIds) => {
          const facts = new HazardFacts(rows);
          for (const q of queries) {
            expect(plain(facts.tally(q))).toEqual(fromScratch(rows, q));
            expect(plain(facts.tally({ ...q, orgIds }))).toEqual(fromScratch(rows, { ...q, orgIds }));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("an empty region counts nothing", () => {
    const t = new HazardFacts([]).tally({ from: "2024-01-01", to: "2024-12-31", today: "2024-06-01" });
    expect(plain(t)).toEqual(fromScratch([], { from: "2024-01-01", to: "2024-12-31", today: "2024-06-01" }));
  });
});
