import { describe, expect, it } from "vitest";
import { classifyMeasurement } from "../ledgers/screening/classify-record.js";
import { readRows } from "../ledgers/screening/rows.js";
import { readSheets } from "../ledgers/screening/sheets.js";
import { demoScreeningDays, demoScreeningSheets } from "./demo-screening-data.js";

describe("demo screening data", () => {
  const days = demoScreeningDays("2026-11-20");
  const primary = demoScreeningSheets({ name: "小学", grades: [1, 6], classes: 2, pupils: 30 }, 1, 2026, days);

  it("is deterministic, and the same pupils come back a grade up with a new first grade", () => {
    expect(demoScreeningSheets({ name: "小学", grades: [1, 6], classes: 2, pupils: 30 }, 1, 2026, days)).toEqual(
      primary,
    );
    const rows = (t: string) =>
      t
        .split("\n")
        .slice(1)
        .map((l) => l.split(","));
    const before = new Map(rows(primary.previous).map((r) => [r[0], Number(r[4])]));
    const after = rows(primary.current);
    expect(before.size).toBe(360);
    expect(after).toHaveLength(360);
    const back = after.filter((r) => before.has(r[0]));
    expect(back).toHaveLength(300);
    for (const r of back) expect(Number(r[4])).toBe(before.get(r[0])! + 1);
    expect(after.filter((r) => !before.has(r[0])).every((r) => r[4] === "1")).toBe(true);
  });

  it("reads without a bad row through the real import, with realistic shares", async () => {
    for (const text of [primary.previous, primary.current]) {
      const sheets = await readSheets(Buffer.from(text), 1000);
      if (typeof sheets === "string") throw new Error(sheets);
      const read = readRows(sheets, { measuredOn: days.current, today: "2026-11-20" });
      expect(read.problems).toEqual([]);
      const derived = read.rows.map((r) => classifyMeasurement(r));
      const share = (f: (d: (typeof derived)[number]) => boolean) => derived.filter(f).length / derived.length;
      expect(share((d) => d.myopic === true)).toBeGreaterThan(0.2);
      expect(share((d) => d.myopic === true)).toBeLessThan(0.45);
      expect(share((d) => d.bmiCategory === "obese")).toBeGreaterThan(0.03);
      expect(share((d) => d.bmiCategory === "obese")).toBeLessThan(0.16);
      expect(share((d) => d.bmiCategory === "overweight")).toBeGreaterThan(0.05);
      const good = share((d) => d.fitnessGrade === "excellent" || d.fitnessGrade === "good");
      expect(good).toBeGreaterThan(0.4);
      expect(good).toBeLessThan(0.7);
    }
  });

  it("takes this year's screening a fortnight before today, never after it", () => {
    expect(demoScreeningDays("2026-11-20")).toEqual({ previous: "2025-10-15", current: "2026-11-06" });
    expect(demoScreeningDays("2026-01-05")).toEqual({ previous: "2025-10-15", current: "2026-01-02" });
    expect(demoScreeningDays("2026-01-01").current).toBe("2026-01-01");
  });
});
