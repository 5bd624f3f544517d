#!/usr/bin/env node
// Server latency and throughput under load, beside a no-op route measured in the same run.
//   npm run build && node bench/server.bench.mjs [--duration 10] [--connections 50]
//     county dataset (2 plans × 60 tasks, 50 orgs, 12 months of reports) on an on-disk PGlite
//   node bench/server.bench.mjs --only submit --cpu-prof /tmp/prof   (the server's CPU profile per row)
//   node bench/server.bench.mjs --pg postgresql://luoshi:luoshi@127.0.0.1:5432/luoshi_test --province
//     province dataset (100 plans, 6,000 tasks, ~3,000 orgs, ~1,000,000 reports) in a fresh
//     schema of that database, generated set-based in SQL; the schema is dropped afterwards.
// Targets: PGlite reads p99 ≤ 50 ms, submissions ≥ 300/s with p99 ≤ 150 ms; PostgreSQL plan summary
// p99 ≤ 200 ms. The first table is a closed loop (each connection sends its next request when its
// answer is in): its req/s is the throughput at saturation, and its latency mostly the queue the
// connections make (Little's law: ~connections ÷ req/s). The submission p99 is judged in the second
// table, where submissions are offered at a fixed 300/s in an open loop (openLoop), beside the no-op
// offered the same way. Every req/s counts 2xx answers only; refusals are counted under non-2xx.
// Repeated reads come from the read cache (packages/server/src/http/read-cache.ts) until a write they
// depend on commits: "1st ms" is each read's first, computed answer, and on PGlite a second table
// measures reads while submissions arrive at a steady 20/s (open loop) to the first plan, each moving
// the answers about its task and that plan (not the second plan's). --no-cache computes every read; --only NAME runs the rows named so.
// "CPU ms/req" is this process's (the server's) CPU over a row divided by the answers it gave:
// steadier than latency when other work shares the cores (in the second table it includes the
// submissions' CPU).
// The machine is shared: compare the ratio columns, measured against the no-op in the same run.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    pg: { type: "string" },
    province: { type: "boolean", default: false },
    load: { type: "string" },
    keep: { type: "boolean", default: false },
    "no-cache": { type: "boolean", default: false },
    only: { type: "string" },
    "cpu-prof": { type: "string" },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
if (args.province && !args.pg) {
  console.error("--province needs --pg URL (a PostgreSQL database)");
  process.exit(2);
}

if (args.load) {
  await generateLoad(JSON.parse(args.load));
  process.exit(0);
}

const dist = (p) => import(join(root, "packages/server/dist", p));
let server;
try {
  server = {
    ...(await dist("index.js")),
    ...(await dist("orgs/orgs.service.js")),
    ...(await dist("users/users.service.js")),
    ...(await dist("plans/publish.service.js")),
    ...(await dist("plans/plans.repository.js")),
  };
} catch (error) {
  console.error(`bench: packages/server/dist is missing or stale; run "npm run build" first (${error.message})`);
  process.exit(2);
}
const { sql } = await import("kysely");

const PASSWORD = "bench-password";
const progress = (label, done, total) => {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r${label.padEnd(34)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
  if (done === total) process.stderr.write("\n");
};

// ---------------------------------------------------------------- county dataset

const DEPARTMENTS = [
  "办公室",
  "基础教育股",
  "人事股",
  "规划股",
  "计财股",
  "安全股",
  "体卫艺股",
  "教研室",
  "督导室",
  "职成教股",
];
const LEVELS = ["小学", "初中", "幼儿园", "高中"];

/** A 工作要点 with 60 tasks: each led by a department with a co-department; every third fans out to all schools. */
function countyPlanText() {
  const lines = ["城关县教育和体育局2024年工作要点"];
  for (let s = 0; s < 6; s++) {
    lines.push(`${"一二三四五六"[s]}、第${s + 1}方面重点工作`);
    for (let i = 0; i < 10; i++) {
      const n = s * 10 + i + 1;
      const units = [DEPARTMENTS[n % 10], DEPARTMENTS[(n + 1) % 10], ...(n % 3 === 0 ? ["各学校"] : [])];
      lines.push(
        `${n}.推进第${n}项重点工作。完成率达到${80 + (n % 20)}%以上。（责任单位：${units.join("、")}）（${(n % 12) + 1}月底前完成）`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

async function seedCounty(db) {
  const total = 3 + DEPARTMENTS.length + 37 + 3 + 2 + 1;
  let done = 0;
  const step = () => progress("county: seeding through services", ++done, total);
  const province = await server.createOrg(db, null, { parentId: null, name: "某省教育厅", kind: "province" });
  step();
  const city = await server.createOrg(db, null, { parentId: province.id, name: "某市教育局", kind: "city" });
  step();
  const bureau = await server.createOrg(db, null, { parentId: city.id, name: "城关县教育和体育局", kind: "bureau" });
  step();
  const depts = [];
  for (const [i, name] of DEPARTMENTS.entries()) {
    depts.push(await server.createOrg(db, null, { parentId: bureau.id, name, kind: "department", sortOrder: i }));
    step();
  }
  const schools = [];
  for (let i = 0; i < 37; i++) {
    const level = LEVELS[i % LEVELS.length];
    schools.push(
      await server.createOrg(db, null, {
        parentId: bureau.id,
        name: `城关第${i + 1}${level}`,
        kind: "school",
        schoolLevel: level,
      }),
    );
    step();
  }
  const users = {
    admin: { orgId: bureau.id, role: "admin" },
    leader: { orgId: bureau.id, role: "leader" },
    reporter: { orgId: schools[0].id, role: "school_reporter" },
  };
  for (const [username, u] of Object.entries(users)) {
    await server.createUser(db, null, { ...u, username, displayName: username, password: PASSWORD });
    step();
  }
  // Two plans (two years) of the bureau: submissions go to the first, and the second's answers stay cached.
  const plans = [];
  for (const year of [2024, 2025]) {
    const [imported] = await server.importPlan(db, null, {
      bytes: new TextEncoder().encode(countyPlanText()),
      filename: `${year}年工作要点.txt`,
      orgId: bureau.id,
      year,
    });
    await server.publishPlan(db, null, imported.id, await server.findPlan(db, imported.id));
    plans.push(imported);
    step();
  }
  // Twelve months of reports for every assignment, in one set-based statement.
  await sql`
    INSERT INTO progress_reports (region_id, id, task_id, org_id, period, status, narrative, percent, submitted_by, submitted_at)
    SELECT a.region_id, a.id || '-' || m, a.task_id, a.org_id, '2024-' || lpad(m::text, 2, '0'),
           (ARRAY['in_progress', 'in_progress', 'done', 'blocked'])[1 + (abs(hashtext(a.id)) + m) % 4],
           '按计划推进', least(100, m * 9), 'bench', timestamptz '2024-01-25' + (m - 1) * interval '1 month'
    FROM assignments a CROSS JOIN generate_series(1, 12) AS m
    WHERE a.deleted_at IS NULL`.execute(db);
  step();
  const counts = await sql`SELECT (SELECT count(*) FROM orgs) AS orgs, (SELECT count(*) FROM plan_tasks) AS tasks,
    (SELECT count(*) FROM assignments) AS assignments, (SELECT count(*) FROM progress_reports) AS reports`.execute(db);
  const tasks = await db
    .selectFrom("assignments as a")
    .innerJoin("plan_tasks as t", "t.id", "a.task_id")
    .select("a.task_id")
    .where("a.org_id", "=", schools[0].id)
    .where("t.plan_id", "=", plans[0].id)
    .execute();
  return {
    planId: plans[0].id,
    otherPlanId: plans[1].id,
    reporterTaskIds: tasks.map((t) => t.task_id),
    counts: counts.rows[0],
  };
}

// ---------------------------------------------------------------- province dataset (PostgreSQL)

const BUREAUS = 100;
const TASKS_PER_PLAN = 60;

/** Statements of the province dataset, each set-based; reports go month by month for the progress bar. */
function provinceStatements() {
  const s = [];
  s.push([
    "orgs",
    sql`INSERT INTO orgs (region_id, id, parent_id, name, kind) VALUES ('p0', 'p0', NULL, '某省教育厅', 'province')`,
  ]);
  s.push([
    "orgs",
    sql`INSERT INTO orgs (region_id, id, parent_id, name, kind)
        SELECT 'c' || c, 'c' || c, 'p0', '第' || c || '市教育局', 'city' FROM generate_series(1, 10) c`,
  ]);
  s.push([
    "orgs",
    sql`INSERT INTO orgs (region_id, id, parent_id, name, kind)
        SELECT 'b' || b, 'b' || b, 'c' || ((b - 1) / 10 + 1), '第' || b || '县教育和体育局', 'bureau'
        FROM generate_series(1, ${BUREAUS}) b`,
  ]);
  s.push([
    "orgs",
    sql`INSERT INTO orgs (region_id, id, parent_id, name, kind, sort_order)
        SELECT 'b' || b, 'b' || b || 'd' || d, 'b' || b, '第' || b || '县第' || d || '股', 'department', d
        FROM generate_series(1, ${BUREAUS}) b, generate_series(1, 10) d`,
  ]);
  s.push([
    "orgs",
    sql`INSERT INTO orgs (region_id, id, parent_id, name, kind, school_level, sort_order)
        SELECT 'b' || b, 'b' || b || 's' || k, 'b' || b, '第' || b || '县第' || k || '学校', 'school', '小学', k
        FROM generate_series(1, ${BUREAUS}) b, generate_series(1, 19) k`,
  ]);
  s.push([
    "plans",
    sql`INSERT INTO plans (region_id, id, org_id, title, year, status, cadence, source_text, published_at)
        SELECT 'b' || b, 'b' || b || 'p', 'b' || b, '第' || b || '县2024年工作要点', 2024, 'published', 'monthly', '', now()
        FROM generate_series(1, ${BUREAUS}) b`,
  ]);
  s.push([
    "tasks",
    sql`INSERT INTO plan_tasks (region_id, id, plan_id, seq, no, path, title, units, lead_count)
        SELECT 'b' || b, 'b' || b || 't' || t, 'b' || b || 'p', t - 1, t::text, '["一、重点工作"]',
               '第' || t || '项重点工作', '[]', 1
        FROM generate_series(1, ${BUREAUS}) b, generate_series(1, ${TASKS_PER_PLAN}) t`,
  ]);
  s.push([
    "milestones",
    sql`INSERT INTO milestones (region_id, id, task_id, seq, text, due_date, kind)
        SELECT 'b' || b, 'b' || b || 't' || t || 'm', 'b' || b || 't' || t, 0, (t % 12 + 1) || '月底前',
               (date '2024-02-01' + (t % 12) * interval '1 month' - interval '1 day')::date, 'by'
        FROM generate_series(1, ${BUREAUS}) b, generate_series(1, ${TASKS_PER_PLAN}) t`,
  ]);
  // Lead and co department, and 12 of the 19 schools: 14 assignees a task, 840 a plan.
  s.push([
    "assignments",
    sql`INSERT INTO assignments (region_id, id, task_id, org_id, role, unit_name)
        SELECT 'b' || b, 'b' || b || 't' || t || 'a' || o.org, 'b' || b || 't' || t, 'b' || b || o.org, o.role, o.org
        FROM generate_series(1, ${BUREAUS}) b, generate_series(1, ${TASKS_PER_PLAN}) t,
        LATERAL (
          SELECT 'd' || (t % 10 + 1) AS org, 'lead' AS role
          UNION ALL SELECT 'd' || ((t + 1) % 10 + 1), 'co'
          UNION ALL SELECT 's' || k, 'co' FROM generate_series(1, 19) k WHERE (k + t) % 19 < 12
        ) o`,
  ]);
  for (let m = 1; m <= 12; m++) {
    s.push([
      "reports",
      sql`INSERT INTO progress_reports (region_id, id, task_id, org_id, period, status, narrative, percent, submitted_by, submitted_at)
          SELECT a.region_id, a.id || '-' || ${m}::int, a.task_id, a.org_id, ${`2024-${String(m).padStart(2, "0")}`},
                 (ARRAY['in_progress', 'in_progress', 'done', 'blocked'])[1 + (abs(hashtext(a.id)) + ${m}::int) % 4],
                 '按计划推进', least(100, ${m}::int * 9), 'bench',
                 timestamptz '2024-01-25' + (${m}::int - 1) * interval '1 month'
          FROM assignments a`,
    ]);
  }
  s.push(["analyze", sql`ANALYZE`]);
  return s;
}

async function seedProvince(db) {
  const statements = provinceStatements();
  for (const [i, [label, statement]] of statements.entries()) {
    progress(`province: ${label}`.padEnd(24), i, statements.length);
    await statement.execute(db);
  }
  progress("province: done", statements.length, statements.length);
  const users = {
    admin: { orgId: "b1", role: "admin" },
    leader: { orgId: "p0", role: "leader" },
    reporter: { orgId: "b1s1", role: "school_reporter" },
  };
  for (const [username, u] of Object.entries(users)) {
    await server.createUser(db, null, { ...u, username, displayName: username, password: PASSWORD });
  }
  const counts = await sql`SELECT (SELECT count(*) FROM orgs) AS orgs, (SELECT count(*) FROM plans) AS plans,
    (SELECT count(*) FROM plan_tasks) AS tasks, (SELECT count(*) FROM progress_reports) AS reports`.execute(db);
  const tasks = await db.selectFrom("assignments").select("task_id").where("org_id", "=", "b1s1").execute();
  return { planId: "b1p", reporterTaskIds: tasks.map((t) => t.task_id), counts: counts.rows[0] };
}

// ---------------------------------------------------------------- measuring

async function login(url, username) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = await res.json();
  return { cookie, "x-csrf-token": csrfToken };
}

/**
 * The load comes from a child process, so that it does not share the server's event
 * loop (and, on a small machine, its core) with autocannon.
 */
async function measure(url, name, options) {
  const stopProfile = args["cpu-prof"] && name !== "submissions" ? await startProfile() : undefined;
  const row = await measureOnce(url, name, options);
  await stopProfile?.(name);
  return row;
}

/** --cpu-prof DIR: the server's CPU profile over each measured row (not the seeding), for DevTools. */
async function startProfile() {
  const { Session } = await import("node:inspector/promises");
  const { writeFileSync, mkdirSync } = await import("node:fs");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return async (name) => {
    const { profile } = await session.post("Profiler.stop");
    mkdirSync(args["cpu-prof"], { recursive: true });
    const file = join(args["cpu-prof"], `${name.replace(/[^\w]+/g, "-")}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.error(`profile: ${file}`);
  };
}

function measureOnce(url, name, options) {
  const cpu = process.cpuUsage();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [fileURLToPath(import.meta.url), "--load", JSON.stringify({ url, ...options })],
      {
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, BENCH_CONNECTIONS: String(connections), BENCH_DURATION: String(duration) },
      },
    );
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
    });
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator for ${name} exited ${code}`));
      const used = process.cpuUsage(cpu);
      const answer = JSON.parse(out);
      // The server's CPU per answer (this process serves): steadier than latency on a busy machine.
      const cpuMs = (used.user + used.system) / 1000 / Math.max(1, answer.result.requests.total);
      resolvePromise({ name, cpuMs, ...answer });
    });
  });
}

/**
 * Child side: one spec's load, its result printed as JSON. With `rate`, an open loop (openLoop);
 * otherwise autocannon, closed loop on the connections. Either way the result's `requests` counts
 * only 2xx answers (per second of the run, and in total), and `latency` is of 2xx answers only.
 */
async function generateLoad(spec) {
  const { url, submit, path, headers, rate, connections: ownConnections } = spec;
  const requestAt = submit ? submissionAt(submit.taskIds, submit.headers) : () => ({ method: "GET", path, headers });
  const duration = Number(process.env.BENCH_DURATION);
  if (rate) {
    process.stdout.write(JSON.stringify(await openLoop(url, rate, duration, requestAt)));
    return;
  }
  let n = 0;
  const requests = submit
    ? { requests: [{ setupRequest: (req) => ({ ...req, ...requestAt(n++) }), onResponse: refusedOnce() }] }
    : { headers };
  const result = await new Promise((resolvePromise, reject) =>
    autocannon(
      {
        // autocannon takes the path as part of the URL; a top-level `path` option is ignored.
        url: new URL(path ?? "/", url).toString(),
        connections: ownConnections ?? Number(process.env.BENCH_CONNECTIONS),
        duration,
        ...requests,
      },
      (error, r) => (error ? reject(error) : resolvePromise(r)),
    ),
  );
  // autocannon's requests.average counts every answer, refusals too: the 2xx alone here.
  const ok = result["2xx"];
  process.stdout.write(
    JSON.stringify({
      result: {
        latency: result.latency,
        requests: { average: ok / result.duration, total: ok },
        errors: result.errors,
        timeouts: result.timeouts,
      },
      non2xx: result.non2xx,
    }),
  );
}

/** An onResponse that tells the first refusal (a bench that only measured refusals would mislead). */
function refusedOnce() {
  let told = false;
  return (status, body) => {
    if ((status < 200 || status >= 300) && !told) {
      told = true;
      console.error(`refused: ${status} ${String(body).slice(0, 200)}`);
    }
  };
}

/**
 * An open loop at a fixed rate: request i is due at start + i/rate whatever the answers before it
 * (autocannon's overallRate is not one: each connection sends its share of a second back to back
 * as soon as the previous answer is in, so a second's requests come in a burst at its start and
 * its latencies are those of a closed loop). Latency runs from when a request was due, not from
 * when it went out, so a late generator or a full connection pool counts against the server
 * (no coordinated omission). Only 2xx answers count in the rate and latencies; the rate is over
 * the time from the first request due to the last answer.
 */
async function openLoop(url, rate, duration, requestAt) {
  const { default: http } = await import("node:http");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const base = new URL(url);
  const refused = refusedOnce();
  const latencies = [];
  let non2xx = 0;
  let errors = 0;
  let lastAnswer = 0;
  const send = (req, due) =>
    new Promise((done) => {
      const body = req.body === undefined ? undefined : Buffer.from(req.body);
      const request = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: req.method ?? "GET",
          path: req.path,
          headers: { ...req.headers, ...(body ? { "content-length": body.length } : {}) },
        },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => {
            lastAnswer = performance.now();
            if (res.statusCode >= 200 && res.statusCode < 300) latencies.push(lastAnswer - due);
            else {
              non2xx++;
              refused(res.statusCode, Buffer.concat(chunks).toString());
            }
            done();
          });
        },
      );
      request.on("error", () => {
        errors++;
        done();
      });
      request.end(body);
    });
  const total = Math.round(rate * duration);
  const start = performance.now() + 20;
  const answers = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    answers.push(send(requestAt(i), due));
  }
  await Promise.all(answers);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] : NaN;
  const seconds = (lastAnswer - start) / 1000;
  return {
    result: {
      latency: { p50: at(0.5), p99: at(0.99) },
      requests: { average: latencies.length / seconds, total: latencies.length },
      errors,
      timeouts: 0,
    },
    non2xx,
  };
}

/**
 * Submissions cycle over the reporter's (task, month) pairs of the plan's year: a report may only
 * be filed for a period of its plan's year, and the dataset already holds one for each, so every
 * submission replaces a report (the report updated, its old actuals and evidence retired, audited).
 */
function submissionAt(taskIds, headers) {
  return (i) => {
    const month = Math.floor(i / taskIds.length) % 12;
    const period = `2024-${String(month + 1).padStart(2, "0")}`;
    return {
      method: "POST",
      path: `/api/tasks/${taskIds[i % taskIds.length]}/reports`,
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ period, status: "in_progress", narrative: `压测 ${i}`, percent: i % 100 }),
    };
  };
}

function printTable(title, rows, { result: baseline, cpuMs: baselineCpu }, load = `${connections} connections`) {
  const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "—");
  console.log(`\n${title}  (${load}, ${duration} s each; req/s counts 2xx answers only)`);
  const header = [
    "endpoint",
    "1st ms",
    "p50 ms",
    "p99 ms",
    "req/s",
    "p50 ×noop",
    "p99 ×noop",
    "req/s ÷noop",
    "CPU ms/req",
    "CPU ×noop",
    "non-2xx",
  ];
  const lines = rows.map(({ name, result, non2xx, first, cpuMs }) => [
    name,
    first === undefined ? "" : fmt(first),
    fmt(result.latency.p50),
    fmt(result.latency.p99),
    fmt(result.requests.average, 0),
    fmt(result.latency.p50 / baseline.latency.p50),
    fmt(result.latency.p99 / baseline.latency.p99),
    fmt(result.requests.average / baseline.requests.average, 3),
    fmt(cpuMs, 2),
    fmt(cpuMs / baselineCpu, 1),
    String(non2xx + result.errors + result.timeouts),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(row(header));
  console.log(widths.map((w) => "─".repeat(w)).join("  "));
  for (const l of lines) console.log(row(l));
}

function verdict(label, ok, detail) {
  console.log(`${ok ? "✓" : "✗"} ${label}: ${detail}`);
}

// ---------------------------------------------------------------- run

const dataDir = mkdtempSync(join(tmpdir(), "luoshi-bench-"));
const schema = `bench_${randomBytes(5).toString("hex")}`;
let db;
let admin;
try {
  if (args.pg) {
    const pg = (await import("pg")).default;
    admin = new pg.Client({ connectionString: args.pg });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    db = await server.openDatabase({ kind: "postgres", url: args.pg, schema });
  } else {
    process.stderr.write("county: opening PGlite on disk (first start runs initdb; slow)…\n");
    db = await server.openDatabase({ kind: "pglite", dataDir: join(dataDir, "db") });
  }
  await server.migrate(db);
  const data = args.province ? await seedProvince(db) : await seedCounty(db);
  console.log(`dataset: ${JSON.stringify(data.counts)}`);

  const config = server.loadConfig(
    {},
    { dataDir, port: 0, host: "127.0.0.1", logLevel: "fatal", readCache: !args["no-cache"] },
  );
  const { app, url } = await server.startServer({ db, files: null, config, close: async () => {} });
  try {
    const sessions = {
      admin: await login(url, "admin"),
      leader: await login(url, "leader"),
      reporter: await login(url, "reporter"),
    };
    const get = (path, who) => ({ path, headers: sessions[who] });
    /** A read's first answer after the data changed: computed, not served from the read cache. */
    const first = async (name, spec) => {
      const t0 = performance.now();
      const res = await fetch(new URL(spec.path, url), { headers: spec.headers });
      await res.text();
      const ms = performance.now() - t0;
      return { ...(await measure(url, name, spec)), first: ms };
    };
    const task = data.reporterTaskIds[0];
    const runs = [];
    /** --only SUBSTRING measures only the rows whose name holds it (the no-op always runs). */
    const wanted = (name) => !args.only || name.includes(args.only);
    const add = async (name, run) => {
      if (wanted(name)) runs.push(await run(name));
    };
    const noop = await measure(url, "no-op GET /api/health", { path: "/api/health" });
    const plan = `/api/plans/${data.planId}/completion`;
    const submit = { submit: { taskIds: data.reporterTaskIds, headers: sessions.reporter } };
    const fixed = [];
    if (args.province) {
      await add("plan summary (county admin)", (n) => first(n, get(plan, "admin")));
      await add("plan summary (province leader)", (n) => first(n, get(plan, "leader")));
      await add("my tasks (school reporter)", (n) => first(n, get("/api/tasks/mine", "reporter")));
    } else {
      await add("my tasks (school reporter)", (n) => first(n, get("/api/tasks/mine", "reporter")));
      await add("plan summary (admin)", (n) => first(n, get(plan, "admin")));
      await add("task detail (school reporter)", (n) => first(n, get(`/api/tasks/${task}`, "reporter")));
      await add("submit progress (school reporter)", (n) => measure(url, n, submit));
      // The target's own terms: the p99 of submissions offered at 300/s (an open loop), beside the
      // no-op offered the same way.
      if (wanted("submit progress at 300/s offered")) {
        fixed.push(await measure(url, "no-op GET /api/health at 300/s offered", { path: "/api/health", rate: 300 }));
        fixed.push(await measure(url, "submit progress at 300/s offered", { ...submit, rate: 300 }));
      }
    }
    const title = args.province ? `PostgreSQL, province dataset` : `PGlite on disk (fsync per commit), county dataset`;
    printTable(`${title}, closed loop`, [noop, ...runs], noop);
    if (fixed.length > 0) printTable("Offered at a fixed rate (open loop)", fixed, fixed[0], "rate as named");
    const alongside = [];
    if (!args.province) {
      // Reads measured while submissions to the first plan arrive at a steady 20/s (open loop):
      // each write evicts the answers that depend on that plan's task (and its region's
      // dashboard), not the others.
      const readsWhileWriting = (name, spec) =>
        Promise.all([measure(url, name, spec), measure(url, "submissions", { ...submit, rate: 20 })]).then(
          ([reads]) => reads,
        );
      const other = `/api/plans/${data.otherPlanId}/completion`;
      for (const [name, spec] of [
        ["my tasks, 20 submissions/s to its plan", get("/api/tasks/mine", "reporter")],
        ["plan summary, 20 submissions/s to it", get(plan, "admin")],
        ["task detail, 20 submissions/s to its plan", get(`/api/tasks/${task}`, "reporter")],
        ["other plan's summary, 20 submissions/s", get(other, "admin")],
      ]) {
        if (wanted(name)) alongside.push(await readsWhileWriting(name, spec));
      }
      if (alongside.length > 0)
        printTable("Reads while submissions flow (20/s to the first plan)", [noop, ...alongside], noop);
    }
    console.log("");
    if (args.province) {
      for (const r of runs.filter((x) => x.name.startsWith("plan summary")))
        verdict(r.name, r.result.latency.p99 <= 200, `p99 ${r.result.latency.p99} ms (target ≤ 200 ms)`);
    } else {
      for (const r of [...runs, ...alongside].filter((x) => !x.name.startsWith("submit")))
        verdict(r.name, r.result.latency.p99 <= 50, `p99 ${r.result.latency.p99} ms (target ≤ 50 ms)`);
      for (const r of runs.filter((x) => x.name.startsWith("submit")))
        verdict(
          r.name,
          r.result.requests.average >= 300,
          `${r.result.requests.average.toFixed(0)} 2xx/s (target ≥ 300/s)`,
        );
      for (const r of fixed.filter((x) => x.name.startsWith("submit"))) {
        const offered = Math.round(300 * duration);
        verdict(
          r.name,
          r.result.requests.total === offered && r.result.latency.p99 <= 150,
          `${r.result.requests.total} of ${offered} answered 2xx (${r.result.requests.average.toFixed(0)}/s), p99 ${r.result.latency.p99.toFixed(1)} ms (target p99 ≤ 150 ms)`,
        );
      }
    }
  } finally {
    // Requests still queued when the load stopped finish before the database closes.
    await new Promise((r) => setTimeout(r, 2000));
    await app.close();
  }
} finally {
  await db?.destroy();
  if (admin) {
    if (args.keep) console.error(`kept the schema: ${schema}`);
    else await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
  if (args.keep && !args.pg) console.error(`kept the data folder: ${dataDir}`);
  else rmSync(dataDir, { recursive: true, force: true });
}
