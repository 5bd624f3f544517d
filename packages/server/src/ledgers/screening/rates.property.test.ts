import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor.js";
import { actorFor } from "../../auth/auth.service.js";
import { createTestApp, type TestContext } from "../../test/app.js";
import { csvOf, pupil } from "../../test/screening.js";
import { classifyMeasurement } from "./classify-record.js";
import { rateDerivation } from "./rates.js";
import { readRows } from "./rows.js";
import { screeningRates } from "./screening.service.js";
import { importScreening } from "./screening-import.js";
import { readSheets } from "./sheets.js";

/**
 * Rates as the service computes them (SQL counts per school, grade, class and sex, summed) equal the
 * rates counted from scratch over the imported rows with the pure classifiers.
 */

let t: TestContext;
let officer: Actor;
let dept: Actor;
const now = () => new Date("2024-11-20T02:00:00Z");

beforeAll(async () => {
  t = await createTestApp({ now });
  const user = async (name: string) =>
    actorFor(t.db, await t.db.selectFrom("users").selectAll().where("username", "=", name).executeTakeFirstOrThrow());
  officer = await user(t.fixture.a.users.school_reporter);
  dept = await user(t.fixture.a.users.dept_head);
}, 120_000);
afterAll(() => t.close());

const line = fc.record({
  sex: fc.constantFrom("男", "女"),
  birth: fc.constantFrom("2006-02-10", "2008-08-30", "2010-05-05", "2012-12-01"),
  grade: fc.constantFrom("一年级", "三年级", "五年级", "初一"),
  cls: fc.constantFrom("1班", "2班"),
  height: fc.option(fc.integer({ min: 110, max: 170 }), { nil: null }),
  weight: fc.integer({ min: 18, max: 70 }),
  vaL: fc.option(fc.constantFrom(4.3, 4.6, 4.8, 4.9, 5.0, 5.1), { nil: null }),
  vaR: fc.constantFrom(4.7, 4.9, 5.0, 5.2),
  sphL: fc.option(fc.constantFrom(-2, -0.75, -0.5, -0.25, 0, 0.5), { nil: null }),
  sphR: fc.option(fc.constantFrom(-1.5, -0.5, 0, 0.75), { nil: null }),
  total: fc.option(fc.constantFrom(45, 59.9, 60, 79.9, 80, 89.9, 90, 101), { nil: null }),
});

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 100);
let run = 0;
/** Every row imported so far, by year (runs share years; 学籍号 are unique per run). */
const imported = new Map<
  number,
  { r: ReturnType<typeof readRows>["rows"][number]; d: ReturnType<typeof classifyMeasurement> }[]
>();

describe("screening rates", () => {
  it("equal from-scratch counts over the imported rows, for every grouping", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 40 }), async (lines) => {
        run += 1;
        const year = 2016 + (run % 9);
        const csv = csvOf(
          lines.map((l, i) =>
            pupil(`G9${String(run).padStart(6, "0")}${String(i).padStart(4, "0")}`, {
              ...l,
              weight: l.height === null ? null : l.weight,
              cylL: l.sphL === null ? null : -0.5,
              cylR: l.sphR === null ? null : 0,
            }),
          ),
        );
        await importScreening(
          t.db,
          officer,
          Buffer.from(csv),
          { orgId: officer.orgId, year, measuredOn: `${year}-10-01`, mode: "all", dryRun: false, fileName: "x.csv" },
          now,
        );
        const sheets = await readSheets(Buffer.from(csv), 1000);
        if (typeof sheets === "string") throw new Error(sheets);
        const { rows } = readRows(sheets, { measuredOn: `${year}-10-01`, today: "2024-11-20" });
        imported.set(year, [...(imported.get(year) ?? []), ...rows.map((r) => ({ r, d: classifyMeasurement(r) }))]);
        const derived = imported.get(year) ?? [];
        for (const by of ["sex", "grade", "class"] as const) {
          const answer = await screeningRates(t.db, dept, { year, by });
          const keyOf = (r: (typeof rows)[number]) =>
            by === "sex"
              ? r.sex === "male"
                ? "男"
                : "女"
              : by === "grade"
                ? String(r.grade)
                : `${r.grade}|${r.className}`;
          const groups = new Map<string, typeof derived>();
          for (const x of derived) groups.set(keyOf(x.r), [...(groups.get(keyOf(x.r)) ?? []), x]);
          // Groups seen only last year stay listed (no students this year) for the comparison.
          const current = answer.groups.filter((g) => g.students > 0);
          expect(current).toHaveLength(groups.size);
          const all = [...groups.values()].flat();
          for (const [subset, got] of [[all, answer.total] as const]) {
            const decided = subset.filter((x) => x.d.myopic !== null);
            const bmi = subset.filter((x) => x.d.bmiCategory !== null);
            const graded = subset.filter((x) => x.d.fitnessGrade !== null);
            const good = graded.filter((x) => x.d.fitnessGrade === "excellent" || x.d.fitnessGrade === "good");
            expect(got.students).toBe(subset.length);
            expect(got.rates.myopia_rate).toMatchObject({
              numerator: decided.filter((x) => x.d.myopic).length,
              denominator: decided.length,
              value: pct(decided.filter((x) => x.d.myopic).length, decided.length),
            });
            expect(got.rates.obesity_rate.numerator).toBe(bmi.filter((x) => x.d.bmiCategory === "obese").length);
            expect(got.rates.overweight_rate.numerator).toBe(
              bmi.filter((x) => x.d.bmiCategory === "overweight").length,
            );
            expect(got.rates.fitness_good_rate).toMatchObject({ numerator: good.length, denominator: graded.length });
          }
          const counted = [...groups.values()].map((subset) => subset.filter((x) => x.d.myopic === true).length).sort();
          expect(current.map((g) => g.rates.myopia_rate.numerator).sort()).toEqual(counted);
        }
      }),
      { numRuns: 8 },
    );
  }, 240_000);
});

describe("rateDerivation", () => {
  it("states the numerator, denominator, last year's rate and the change; says when last year has no data", () => {
    const now = { value: 40, numerator: 2, denominator: 5 };
    expect(
      rateDerivation("obesity_rate", 2024, {
        ...now,
        previous: { value: 50, numerator: 1, denominator: 2 },
        change: -10,
      }),
    ).toBe("2024年 肥胖2人 ÷ 有身高体重5人 = 40%；2023年 50%（1/2）；较上年 -10个百分点");
    expect(
      rateDerivation("fitness_good_rate", 2024, {
        ...now,
        previous: { value: null, numerator: 0, denominator: 0 },
        change: null,
      }),
    ).toBe("2024年 优秀和良好2人 ÷ 评定等级5人 = 40%；2023年无筛查数据");
  });
});
