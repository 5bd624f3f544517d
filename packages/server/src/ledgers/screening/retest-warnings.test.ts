import { describe, expect, it } from "vitest";
import { retestLines } from "./retest-warnings.js";

const row = (org: string, year: number, due: string) => ({
  org_id: org,
  org_name: `${org}学校`,
  year,
  retest_due: due,
});

describe("retestLines", () => {
  it("counts overdue re-tests per school and year, oldest due date first", () => {
    expect(
      retestLines([
        row("b", 2024, "2024-11-01"),
        row("a", 2024, "2024-11-09"),
        row("a", 2024, "2024-11-02"),
        row("a", 2023, "2024-03-01"),
      ]),
    ).toEqual([
      { orgId: "a", orgName: "a学校", year: 2023, count: 1, oldestDue: "2024-03-01" },
      { orgId: "b", orgName: "b学校", year: 2024, count: 1, oldestDue: "2024-11-01" },
      { orgId: "a", orgName: "a学校", year: 2024, count: 2, oldestDue: "2024-11-02" },
    ]);
    expect(retestLines([])).toEqual([]);
  });
});
