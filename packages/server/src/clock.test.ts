import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clockFrom, parseClock } from "./clock.js";
import { loadConfig } from "./config.js";

describe("the server's clock (LUOSHI_NOW)", () => {
  it("is real by default, fixed at an instant, or read from a file that a scenario rewrites", () => {
    expect(loadConfig({}).clock).toEqual({ kind: "real" });
    const fixed = clockFrom(loadConfig({ LUOSHI_NOW: "2026-03-02T09:00:00+08:00" }).clock!);
    expect(fixed().toISOString()).toBe("2026-03-02T01:00:00.000Z");

    const dir = mkdtempSync(join(tmpdir(), "luoshi-clock-"));
    const file = join(dir, "now");
    const clock = clockFrom(parseClock(`file:${file}`, []));
    const real = Date.now();
    expect(Math.abs(clock().getTime() - real)).toBeLessThan(5_000);
    writeFileSync(file, "2026-03-02T09:00:00+08:00\n");
    expect(clock().toISOString()).toBe("2026-03-02T01:00:00.000Z");
    writeFileSync(file, "2026-03-12T09:00:00+08:00");
    utimesSync(file, new Date(), new Date(Date.now() + 1000));
    expect(clock().toISOString()).toBe("2026-03-12T01:00:00.000Z");
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a value that is neither an instant nor a file", () => {
    expect(() => loadConfig({ LUOSHI_NOW: "tomorrow" })).toThrow(/LUOSHI_NOW/);
  });
});
