import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Real processes on one PGlite data directory: while `luoshi serve` holds it, a second server and
 * every command that would open it refuse (DATA_DIR_LOCKED, naming the server's pid), `luoshi backup`
 * goes through the server; once the server is SIGKILLed, its lock is taken over.
 */
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const cli = join(root, "packages/cli/dist/index.js");
const built = existsSync(cli) && existsSync(join(root, "packages/server/dist/db/data-dir-lock.js"));
if (!built) console.warn("data-dir-lock CLI test skipped: run `npm run build` first");

const dataDir = mkdtempSync(join(tmpdir(), "luoshi-cli-lock-"));
const work = mkdtempSync(join(tmpdir(), "luoshi-cli-work-"));
const env = (dir: string) => ({
  ...process.env,
  LUOSHI_DATA_DIR: dir,
  LOG_LEVEL: "warn",
  DATABASE_URL: "",
  LUOSHI_DEMO: "",
});

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function luoshi(args: string[], dir = dataDir): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: env(dir), timeout: 240_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [cli, "serve", "--port", "0", "--demo"], {
    env: { ...env(dataDir), LUOSHI_BACKUP_SCHEDULE: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 180_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /落实服务已启动：(http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]! });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

let server: { child: ChildProcess; url: string } | undefined;
afterAll(() => {
  if (server && server.child.exitCode === null) server.child.kill("SIGKILL");
});

describe.runIf(built)("one process per data directory (real processes)", () => {
  it("refuses a second server and every command that opens the directory; backup goes through the server; a SIGKILLed holder's lock is taken over", async () => {
    server = await serve();
    const pid = server.child.pid!;
    const plan = join(work, "plan.txt");
    writeFileSync(plan, "2025年工作要点\n一、总体要求\n（一）加强党建。责任单位：办公室。\n");
    const anyBackup = join(work, "any.luoshi-backup");
    writeFileSync(anyBackup, "{}\n");
    const refused = await Promise.all([
      luoshi(["serve", "--port", "0"]),
      luoshi(["migrate"]),
      luoshi(["import", plan]),
      luoshi(["seed-demo"]),
      luoshi(["restore", anyBackup]),
    ]);
    for (const r of refused) {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain("DATA_DIR_LOCKED");
      expect(r.stderr).toContain(`进程号 ${pid}`);
      expect(r.stderr).toContain("luoshi serve");
    }

    // While the server runs, `luoshi backup` asks it for the snapshot, and the server keeps answering.
    const out = join(work, "live.luoshi-backup");
    const health: number[] = [];
    let backingUp = true;
    const probe = (async () => {
      while (backingUp) {
        health.push((await fetch(`${server!.url}/api/health`)).status);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const live = await luoshi(["backup", out]);
    backingUp = false;
    await probe;
    expect(live.code, live.stderr).toBe(0);
    expect(live.stderr).toContain("经由服务");
    expect(live.stdout).toMatch(/已备份 \d+ 行数据/);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((s) => s === 200)).toBe(true);
    expect(readFileSync(out, "utf8")).toContain('"end":"luoshi-backup-end"');

    // A crash leaves the lock file behind; the next process sees its holder is gone and takes over.
    server.child.kill("SIGKILL");
    await new Promise((r) => server!.child.once("exit", r));
    expect(existsSync(join(dataDir, "luoshi.lock"))).toBe(true);
    const offline = await luoshi(["backup", join(work, "offline.luoshi-backup")]);
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stderr).toMatch(/数据表 orgs：\d+ 行/);
    expect(existsSync(join(dataDir, "luoshi.lock"))).toBe(false);

    // Restore: a truncated file is refused with nothing written, then the good one restores.
    const target = mkdtempSync(join(tmpdir(), "luoshi-cli-restore-"));
    const cut = join(work, "cut.luoshi-backup");
    const bytes = readFileSync(out);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const truncated = await luoshi(["restore", cut], target);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toContain("BACKUP_TRUNCATED");
    const restored = await luoshi(["restore", out], target);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stderr).toContain("校验通过");
    expect(restored.stdout).toMatch(/已恢复 \d+ 行数据/);
  }, 600_000);
});
