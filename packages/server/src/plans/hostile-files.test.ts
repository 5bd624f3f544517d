import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { multipart } from "../test/app.js";
import { PLAN_TEXT, seedFixture } from "../test/fixture.js";
import { ensureBuilt, kill, login, pgliteTarget, type Server, startServer, type Target } from "../test/live-server.js";

/**
 * Hostile files posted to the import route of the real built server (`luoshi serve`, a process
 * of its own on a PGlite data folder), while this process polls its /api/health: each file gets
 * its stable code (or imports), and health stays fast throughout, because parsing runs on worker
 * threads under limits and big plans insert in short statements. The server runs as it does in
 * production, not inside the test runner, whose own heap (the runner and the transformed sources,
 * ~110 MB live) doubled the server's full collections (29 against 14 ms in the same upload).
 */
const skipReason = ensureBuilt();
if (skipReason) console.warn(`hostile-file test skipped: ${skipReason}`);
let target: Target;
let server: Server;
let headers: Record<string, string>;
let base: string;
const dir = mkdtempSync(join(tmpdir(), "luoshi-hostile-"));
const writer = fileURLToPath(new URL("../../../plan-parser/src/test-support/write-hostile-files.ts", import.meta.url));
const poster = fileURLToPath(new URL("../../../plan-parser/src/test-support/post-files.mjs", import.meta.url));
type Posted = {
  name: string;
  status: number;
  json: { error?: { code: string; message: string }; plans?: { taskCount: number }[] };
};

beforeAll(async () => {
  // Made in another process, whose garbage is not collected on the event loop measured here.
  await promisify(execFile)(process.execPath, ["--import", "tsx", writer, dir], { maxBuffer: 1 << 20 });
  target = pgliteTarget();
  const fixture = await target.seed(seedFixture);
  server = await startServer({ ...target.env, LUOSHI_MAX_UPLOAD_MB: "32", LUOSHI_WORK_TIMEOUT_S: "30" });
  base = server.url;
  headers = await login(base, fixture.a.users.admin);
  // A running server's workers are up; the first upload's worker start is not what is measured.
  expect((await post("warm.txt", new TextEncoder().encode(PLAN_TEXT))).status).toBe(201);
}, 120_000);
afterAll(async () => {
  if (server) await kill(server);
  await target?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

async function post(name: string, bytes: Uint8Array) {
  return send(multipart({ name, bytes }));
}

async function send(body: ReturnType<typeof multipart>) {
  const res = await fetch(`${base}/api/plans`, {
    method: "POST",
    headers: { ...headers, ...body.headers },
    body: body.payload,
  });
  const json = (await res.json()) as { error?: { code: string; message: string }; plans?: { taskCount: number }[] };
  return { status: res.status, json };
}

/** Polls health until stopped; returns each answer's latency, ms. */
function pollHealth() {
  const latencies: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return latencies;
    },
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};

/**
 * The target, 50 ms. Until 2026-12 this bound was 100-150 ms: runs gave p99 30-132 ms, the
 * worst gaps the server's thread runnable but not running. That was the server's own priority: the
 * worker module, loaded on the event loop's thread too, lowered that thread to nice 19 (meant for the
 * parse threads only), and every thread started after it, so the poster process (nice 0) ran first.
 * With that fixed, a parsed plan read back from its worker in slices (a 6,000-task document was one
 * 12-34 ms deserialization) and the server outside the test runner: all seven files at once, p99
 * 22-33 ms in nine runs, 19-24 ms in three runs with a busy loop taking one of the two cores. Each
 * file alone: 6000.txt max 18-20 ms, every other file under 15. Two busy loops on both cores starve
 * the nice-19 parse thread (the import times out, as it should rather than slow the server); this
 * test is not meant to pass on a saturated machine.
 */
const HEALTH_P99_MS = 50;
/**
 * The latency bound is asserted only when this file runs alone (LUOSHI_TIMING_TESTS=1, as .ci/run does
 * after the suite): beside the other test files vitest runs at once on two cores it measures them, not
 * the server. The stable codes are asserted in every run.
 */
const TIMED = process.env.LUOSHI_TIMING_TESTS === "1";

describe.skipIf(skipReason !== undefined)("hostile files", () => {
  it("each gets its stable code or imports, and /api/health p99 stays within bound", async () => {
    const expected: Record<string, string | number> = {
      "paragraphs.docx": "TOO_MANY_PARAGRAPHS",
      "bomb.docx": "ZIP_BOMB",
      "pages.pdf": "TOO_MANY_PAGES",
      "rows.xlsx": "TOO_MANY_ROWS",
      "deep.html": "TOO_DEEPLY_NESTED",
      "huge.txt": "DOCUMENT_TOO_LARGE",
      "6000.txt": 6000,
    };
    const only = process.env.HOSTILE_ONLY;
    const chosen = Object.keys(expected).filter((n) => !only || only.split(",").includes(n));
    // The same polling with nothing else to do: the machine's own tail, printed beside the result.
    const idle = pollHealth();
    await new Promise((r) => setTimeout(r, 2000));
    const idleLatencies = await idle.stop();
    const health = pollHealth();
    await new Promise((r) => setTimeout(r, 200));
    // The uploads come from another process, as they would from browsers: what is measured is the server.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [poster, `${base}/api/plans`, JSON.stringify(headers), dir, ...chosen],
      { maxBuffer: 16 << 20 },
    );
    const results = (JSON.parse(stdout) as Posted[]).map((r) => ({ ...r, expected: expected[r.name]! }));
    await new Promise((r) => setTimeout(r, 200));
    const latencies = await health.stop();

    for (const r of results) {
      if (typeof r.expected === "number") {
        expect(r.status, r.name).toBe(201);
        expect(r.json.plans?.[0]?.taskCount, r.name).toBe(r.expected);
      } else {
        expect({ name: r.name, status: r.status, code: r.json.error?.code }).toEqual({
          name: r.name,
          status: 422,
          code: r.expected,
        });
        expect(r.json.error?.message, r.name).toMatch(/上限|异常|过深/);
      }
    }
    const p99 = percentile(latencies, 0.99);
    console.log(
      `health idle: ${idleLatencies.length} answers, p99 ${percentile(idleLatencies, 0.99).toFixed(1)} ms; during hostile uploads: ${latencies.length} answers, p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`,
    );
    expect(latencies.length).toBeGreaterThan(50);
    if (TIMED) expect(p99).toBeLessThanOrEqual(HEALTH_P99_MS);
  }, 180_000);
});
