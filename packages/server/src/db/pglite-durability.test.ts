import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { durablePGlite } from "./pglite-durability.js";

const dir = mkdtempSync(join(tmpdir(), "luoshi-durable-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("durable PGlite", () => {
  it("syncs its WAL with fsync and keeps a committed row across a reopen", async () => {
    const first = durablePGlite(dir, {});
    await first.lite.waitReady;
    const setting = async (name: string) =>
      (await first.lite.query<Record<string, string>>(`show ${name}`)).rows[0]![name];
    expect(await setting("fsync")).toBe("on");
    expect(await setting("wal_sync_method")).toBe("fsync");
    // New WAL segments are sparse: zero-filling one held the event loop mid-commit.
    expect(await setting("wal_init_zero")).toBe("off");
    await first.lite.exec("create table t (v text); insert into t values ('保留')");
    await first.wal.flush();
    await first.lite.close();
    const second = durablePGlite(dir, {});
    expect((await second.lite.query<{ v: string }>("select v from t")).rows).toEqual([{ v: "保留" }]);
    await second.lite.close();
  });
});
