import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  acquireDataDirLock,
  DataDirLockedError,
  LOCK_FILE,
  type LockHolder,
  liveHolder,
  processStart,
} from "./data-dir-lock.js";

const dir = () => mkdtempSync(join(tmpdir(), "luoshi-lock-"));
const holderOf = (d: string) => JSON.parse(readFileSync(join(d, LOCK_FILE), "utf8")) as LockHolder;
const plant = (d: string, holder: Partial<LockHolder>) =>
  writeFileSync(
    join(d, LOCK_FILE),
    JSON.stringify({
      hostname: hostname(),
      command: "serve",
      startedAt: "2026-01-01T00:00:00.000Z",
      procStart: null,
      ...holder,
    }),
  );

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

function refusal(d: string, command = "migrate"): DataDirLockedError {
  try {
    acquireDataDirLock(d, command);
  } catch (error) {
    if (error instanceof DataDirLockedError) return error;
    throw error;
  }
  throw new Error("the lock was granted");
}

describe("data directory lock", () => {
  it("an empty or zero-filled lock file (a power cut after link, before its data reached the disk) is taken over", () => {
    for (const content of ["", "\0\0\0\0", "\n"]) {
      const d = dir();
      writeFileSync(join(d, LOCK_FILE), content);
      expect(liveHolder(d)).toBeUndefined();
      const lock = acquireDataDirLock(d, "serve");
      expect(holderOf(d).pid).toBe(process.pid);
      lock.release();
    }
  });

  it("one holder at a time; the refusal names the holder's pid, command and start; release frees it", () => {
    const d = dir();
    const lock = acquireDataDirLock(d, "serve");
    expect(holderOf(d)).toMatchObject({ pid: process.pid, command: "serve", hostname: hostname() });
    const error = refusal(d);
    expect(error.code).toBe("DATA_DIR_LOCKED");
    expect(error.messageZh).toContain(`进程号 ${process.pid}`);
    expect(error.messageZh).toContain("luoshi serve");
    expect(error.messageZh).toContain(lock.holder.startedAt);
    expect(liveHolder(d)?.pid).toBe(process.pid);
    lock.release();
    expect(liveHolder(d)).toBeUndefined();
    acquireDataDirLock(d, "backup").release();
  });

  it("takes over a lock left by a process that is gone", () => {
    const d = dir();
    plant(d, { pid: deadPid() });
    const lock = acquireDataDirLock(d, "migrate");
    expect(holderOf(d).pid).toBe(process.pid);
    lock.release();
  });

  it.runIf(processStart(process.pid) !== null)("takes over a lock whose pid now belongs to a later process", () => {
    const d = dir();
    // This process is alive, but it is not the one that started at tick 1.
    plant(d, { pid: process.ppid, procStart: "1" });
    acquireDataDirLock(d, "migrate").release();
    plant(d, { pid: process.ppid, procStart: processStart(process.ppid) });
    expect(refusal(d).holder?.pid).toBe(process.ppid);
  });

  it("keeps out of a lock held on another host, and of a lock file it cannot read", () => {
    const d = dir();
    plant(d, { pid: deadPid(), hostname: "another-host" });
    expect(refusal(d).messageZh).toContain("another-host");
    writeFileSync(join(d, LOCK_FILE), "garbage");
    expect(refusal(d).messageZh).toContain("无法识别");
  });

  // Node 20 runs no TypeScript: the racers load the built module (CI builds before it tests).
  const built = fileURLToPath(new URL("../../dist/db/data-dir-lock.js", import.meta.url));
  it.runIf(existsSync(built))(
    "of many processes racing for a stale lock, exactly one wins",
    async () => {
      const d = dir();
      plant(d, { pid: deadPid() });
      const script = `
      const { acquireDataDirLock } = await import(${JSON.stringify(pathToFileURL(built).href)});
      try { acquireDataDirLock(process.argv[1], "race"); process.stdout.write("won"); await new Promise((r) => setTimeout(r, 1500)); }
      catch (e) { process.stdout.write(e.code ?? String(e)); }`;
      const racers = Array.from({ length: 6 }, () => {
        const child = spawn(process.execPath, ["--input-type=module", "-e", script, d], {
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (c: Buffer) => {
          out += c.toString();
        });
        child.stderr.on("data", (c: Buffer) => {
          out += c.toString();
        });
        return new Promise<string>((resolve) => child.on("exit", () => resolve(out)));
      });
      const outcomes = await Promise.all(racers);
      expect(
        outcomes.filter((o) => o === "won"),
        outcomes.join("\n"),
      ).toHaveLength(1);
      expect(outcomes.filter((o) => o === "DATA_DIR_LOCKED")).toHaveLength(5);
    },
    60_000,
  );
});
