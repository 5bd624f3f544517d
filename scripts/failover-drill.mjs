#!/usr/bin/env node
// Failover drill (issue 10, item 5): the real server (`luoshi serve`) on a PostgreSQL primary with a
// synchronous hot standby (scripts/pg-standby.sh), reached through a multi-host DATABASE_URL. While
// writers post progress reports through HTTP, the primary is stopped at once (pg_ctl stop -m immediate,
// as a crash leaves it) and the standby promoted. Checks, and exits 1 unless all hold:
//   - every report the server acknowledged (HTTP 201) is on the new primary: acknowledged-lost = 0;
//   - requests in the gap fail cleanly: 503 with a stable code and a Chinese message, never 500;
//   - the server reconnects by itself and accepts writes after the promotion; it never exits;
//   - the old primary, rewound (pg_rewind) into a synchronous standby of the new one, holds every
//     acknowledged write, and the server's writes are acknowledged again with it in sync.
// Needs the built CLI (npm run build) and PostgreSQL's server binaries; run as root or postgres.
// Ports: LUOSHI_PG_PRIMARY_PORT (5433) and LUOSHI_PG_STANDBY_PORT (5434), as pg-standby.sh.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pair = join(root, "scripts", "pg-standby.sh");
const primaryPort = process.env.LUOSHI_PG_PRIMARY_PORT || "5433";
const standbyPort = process.env.LUOSHI_PG_STANDBY_PORT || "5434";
const WRITERS = 6;
const BEFORE_MS = 2500;
const GAP_MS = 2000;
const AFTER_MS = 2500;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const log = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

log("creating the primary/standby pair");
execFileSync(pair, ["up"], { stdio: "inherit" });
const dataDir = mkdtempSync(join(tmpdir(), "luoshi-drill-"));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  DATABASE_URL: `postgresql://luoshi:luoshi@127.0.0.1:${primaryPort},127.0.0.1:${standbyPort}/luoshi?target_session_attrs=read-write`,
  LUOSHI_DATA_DIR: dataDir,
  LOG_LEVEL: "warn",
};
const server = spawn(
  process.execPath,
  [join(root, "packages/cli/dist/index.js"), "serve", "--demo", "--port", String(port)],
  {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  },
);
let serverLog = "";
let exited = null;
server.stdout.on("data", (d) => (serverLog += d));
server.stderr.on("data", (d) => (serverLog += d));
server.on("exit", (code, signal) => (exited = { code, signal }));

const failures = [];
try {
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`the server exited while starting: ${JSON.stringify(exited)}`);
    if (i > 1200) throw new Error("the server did not start within 60 s");
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(50);
  }
  log("server up (demo data seeded on the primary)");

  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "school", password: "Luoshi@2024" }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = await login.json();
  const headers = { cookie, "x-csrf-token": csrfToken, "content-type": "application/json" };
  const { tasks } = await (await fetch(`${base}/api/tasks/mine`, { headers })).json();
  if (!tasks?.length) throw new Error("the demo school has no task");
  // Reports go to (task, period) pairs of the demo plan's year, months up to the current one (later or
  // other years are refused), cycling when they run out; a later write to a pair replaces its report.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const months = Number(today.slice(5, 7));
  // A task can be listed once per assignment of the school: each task once.
  const taskIds = [...new Set(tasks.map((t) => t.id))];
  const pairs = taskIds.flatMap((id) =>
    Array.from({ length: months }, (_, m) => ({
      taskId: id,
      period: `${today.slice(0, 4)}-${String(m + 1).padStart(2, "0")}`,
    })),
  );

  if (taskIds.length < WRITERS) throw new Error(`only ${taskIds.length} tasks for ${WRITERS} writers`);
  let next = 0;
  let phase = "before";
  let stop = false;
  const acked = [];
  const outcomes = { before: {}, gap: {}, after: {} };
  const badAnswers = [];
  let firstAckAfterPromote = null;
  let promotedAt = 0;
  const submit = async (n) => {
    const { taskId, period } = pairs[pairOf[n]];
    try {
      const res = await fetch(`${base}/api/tasks/${taskId}/reports`, {
        method: "POST",
        headers,
        body: JSON.stringify({ period, status: "in_progress", narrative: `drill-${n}`, percent: n % 100 }),
        signal: AbortSignal.timeout(20_000),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    } catch (err) {
      return { status: `fetch failed: ${err.cause?.code ?? err.name}`, body: null };
    }
  };
  // Each writer keeps to its own pairs, so no two writes to one pair are ever in flight together.
  const pairOf = [];
  const writer = async (_, w) => {
    // ...and its own tasks (concurrent resubmissions on one task are tested beside task_unit_status).
    const own = pairs.map((_, i) => i).filter((i) => taskIds.indexOf(pairs[i].taskId) % WRITERS === w);
    if (own.length === 0) return;
    for (let k = 0; !stop; k++) {
      const n = next++;
      pairOf[n] = own[k % own.length];
      const sentIn = phase;
      const { status, body } = await submit(n);
      outcomes[sentIn][status] = (outcomes[sentIn][status] ?? 0) + 1;
      if (status === 201) {
        acked.push(n);
        if (sentIn === "after" && firstAckAfterPromote === null) firstAckAfterPromote = Date.now() - promotedAt;
      } else if (
        status !== 503 ||
        body?.error?.code !== "DATABASE_UNAVAILABLE" ||
        !/[\u4e00-\u9fff]/.test(body.error.message)
      ) {
        if (badAnswers.length < 5) badAnswers.push({ status, body });
      } else if (sentIn === "after") {
        await sleep(20); // a client's retry pause while the new primary is found
      }
    }
  };
  const writers = Array.from({ length: WRITERS }, writer);

  await sleep(BEFORE_MS);
  phase = "gap";
  execFileSync(pair, ["stop-primary"], { stdio: "inherit" });
  log(`primary stopped (immediate) after ${acked.length} acknowledged writes`);
  await sleep(GAP_MS);
  execFileSync(pair, ["promote-standby"], { stdio: "inherit" });
  promotedAt = Date.now();
  phase = "after";
  log("standby promoted");
  await sleep(AFTER_MS);
  stop = true;
  await Promise.all(writers);

  const onNode = async (nodePort) => {
    const client = new pg.Client({ connectionString: `postgresql://luoshi:luoshi@127.0.0.1:${nodePort}/luoshi` });
    await client.connect();
    const { rows } = await client.query(
      "SELECT task_id, period, narrative FROM progress_reports WHERE narrative LIKE 'drill-%' AND deleted_at IS NULL",
    );
    const inRecovery = (await client.query("SELECT pg_is_in_recovery() AS r")).rows[0].r;
    await client.end();
    // Per pair, the write its report holds now; an acknowledged write is kept when that one is it or a later one.
    const held = new Map(rows.map((r) => [`${r.task_id} ${r.period}`, Number(r.narrative.slice(6))]));
    const keyOf = (n) => `${pairs[pairOf[n]].taskId} ${pairs[pairOf[n]].period}`;
    return { present: { has: (n) => (held.get(keyOf(n)) ?? -1) >= n }, inRecovery };
  };
  const { present, inRecovery } = await onNode(standbyPort);
  const lost = acked.filter((n) => !present.has(n));
  const health = await fetch(`${base}/api/health`).then(
    (r) => r.status,
    (e) => String(e),
  );

  console.log("\nFailover drill");
  console.log(`  responses before the crash:    ${JSON.stringify(outcomes.before)}`);
  console.log(`  responses in the gap:          ${JSON.stringify(outcomes.gap)}`);
  console.log(`  responses after the promotion: ${JSON.stringify(outcomes.after)}`);
  console.log(`  first write accepted ${firstAckAfterPromote ?? "never"} ms after the promotion`);
  console.log(`  acknowledged: ${acked.length}, on the new primary: ${acked.length - lost.length}`);
  console.log(`  acknowledged-lost = ${lost.length}`);

  // Section 4 of the runbook: the old primary back as the new one's synchronous standby.
  execFileSync(pair, ["rejoin-old-primary"], { stdio: "inherit" });
  const rejoined = await onNode(primaryPort);
  const missingOnRejoined = acked.filter((n) => !rejoined.present.has(n)).length;
  pairOf[next] = 0;
  const lastWrite = await submit(next++);
  log(
    `old primary rewound and in sync; it holds ${acked.length - missingOnRejoined} of ${acked.length}; next write: ${lastWrite.status}`,
  );

  if (lost.length > 0) failures.push(`acknowledged writes lost: ${lost.slice(0, 10).join(", ")}`);
  if (inRecovery) failures.push("the promoted standby is still in recovery");
  if ((outcomes.before[201] ?? 0) === 0) failures.push("no write was acknowledged before the crash");
  if (firstAckAfterPromote === null) failures.push("the server accepted no write after the promotion");
  if ((outcomes.gap[503] ?? 0) === 0) failures.push("no request met the gap (expected 503 answers)");
  if (badAnswers.length > 0) failures.push(`answers other than 201 or a clean 503: ${JSON.stringify(badAnswers)}`);
  if (exited) failures.push(`the server exited: ${JSON.stringify(exited)}`);
  if (health !== 200) failures.push(`/api/health answered ${health} after the drill`);
  if (!rejoined.inRecovery) failures.push("the rejoined old primary is not in recovery");
  if (missingOnRejoined > 0) failures.push(`the rejoined old primary lacks ${missingOnRejoined} acknowledged writes`);
  if (lastWrite.status !== 201) failures.push(`with the rejoined standby in sync a write answered ${lastWrite.status}`);
} catch (err) {
  failures.push(String(err?.stack ?? err));
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => (exited ? r() : server.once("exit", r)));
  rmSync(dataDir, { recursive: true, force: true });
  if (failures.length === 0) execFileSync(pair, ["down"], { stdio: "inherit" });
}
log("done");
if (failures.length > 0) {
  console.error(
    `\nFAILED:\n- ${failures.join("\n- ")}\n\nserver output (last 4000 characters):\n${serverLog.slice(-4000)}`,
  );
  console.error(`The pair is left for inspection: ${pair} status / down`);
  process.exit(1);
}
