#!/usr/bin/env node
// Daily health reports on PostgreSQL (issue 16), each figure beside a no-op measured in the same run.
//   npm run build && node bench/health.bench.mjs --pg postgresql://luoshi:luoshi@127.0.0.1:5432/luoshi_test
//     [--duration 10] [--connections 20]
// A county of 300 schools × 30 classes × 2 时段 (18,000 class checks a school day). Seeded set-based in
// SQL in a throwaway schema (dropped afterwards): the classes, and 14 school days of class checks
// (3 % of checks name 1–3 ill students with symptoms) except the last day of 40 schools, which
// are then submitted over HTTP by those schools' 疫情报告人 (1,200 checks, 20 at a time), 20 schools'
// first as a warm-up (the JIT, the pool's connections and their prepared statements), then the
// measured 20 schools'.
// Measured: (1) ingest — class checks per second over HTTP vs no-op GETs per second sent the same way;
// (2) the rule engine over the county's 14-day window (the chasing job, POST /api/ledgers/returns/chase,
// which runs the rules over every school and stores new alerts), one request at a time, vs a no-op request; (3) the bureau's daily view (GET /api/ledgers/returns/day:
// counts per school) at 20 connections (autocannon) vs the no-op route; (4) the click-through to one
// school's classes (the same with &orgId=) at 20 connections. Targets: ≥ 500 checks/s, ≤ 2 s, p99 ≤ 100 ms.
// The machine is shared: compare the ratios. About 1½ minutes.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { measure } from "./lib/http-bench.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    pg: { type: "string", default: process.env.LUOSHI_BENCH_PG_URL ?? process.env.LUOSHI_TEST_PG_URL },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
    load: { type: "string" },
  },
});

if (args.load) {
  // Child side: one autocannon run, its result as JSON on stdout.
  const { url, path, headers } = JSON.parse(args.load);
  const result = await new Promise((res, rej) =>
    autocannon(
      {
        url: new URL(path, url).toString(),
        connections: Number(args.connections),
        duration: Number(args.duration),
        headers,
      },
      (e, r) => (e ? rej(e) : res(r)),
    ),
  );
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}
if (!args.pg) {
  console.log("bench: pass --pg URL (or set LUOSHI_BENCH_PG_URL / LUOSHI_TEST_PG_URL) to a PostgreSQL database");
  process.exit(0);
}

const dist = (p) => import(join(root, "packages/server/dist", p));
const server = {
  ...(await dist("index.js")),
  ...(await dist("orgs/orgs.service.js")),
  ...(await dist("users/users.service.js")),
};
const { sql } = await import("kysely");
const pg = (await import("pg")).default;

const SCHOOLS = 300;
const CLASSES = 30;
/** Schools whose last day is sent over HTTP: the first MEASURED measured, the others before them as a warm-up. */
const LIVE_SCHOOLS = 40;
const MEASURED = 20;
const DAYS = 14;
const PASSWORD = "bench-password";
const SYMPTOMS = ["fever", "cough", "sore_throat", "diarrhoea", "vomiting", "rash"];

const iso = (d) => d.toISOString().slice(0, 10);
/** The last `n` school days (Monday–Friday) up to today in Asia/Shanghai, oldest first. */
function schoolDays(n) {
  const days = [];
  for (let d = new Date(Date.now() + 8 * 3_600_000); days.length < n; d = new Date(d.getTime() - 86_400_000))
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) days.unshift(iso(d));
  return days;
}

function autocannonRun(url, name, spec) {
  return new Promise((res, rej) => {
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(import.meta.url),
        "--duration",
        args.duration,
        "--connections",
        args.connections,
        "--load",
        JSON.stringify({ url, ...spec }),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
    });
    child.on("exit", (code) =>
      code === 0 ? res({ name, result: JSON.parse(out) }) : rej(new Error(`${name}: exit ${code}`)),
    );
  });
}

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
  return { cookie, "x-csrf-token": (await res.json()).csrfToken, "content-type": "application/json" };
}

async function seed(db, days) {
  const province = await server.createOrg(db, null, { parentId: null, name: "某省教育厅", kind: "province" });
  const city = await server.createOrg(db, null, { parentId: province.id, name: "某市教育局", kind: "city" });
  const bureau = await server.createOrg(db, null, { parentId: city.id, name: "城关县教育和体育局", kind: "bureau" });
  const dept = await server.createOrg(db, null, { parentId: bureau.id, name: "体卫艺股", kind: "department" });
  const region = bureau.region_id ?? bureau.regionId ?? bureau.id;
  await server.createUser(db, null, {
    orgId: dept.id,
    role: "dept_head",
    username: "tiwei",
    displayName: "体卫艺股长",
    password: PASSWORD,
  });
  const schools = [];
  for (let i = 0; i < SCHOOLS; i++)
    schools.push(await server.createOrg(db, null, { parentId: bureau.id, name: `城关第${i + 1}学校`, kind: "school" }));
  const reporters = [];
  for (let i = 0; i < LIVE_SCHOOLS; i++) {
    const username = `yiqing${i + 1}`;
    await server.createUser(db, null, {
      orgId: schools[i].id,
      role: "school_reporter",
      username,
      displayName: `疫情报告人${i + 1}`,
      password: PASSWORD,
    });
    reporters.push({ username, schoolIndex: i });
  }
  const ids = schools.map((s) => s.id);
  // Classes s<i>c<j> of school i, created a month before the window (they owe every day of it).
  await sql`
    INSERT INTO school_classes (region_id, id, org_id, name, grade, enrolled, sort_order, created_at, updated_at)
    SELECT ${region}, 's' || s || 'c' || c, (${sql.val(ids)}::text[])[s], c || '班', '', 40, c,
           (${days[0]}::date - 30)::timestamptz, (${days[0]}::date - 30)::timestamptz
      FROM generate_series(1, ${SCHOOLS}) s, generate_series(1, ${CLASSES}) c`.execute(db);
  // Checks of every class, slot and day, but the last two days of the live schools (sent over HTTP).
  // 3 % of checks name 1–3 students, each with one or two symptoms.
  await sql`
    WITH k AS (
      SELECT s, c, d, slot, (s * 7919 + c * 104729 + d * 31 + (slot = 'noon')::int) % 100 AS r
        FROM generate_series(1, ${SCHOOLS}) s, generate_series(1, ${CLASSES}) c,
             generate_series(1, ${days.length}) d, unnest(ARRAY['morning', 'noon']) slot
       WHERE NOT (s <= ${LIVE_SCHOOLS} AND d = ${days.length})),
    p AS (
      SELECT *, CASE WHEN r < 3 THEN r + 1 ELSE 0 END AS ill FROM k),
    j AS (
      SELECT p.*, COALESCE((
        SELECT jsonb_agg(jsonb_build_object('name', '学生' || s || '-' || c || '-' || i,
                 'symptoms', jsonb_build_array((${sql.val(SYMPTOMS)}::text[])[1 + (s + i) % 6]) ||
                   CASE WHEN i % 2 = 0 THEN jsonb_build_array('cough') ELSE '[]'::jsonb END))
          FROM generate_series(1, ill) i), '[]') AS students
        FROM p)
    INSERT INTO ledger_returns (region_id, ledger_type, unit_id, org_id, period_kind, period, slot, zero, payload,
                                submitted_by, submitted_at, updated_by, updated_at)
    SELECT ${region}, 'health_check', 's' || s || 'c' || c, (${sql.val(ids)}::text[])[s], 'day',
           (${sql.val(days)}::date[])[d], slot, ill = 0,
           jsonb_build_object('expected', 40, 'present', 40 - ill, 'illAbsent', ill, 'symptoms',
                              (SELECT COALESCE(jsonb_object_agg(x.sym, x.n), '{}'::jsonb)
                                 FROM (SELECT sym, count(*) AS n FROM jsonb_array_elements(students) st,
                                              jsonb_array_elements_text(st->'symptoms') sym GROUP BY sym) x),
                              'students', students),
           'seed', (${sql.val(days)}::date[])[d] + time '08:40', 'seed', (${sql.val(days)}::date[])[d] + time '08:40'
      FROM j`.execute(db);
  await sql`VACUUM ANALYZE ledger_returns`.execute(db);
  await sql`VACUUM ANALYZE school_classes`.execute(db);
  return { schools, reporters };
}

const dataDir = mkdtempSync(join(tmpdir(), "luoshi-bench-"));
const schema = `bench_health_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: args.pg });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
let db;
try {
  db = await server.openDatabase({ kind: "postgres", url: args.pg, schema });
  await server.migrate(db);
  const days = schoolDays(DAYS);
  const t = performance.now();
  const { reporters } = await seed(db, days);
  const n = await sql`SELECT count(*)::int AS n, sum((NOT zero)::int)::int AS ill FROM ledger_returns`.execute(db);
  console.log(
    `dataset: ${SCHOOLS} schools × ${CLASSES} classes × 2 时段, ${days.length} school days ${days[0]}…${days.at(-1)}; ` +
      `${n.rows[0].n} class checks seeded (${n.rows[0].ill} with illness) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const config = server.loadConfig(
    {},
    { dataDir, port: 0, host: "127.0.0.1", logLevel: "fatal", loginAttemptsPerMinute: 1000 },
  );
  const { app, url } = await server.startServer({ db, files: null, config, close: async () => {} });
  try {
    const bureau = await login(url, "tiwei");
    // One at a time: sign-ins from one address are throttled past 20 attempts in flight.
    const sessions = [];
    for (const r of reporters) sessions.push(await login(url, r.username));
    const connections = Number(args.connections);
    // (1) Ingest: the live schools’ checks of the last day, one worker per school's reporter.
    const checks = reporters.flatMap((r, w) =>
      days.slice(-1).flatMap((date) =>
        ["morning", "noon"].flatMap((slot) =>
          Array.from({ length: CLASSES }, (_, c) => ({
            w,
            body: JSON.stringify({
              classId: `s${r.schoolIndex + 1}c${c + 1}`,
              date,
              slot,
              ...(c % 10 === 0 ? { present: 39, students: [{ name: `新生${c}`, symptoms: ["fever", "cough"] }] } : {}),
            }),
          })),
        ),
      ),
    );
    const rate = (r) => {
      const failed = r.result.non2xx + r.result.errors + r.result.timeouts;
      return { perSecond: (r.result.requests.total - failed) / r.result.duration, failed };
    };
    // Sent by autocannon from a process of its own (as the other rows are), each check once with its
    // school reporter's session: the client's work is not done on the server's event loop.
    const requests = (part) =>
      part.map((k) => ({
        method: "POST",
        path: "/api/ledgers/health/checks",
        headers: { ...sessions[k.w], "content-type": "application/json" },
        body: k.body,
      }));
    const warm = rate(await measure(args, url, "warm-up", { list: requests(checks.filter((k) => k.w >= MEASURED)) }));
    if (warm.failed > 0) console.log(`warm-up: ${warm.failed} checks failed`);
    const list = requests(checks.filter((k) => k.w < MEASURED));
    const ingestNoop = rate(
      await measure(args, url, "no-op", {
        path: "/api/health",
        list: list.map(() => ({ method: "GET", path: "/api/health" })),
      }),
    );
    const ingest = rate(await measure(args, url, "ingest", { list }));
    if (ingest.failed > 0) console.log(`ingest: ${ingest.failed} checks failed`);
    // (2) The rule engine over the county's 14 days, as the bureau sees its alerts.
    const timed = async (path) => {
      const runs = [];
      let body;
      for (let i = 0; i < 3; i++) {
        const s = performance.now();
        const res = await fetch(`${url}${path}`, { headers: bureau });
        body = await res.json();
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        runs.push(performance.now() - s);
      }
      return { ms: runs.sort((a, b) => a - b)[1], body };
    };
    const ruleNoop = await timed("/api/health");
    // Alerts are stored when opened (a check naming ill students runs the rules over its school);
    // the chasing job runs them over the whole county: that run is the rule engine's figure.
    const detect = async () => {
      const runs = [];
      for (let i = 0; i < 3; i++) {
        const s = performance.now();
        const res = await fetch(`${url}/api/ledgers/returns/chase`, {
          method: "POST",
          headers: bureau,
          body: JSON.stringify({ type: "health_check" }),
        });
        if (res.status !== 200) throw new Error(`chase: ${res.status} ${(await res.text()).slice(0, 300)}`);
        await res.arrayBuffer();
        runs.push(performance.now() - s);
      }
      return { ms: runs.sort((a, b) => a - b)[1] };
    };
    const county = await detect();
    const rules = await timed(`/api/ledgers/health/alerts?date=${days.at(-1)}`);
    // (3) The bureau's daily view of the last school day at 20 connections.
    const dayPath = `/api/ledgers/returns/day?type=health_check&date=${days.at(-1)}`;
    const first = await timed(dayPath);
    // (4) The click-through: one school's classes (the first live school, its checks sent above).
    const schoolPath = `${dayPath}&orgId=${first.body.schools[0].orgId}`;
    const clicked = await timed(schoolPath);
    const noop = await autocannonRun(url, "no-op GET /api/health", { path: "/api/health" });
    const view = await autocannonRun(url, "bureau daily view", { path: dayPath, headers: bureau });
    const school = await autocannonRun(url, "one school's classes", { path: schoolPath, headers: bureau });

    const f = (x, d = 1) => x.toFixed(d);
    console.log(
      `\nPostgreSQL; load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      `ingest: ${list.length} class checks at ${connections} at a time: ${f(ingest.perSecond, 0)}/s ` +
        `(no-op GET ${f(ingestNoop.perSecond, 0)}/s; ratio ${f(ingest.perSecond / ingestNoop.perSecond, 3)}; failed ${ingest.failed}; ` +
        `warm-up before it, ${checks.length - list.length} other schools' checks: ${f(warm.perSecond, 0)}/s)`,
    );
    console.log(
      `rule engine, county 14 days (POST returns/chase: rules over every school, alerts stored): ` +
        `${f(county.ms, 0)} ms median of 3 (${rules.body.alerts.length} alerts; no-op ${f(ruleNoop.ms)} ms; ` +
        `×${f(county.ms / ruleNoop.ms, 0)}); reading the stored alerts: ${f(rules.ms, 0)} ms`,
    );
    const { latency: l, requests: q } = view.result;
    console.log(
      `bureau daily view (${first.body.summary.expected} checks due, ${first.body.schools.length} schools): ` +
        `p50 ${l.p50} ms, p99 ${l.p99} ms, ${f(q.average, 0)} req/s, non-2xx ${view.result.non2xx} ` +
        `(no-op p50 ${noop.result.latency.p50} ms, p99 ${noop.result.latency.p99} ms, ${f(noop.result.requests.average, 0)} req/s; ` +
        `p99 ×${f(l.p99 / Math.max(1, noop.result.latency.p99))})`,
    );
    const { latency: sl, requests: sq } = school.result;
    console.log(
      `click-through, one school (${clicked.body.items.length} class checks, ${JSON.stringify(clicked.body).length} bytes; ` +
        `county view ${JSON.stringify(first.body).length} bytes): p50 ${sl.p50} ms, p99 ${sl.p99} ms, ` +
        `${f(sq.average, 0)} req/s, non-2xx ${school.result.non2xx}`,
    );
    console.log("");
    console.log(`${ingest.perSecond >= 500 ? "✓" : "✗"} ingest ${f(ingest.perSecond, 0)}/s (target ≥ 500/s)`);
    console.log(`${county.ms <= 2000 ? "✓" : "✗"} rule engine ${f(county.ms, 0)} ms (target ≤ 2000 ms)`);
    console.log(`${l.p99 <= 100 ? "✓" : "✗"} bureau daily view p99 ${l.p99} ms (target ≤ 100 ms)`);
  } finally {
    await app.close();
  }
} finally {
  await db?.destroy();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}
