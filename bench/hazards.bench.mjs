#!/usr/bin/env node
// The bureau's hazard summary and the 台账 import on PostgreSQL, beside a no-op route in the same run.
//   npm run build && node bench/hazards.bench.mjs --pg postgresql://luoshi:luoshi@127.0.0.1:5432/luoshi_test
//     [--duration 10] [--connections 20] [--rows 10000]
// A county of 300 schools with 200,000 hazards over the last 3 years (older ones mostly 销号), seeded
// set-based in SQL in a throwaway schema (dropped afterwards). Measured over HTTP (autocannon in a
// child process): GET /api/ledgers/hazard-summary for this year to date, (a) computed on every
// request (each asks a different period, so the read cache never answers) and (b) repeated (the read
// cache answers until a write commits); then POST /api/ledgers/hazard-import of a 10,000-row workbook.
// Targets: summary p99 ≤ 100 ms at 20 connections; import of 10,000 rows ≤ 5 s.
// The machine is shared: compare the ratio columns, measured against the no-op in the same run.
import {
  benchArgs,
  measure as measureWith,
  onThrowawaySchema,
  serverModules,
  login as signIn,
  table,
  verdict,
} from "./lib/http-bench.mjs";

const args = benchArgs({ rows: { type: "string", default: "10000" } });
const server = await serverModules("orgs/orgs.service.js", "users/users.service.js");
const { sql } = await import("kysely");
const ExcelJS = (await import("exceljs")).default;

const SCHOOLS = 300;
const HAZARDS = 200_000;
const PASSWORD = "bench-password";
const CATEGORIES = [
  "buildings",
  "fire",
  "utilities",
  "food",
  "traffic",
  "laboratory",
  "crowded_places",
  "construction",
  "natural_disaster",
  "security",
  "drowning",
  "bullying",
  "surroundings",
  "activities",
  "public_health",
  "mental_health",
];

const measure = (url, name, spec) => measureWith(args, url, name, spec);
const login = (url, username) => signIn(url, username, PASSWORD);

async function seed(db) {
  const province = await server.createOrg(db, null, { parentId: null, name: "某省教育厅", kind: "province" });
  const city = await server.createOrg(db, null, { parentId: province.id, name: "某市教育局", kind: "city" });
  const bureau = await server.createOrg(db, null, { parentId: city.id, name: "城关县教育和体育局", kind: "bureau" });
  const dept = await server.createOrg(db, null, { parentId: bureau.id, name: "安全稳定股", kind: "department" });
  const schools = [];
  for (let i = 0; i < SCHOOLS; i++) {
    schools.push(await server.createOrg(db, null, { parentId: bureau.id, name: `城关第${i + 1}学校`, kind: "school" }));
    if (i % 50 === 49) process.stderr.write(`\rschools ${i + 1}/${SCHOOLS}`);
  }
  process.stderr.write("\n");
  const officer = await server.createUser(db, null, {
    orgId: dept.id,
    role: "dept_head",
    username: "safety",
    displayName: "安全股长",
    password: PASSWORD,
  });
  const school = await server.createUser(db, null, {
    orgId: schools[0].id,
    role: "school_reporter",
    username: "officer1",
    displayName: "学校安全员",
    password: PASSWORD,
  });
  const region = bureau.region_id ?? bureau.regionId ?? bureau.id;
  // 200,000 hazards found over the last 3 years: older ones mostly written off, recent ones in every state.
  const ids = schools.map((s) => s.id);
  await sql`
    WITH g AS (
      SELECT n, (current_date - (n % 1095))::date AS found, (n % 1095) AS age,
             ${sql.val(ids)}::text[] AS schools, ${sql.val(CATEGORIES)}::text[] AS cats
        FROM generate_series(1, ${HAZARDS}) n),
    s AS (
      SELECT *, CASE WHEN age > 60 THEN (ARRAY['closed','closed','closed','closed','closed','closed','closed','closed','closed','closed','closed','reviewing','rectifying'])[1 + n % 13]
                     ELSE (ARRAY['found','rectifying','rectifying','reviewing','closed'])[1 + n % 5] END AS state
        FROM g)
    INSERT INTO ledger_records (region_id, id, type, org_id, state, fields, file_ids, version, created_by, created_at, updated_at)
    SELECT ${region}, 'hz' || n, 'campus_hazard', schools[1 + n % ${SCHOOLS}], state,
           jsonb_strip_nulls(jsonb_build_object(
             'category', cats[1 + (n / 7) % 16], 'location', '教学楼' || (n % 5) || '层', 'description', '隐患' || n,
             'source', 'thing', 'grade', CASE WHEN n % 23 = 0 THEN 'major' ELSE 'general' END,
             'riskLevel', CASE WHEN n % 11 = 0 THEN (ARRAY['major','high','moderate','low'])[1 + n % 4] END,
             'foundOn', to_char(found, 'YYYY-MM-DD'),
             'responsibleId', CASE WHEN state <> 'found' THEN ${school.id} END,
             'deadline', CASE WHEN state <> 'found' THEN to_char(found + 7 + n % 30, 'YYYY-MM-DD') END,
             'fixedBy', CASE WHEN state IN ('reviewing', 'closed') THEN ${school.id} END,
             'fixedOn', CASE WHEN state IN ('reviewing', 'closed') THEN to_char(found + 5, 'YYYY-MM-DD') END,
             'reviewedBy', CASE WHEN state = 'closed' THEN ${officer.id} END,
             'closedOn', CASE WHEN state = 'closed' THEN to_char(found + 6 + n % 20, 'YYYY-MM-DD') END)),
           '[]', 1, ${school.id}, found::timestamptz, found::timestamptz
      FROM s`.execute(db);
  await sql`
    INSERT INTO ledger_history (region_id, record_id, seq, action, from_state, to_state, changes, note, actor_id, at)
    SELECT region_id, id, 1, 'record', NULL, state, '{}', '压测数据', created_by, created_at FROM ledger_records`.execute(
    db,
  );
  await sql`VACUUM ANALYZE ledger_records`.execute(db);
}

/** A workbook of `rows` new hazards spread over the schools, as a school officer's 台账 would hold them. */
async function workbook(rows) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("台账");
  sheet.addRow([
    "学校",
    "状态",
    "隐患类别",
    "位置",
    "隐患描述",
    "隐患性质",
    "隐患等级",
    "发现日期",
    "整改责任人",
    "整改时限",
  ]);
  for (let i = 0; i < rows; i++) {
    const assigned = i % 3 === 0;
    sheet.addRow([
      `城关第${1 + (i % SCHOOLS)}学校`,
      assigned ? "整改中" : "已登记",
      ["消防", "校舍及建筑", "食品（食堂）", "交通及校车"][i % 4],
      `导入楼${i % 9}层`,
      `导入的隐患 ${i}`,
      "物的危险状态",
      "一般隐患",
      "2026-11-20",
      assigned ? "officer1" : null,
      assigned ? "2026-12-31" : null,
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

await onThrowawaySchema(args, server, {
  prefix: "bench_hz",
  seed,
  async serve({ url, db, seedSeconds }) {
    const n = await sql`SELECT count(*)::int AS n FROM ledger_records`.execute(db);
    console.log(
      `dataset: ${SCHOOLS} schools, ${n.rows[0].n} hazards over 3 years (seeded in ${seedSeconds.toFixed(1)} s)`,
    );
    const headers = await login(url, "safety");
    const year = new Date().getFullYear();
    const today = new Date().toISOString().slice(0, 10);
    const summary = `/api/ledgers/hazard-summary?from=${year}-01-01&to=${today}`;
    // Every request a different period (to: one of 330 days), so none is answered from the read cache.
    const periods = Array.from({ length: 330 }, (_, i) => {
      const to = new Date(Date.UTC(year, 0, 1) + (i + 30) * 86_400_000).toISOString().slice(0, 10);
      return `/api/ledgers/hazard-summary?from=${year}-01-01&to=${to}`;
    });
    let t = performance.now();
    const once = await fetch(new URL(summary, url), { headers });
    const body = await once.json();
    const firstMs = performance.now() - t;
    console.log(
      `summary ${year}-01-01…${today}: found ${body.totals.found}, 销号 ${body.totals.closed}, overdue ${body.totals.overdue}, 重大 open ${body.totals.majorOpen}, rate ${body.totals.fixRate}% — one request ${firstMs.toFixed(0)} ms`,
    );
    const noop = await measure(url, "no-op GET /api/health", { path: "/api/health" });
    const computed = await measure(url, "hazard summary, computed each time", { paths: periods, headers });
    const cached = await measure(url, "hazard summary, repeated (read cache)", { path: summary, headers });
    const risks = await measure(url, "risk register, repeated (read cache)", {
      path: "/api/ledgers/hazard-risks",
      headers,
    });
    console.log(`\nPostgreSQL, ${args.connections} connections, ${args.duration} s each`);
    table([noop, computed, cached, risks], noop.result);

    const rows = Number(args.rows);
    const bytes = await workbook(rows);
    const form = new FormData();
    form.append("mode", "all");
    form.append("file", new Blob([bytes]), "台账.xlsx");
    t = performance.now();
    const res = await fetch(new URL("/api/ledgers/hazard-import", url), { method: "POST", headers, body: form });
    const imported = await res.json();
    const importMs = performance.now() - t;
    if (res.status !== 200) throw new Error(`import: ${res.status} ${JSON.stringify(imported).slice(0, 300)}`);
    console.log(
      `\nimport of ${rows} rows (${(bytes.length / 1024).toFixed(0)} KB xlsx) over HTTP: ${(importMs / 1000).toFixed(2)} s — created ${imported.created}; ${(importMs / rows).toFixed(3)} ms/row = ${(importMs / rows / noop.result.latency.p50).toFixed(1)}× the no-op's p50 per row`,
    );
    console.log("");
    verdict(
      "summary computed",
      computed.result.latency.p99 <= 100,
      `p99 ${computed.result.latency.p99} ms (target ≤ 100 ms)`,
    );
    verdict(
      "summary repeated",
      cached.result.latency.p99 <= 100,
      `p99 ${cached.result.latency.p99} ms (target ≤ 100 ms)`,
    );
    verdict(`import ${rows} rows`, importMs <= 5000, `${(importMs / 1000).toFixed(2)} s (target ≤ 5 s)`);
  },
});
