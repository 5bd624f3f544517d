import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { todayInShanghai } from "./periods.js";

const byTimeZone = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

describe("todayInShanghai", () => {
  it("agrees with the time zone database at any instant from 1980 to 2200", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2200, 0, 1) }), (t) => {
        expect(todayInShanghai(new Date(t))).toBe(byTimeZone.format(new Date(t)));
      }),
      { numRuns: 5000 },
    );
  });

  it("turns the day at midnight in Beijing, 16:00 UTC", () => {
    expect(todayInShanghai(new Date("2026-12-05T15:59:59.999Z"))).toBe("2026-12-05");
    expect(todayInShanghai(new Date("2026-12-05T16:00:00.000Z"))).toBe("2026-12-06");
    // Daylight saving time in 1991 (UTC+9 until 15 September): by the time zone database.
    expect(todayInShanghai(new Date("1991-07-01T15:30:00Z"))).toBe("1991-07-02");
  });
});
