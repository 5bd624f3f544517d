import { describe, expect, it } from "vitest";
import { rateGroups } from "./rate-groups.js";
import { addCounts, type Counts, ZERO } from "./rates.js";

const counts = (students: number, myopic: number): Counts => ({
  ...ZERO,
  students,
  visionDecided: students,
  myopic,
});

describe("addCounts", () => {
  it("adds every count (a count added to Counts but not to the sum fails here)", () => {
    const a = Object.fromEntries(Object.keys(ZERO).map((k, i) => [k, i + 1])) as unknown as Counts;
    const b = Object.fromEntries(Object.keys(ZERO).map((k, i) => [k, 100 * (i + 1)])) as unknown as Counts;
    const sum = addCounts(a, b);
    for (const [i, k] of Object.keys(ZERO).entries()) expect(sum[k as keyof Counts]).toBe(101 * (i + 1));
    expect(a.students).toBe(1);
  });
});

describe("rateGroups", () => {
  const cls = (year: number, org: [string, string], grade: number, class_name: string | null, c: Counts) => ({
    year,
    org_id: org[0],
    org_name: org[1],
    grade,
    class_name,
    ...c,
  });
  const zhong = ["o-z", "中心小学"] as [string, string];
  const an = ["o-a", "安乐小学"] as [string, string];

  it("orders classes by school (pinyin), grade, then class number; keeps last year's groups; sums the total", () => {
    const rows = [
      cls(2024, zhong, 3, "10班", counts(40, 10)),
      cls(2024, zhong, 3, "2班", counts(40, 8)),
      cls(2024, an, 10, "1班", counts(50, 30)),
      cls(2024, an, 2, null, counts(20, 2)),
      cls(2023, zhong, 3, "2班", counts(40, 6)),
      cls(2023, zhong, 4, "9班", counts(30, 9)),
    ];
    const { total, groups } = rateGroups("class", rows, 2024);
    expect(groups.map((g) => g.label)).toEqual([
      "安乐小学 二年级",
      "安乐小学 高一 1班",
      "中心小学 三年级 2班",
      "中心小学 三年级 10班",
      "中心小学 四年级 9班",
    ]);
    const two = groups.find((g) => g.label === "中心小学 三年级 2班");
    expect(two?.rates.myopia_rate).toMatchObject({ numerator: 8, denominator: 40, value: 20, change: 5 });
    expect(groups.at(-1)?.students).toBe(0);
    expect(total.students).toBe(150);
    expect(total.rates.myopia_rate).toMatchObject({ numerator: 50, previous: { numerator: 15, denominator: 70 } });
  });

  it("keys schools by id, so two schools of one name stay apart", () => {
    const rows = [
      cls(2024, ["o-1", "实验小学"], 1, "1班", counts(10, 1)),
      cls(2024, ["o-2", "实验小学"], 1, "1班", counts(10, 2)),
    ];
    expect(rateGroups("class", rows, 2024).groups).toHaveLength(2);
    const bySchool = rateGroups(
      "school",
      rows.map(({ grade: _g, class_name: _c, ...r }) => r),
      2024,
    );
    expect(bySchool.groups.map((g) => g.key)).toEqual(["o-1", "o-2"]);
  });

  it("orders grades up and sex male first, with labels", () => {
    const grades = rateGroups(
      "grade",
      [12, 1, 7].map((grade) => ({ year: 2024, grade, ...counts(1, 0) })),
      2024,
    );
    expect(grades.groups.map((g) => g.label)).toEqual(["一年级", "初一", "高三"]);
    const sexes = rateGroups(
      "sex",
      (["female", "male"] as const).map((sex) => ({ year: 2024, sex, ...counts(1, 1) })),
      2024,
    );
    expect(sexes.groups.map((g) => g.label)).toEqual(["男", "女"]);
  });
});
