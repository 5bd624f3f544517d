import { describe, expect, it } from "vitest";
import { dailySeries, dailyTotals, daysBetween } from "./health-trends.js";

describe("cases over time", () => {
  it("lists every day of a range, across a month's end, and none for a reversed range", () => {
    expect(daysBetween("2024-02-27", "2024-03-02")).toEqual([
      "2024-02-27",
      "2024-02-28",
      "2024-02-29",
      "2024-03-01",
      "2024-03-02",
    ]);
    expect(daysBetween("2024-05-06", "2024-05-06")).toEqual(["2024-05-06"]);
    expect(daysBetween("2024-05-07", "2024-05-06")).toEqual([]);
  });

  it("makes one dense series per key in the given order, summing repeated rows, leaving out empty keys and days outside", () => {
    const days = daysBetween("2024-05-06", "2024-05-08");
    const rows = [
      { period: "2024-05-08", key: "cough", n: 2 },
      { period: "2024-05-06", key: "fever", n: 1 },
      { period: "2024-05-06", key: "fever", n: 3 },
      { period: "2024-05-09", key: "rash", n: 5 },
      { period: "2024-05-07", key: "unknown", n: 1 },
      { period: "2024-05-07", key: "vomiting", n: 0 },
    ];
    const series = dailySeries(days, rows, ["fever", "cough", "rash", "vomiting"]);
    expect(series).toEqual([
      { key: "fever", counts: [4, 0, 0], total: 4 },
      { key: "cough", counts: [0, 0, 2], total: 2 },
    ]);
    expect(dailyTotals(days, series)).toEqual([4, 0, 2]);
  });
});
