import { describe, expect, it } from "vitest";
import { backupsToPrune, type Keepable } from "./retention.js";

/** One good backup a day at 02:30 Shanghai time (18:30 UTC the day before), newest last. */
const daily = (days: number): Keepable[] =>
  Array.from({ length: days }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1, 18, 30) + i * 86_400_000).toISOString();
    return { id: `d${i}`, startedAt: at, good: true };
  });

describe("backup retention", () => {
  it("keeps the newest of each of the last 7 days and of the last 4 weeks", () => {
    const all = daily(60);
    const gone = new Set(backupsToPrune(all, 7, 4));
    const kept = all.filter((b) => !gone.has(b.id)).map((b) => b.id);
    // Days 53..59 (the last seven) span two weeks (d59 is a Monday); the four weekly slots add the
    // newest of the two weeks before (weeks run Monday to Sunday, Shanghai time).
    expect(kept.slice(-7)).toEqual(["d53", "d54", "d55", "d56", "d57", "d58", "d59"]);
    expect(kept).toEqual(["d44", "d51", "d53", "d54", "d55", "d56", "d57", "d58", "d59"]);
    const older = kept.slice(0, 2).map((id) => all.find((b) => b.id === id)!.startedAt);
    // Each is a Sunday in Shanghai (the newest backup of its Monday-to-Sunday week).
    for (const at of older) expect(new Date(Date.parse(at) + 8 * 3_600_000).getUTCDay()).toBe(0);
  });

  it("several backups a day keep only that day's newest; running ones stay; failed ones go once old", () => {
    const base = Date.UTC(2026, 5, 10, 1);
    const at = (h: number) => new Date(base + h * 3_600_000).toISOString();
    const list: Keepable[] = [
      { id: "early", startedAt: at(0), good: true },
      { id: "late", startedAt: at(5), good: true },
      { id: "failed-new", startedAt: at(6), good: false },
      { id: "running", startedAt: at(7), good: false, running: true },
      { id: "failed-old", startedAt: at(-24 * 30), good: false },
    ];
    expect(backupsToPrune(list, 7, 4).sort()).toEqual(["early", "failed-old"]);
  });

  it("nothing good yet: nothing is removed but what is older than nothing kept", () => {
    expect(backupsToPrune([{ id: "a", startedAt: "2026-01-01T00:00:00.000Z", good: false }], 7, 4)).toEqual([]);
  });
});
