#!/usr/bin/env node
// The 控辍保学 台账 views on PostgreSQL (issue 18), beside a no-op route in the same run.
//   npm run build && node bench/dropout.bench.mjs --pg postgresql://luoshi:luoshi@127.0.0.1:5432/luoshi_test
//     [--duration 10] [--connections 20]
// A county of 150 schools and 60,000 students: 3,000 控辍 cases over 3 years (5 % of the students;
// older ones mostly closed: 已返校 or 其他安置, a third of the dropouts escalated to the bureau, each
// dropout with its 劝返 steps) and 2,000 aid records a year (1,000 认定 + 1,000 发放, 3 years), seeded
// set-based in SQL in a throwaway schema (dropped afterwards). Measured over HTTP (autocannon in a
// child process), each page asked with a different limit so the read cache answers little:
// GET /api/ledgers/dropout-ledgers/suspected and /dropped as a school (its own students) and as the
// bureau's department (the escalated cases of every school), the 适龄儿童台账 (60,000 children, all and
// 适龄未入学 only, as the bureau and as a school), the county's quarterly review and the 应助尽助 checks.
// Target: each 台账 view (and the review and the checks, which the bureau opens too) p99 ≤ 100 ms at 20
// connections.
// The machine is shared: compare the ratio columns, measured against the no-op in the same run.
// About 1½ minutes.
import { loadavg } from "node:os";
import {
  benchArgs,
  measure as measureWith,
  onThrowawaySchema,
  serverModules,
  login as signIn,
  table,
} from "./lib/http-bench.mjs";

const args = benchArgs();
const server = await serverModules("orgs/orgs.service.js", "users/users.service.js");
const { sql } = await import("kysely");

const SCHOOLS = 150;
const STUDENTS = 60_000;
const CASES = 3_000;
const AID_A_YEAR = 2_000;
const YEARS = 3;
const PASSWORD = "bench-password";

const measure = (url, name, spec) => measureWith(args, url, name, spec);
const login = (url, username) => signIn(url, username, PASSWORD);

async function seed(db) {
  const province = await server.createOrg(db, null, { parentId: null, name: "某省教育厅", kind: "province" });
  const city = await server.createOrg(db, null, { parentId: province.id, name: "某市教育局", kind: "city" });
  const bureau = await server.createOrg(db, null, { parentId: city.id, name: "城关县教育和体育局", kind: "bureau" });
  const dept = await server.createOrg(db, null, { parentId: bureau.id, name: "基础教育股", kind: "department" });
  const schools = [];
  for (let i = 0; i < SCHOOLS; i++)
    schools.push(await server.createOrg(db, null, { parentId: bureau.id, name: `城关第${i + 1}学校`, kind: "school" }));
  await server.createUser(db, null, {
    orgId: dept.id,
    role: "dept_head",
    username: "basic",
    displayName: "基教股长",
    password: PASSWORD,
  });
  const school = await server.createUser(db, null, {
    orgId: schools[0].id,
    role: "school_reporter",
    username: "school1",
    displayName: "学校控辍专干",
    password: PASSWORD,
  });
  const region = bureau.region_id ?? bureau.regionId ?? bureau.id;
  const ids = schools.map((s) => s.id);
  // Cases over 3 years: n-th student of STUDENTS, found on a day of the last 1,095; older ones closed.
  await sql`
    WITH g AS (
      SELECT n, (current_date - (n * 7 % 1095))::date AS found, (n * 7 % 1095) AS age, ${sql.val(ids)}::text[] AS schools
        FROM generate_series(1, ${CASES}) n),
    s AS (
      SELECT *, CASE WHEN age > 120 THEN (ARRAY['returned','returned','returned','returned','placed','returned'])[1 + n % 6]
                     ELSE (ARRAY['at_risk','at_risk','dropped_out','persuading','persuading','returned'])[1 + n % 6] END AS state
        FROM g),
    f AS (
      SELECT *, state IN ('dropped_out', 'persuading', 'placed') OR (state = 'returned' AND n % 2 = 0) AS dropped FROM s)
    INSERT INTO ledger_records (region_id, id, type, org_id, state, fields, file_ids, version, created_by, created_at, updated_at)
    SELECT ${region}, 'dc' || n, 'dropout_case', schools[1 + n % ${SCHOOLS}], state,
           jsonb_strip_nulls(jsonb_build_object(
             'studentName', '学生' || n, 'studentNo', 'G4301022010' || lpad((n * 19 % ${STUDENTS})::text, 7, '0'),
             'grade', (ARRAY['六年级','七年级','八年级','九年级'])[1 + n % 4],
             'guardianName', '家长' || n, 'guardianPhone', '138' || lpad(n::text, 8, '0'),
             'riskLevel', (ARRAY['high','medium','low'])[1 + n % 3],
             'reason', (ARRAY['study_weariness','migrant_work','family_hardship','illness_disability','other'])[1 + n % 5],
             'source', (ARRAY['comparison','door_to_door','absence'])[1 + n % 3],
             'foundOn', to_char(found, 'YYYY-MM-DD'), 'responsibleName', '包保教师' || (n % 40),
             'droppedOn', CASE WHEN dropped THEN to_char(found + 3, 'YYYY-MM-DD') END,
             'visitCount', CASE WHEN dropped AND state <> 'dropped_out' THEN 1 + n % 3 END,
             'visitOn', CASE WHEN dropped AND state <> 'dropped_out' THEN to_char(found + 5, 'YYYY-MM-DD') END,
             'visitMethod', CASE WHEN dropped AND state <> 'dropped_out' THEN 'home_visit' END,
             'visitPeople', CASE WHEN dropped AND state <> 'dropped_out' THEN '班主任、村干部' END,
             'visitResult', CASE WHEN dropped AND state <> 'dropped_out' THEN '家长同意返校' END,
             'returnedOn', CASE WHEN state = 'returned' THEN to_char(found + 10, 'YYYY-MM-DD') END,
             'attendanceDays', CASE WHEN state = 'returned' THEN 20 END,
             'placement', CASE WHEN state = 'placed' THEN 'transfer_verified' END,
             'placementOn', CASE WHEN state = 'placed' THEN to_char(found + 12, 'YYYY-MM-DD') END,
             'placementEvidence', CASE WHEN state = 'placed' THEN jsonb_build_array('f' || n) END,
             'escalatedOn', CASE WHEN dropped AND n % 3 = 0 THEN to_char(found + 4, 'YYYY-MM-DD') END,
             'closedOn', CASE WHEN state IN ('returned', 'placed') THEN to_char(found + 30, 'YYYY-MM-DD') END,
             'closedBy', CASE WHEN state IN ('returned', 'placed') THEN ${school.id} END)),
           '[]', 1, ${school.id}, found::timestamptz, found::timestamptz
      FROM f`.execute(db);
  // 2,000 aid records a year: 1,000 认定 and 1,000 发放 of the school year (each pair one student), spread
  // over the schools.
  const firstYear = new Date().getFullYear() - YEARS;
  await sql`
    WITH g AS (
      SELECT n, ${firstYear} + (n - 1) / ${AID_A_YEAR} AS y, ${sql.val(ids)}::text[] AS schools
        FROM generate_series(1, ${AID_A_YEAR * YEARS}) n)
    INSERT INTO ledger_records (region_id, id, type, org_id, state, fields, file_ids, version, created_by, created_at, updated_at)
    SELECT ${region}, 'aid' || n, CASE WHEN n % 2 = 0 THEN 'aid_identification' ELSE 'aid_payment' END,
           schools[1 + (n + 1) / 2 % ${SCHOOLS}], CASE WHEN n % 2 = 0 THEN 'identified' ELSE 'paid' END,
           jsonb_build_object(
             'studentName', '受助学生' || n, 'studentNo', 'G4301022012' || lpad(((n + 1) / 2 % ${STUDENTS})::text, 7, '0'),
             'stage', 'junior', 'schoolYear', y || '-' || (y + 1), 'basis', 'minimum_living', 'level', 'general',
             'appliedOn', y || '-09-10', 'evidence', jsonb_build_array('f' || n), 'identifiedOn', y || '-09-20',
             'programme', 'living_allowance', 'term', 'autumn', 'amount', 750, 'paidOn', y || '-10-08',
             'method', 'bank_card'),
           '[]', 1, ${school.id}, make_date(y, 9, 10)::timestamptz, make_date(y, 9, 10)::timestamptz
      FROM g`.execute(db);
  await sql`
    INSERT INTO ledger_history (region_id, record_id, seq, action, from_state, to_state, changes, note, actor_id, at)
    SELECT region_id, id, 1, 'record', NULL, state,
           (SELECT jsonb_object_agg(key, jsonb_build_object('from', NULL, 'to', value)) FROM jsonb_each(fields)),
           '压测数据', created_by, created_at FROM ledger_records`.execute(db);
  // The 适龄儿童台账: 60,000 children of the 户籍 roster as the comparison with the rolls left them —
  // 92 % on a school's roll (school, grade, 学籍号), 6 % on none (适龄未入学), 2 % past the age — and
  // a case opened for every tenth child not enrolled (one of the cases above, at its school).
  const thisYear = new Date().getFullYear();
  await sql`
    INSERT INTO school_age_children (region_id, id, id_number, name, sex, birth_date, hukou_place, residence,
      guardian_name, guardian_phone, special_groups, compared_at, roll_student_id, roll_student_no, roll_org_id,
      roll_grade, roll_year, case_id, case_org_id, created_by, created_at, updated_at)
    SELECT ${region}, 'ch' || n, '430102' || lpad(n::text, 12, '0'),
           '儿童' || n, CASE WHEN n % 2 = 0 THEN 'female' ELSE 'male' END, b, '城关镇第' || (n % 30) || '村',
           '城关镇第' || (n % 30) || '村', '监护人' || n, '139' || lpad(n::text, 8, '0'),
           CASE WHEN n % 7 = 0 THEN '["left_behind"]'::jsonb ELSE '[]'::jsonb END, now(),
           CASE WHEN n % 50 < 46 THEN 'st' || n END,
           CASE WHEN n % 50 < 46 THEN 'G4301022014' || lpad(n::text, 7, '0') END,
           CASE WHEN n % 50 < 46 THEN schools[1 + n % ${SCHOOLS}] END,
           CASE WHEN n % 50 < 46 THEN 1 + n % 9 END,
           CASE WHEN n % 50 < 46 THEN ${thisYear}::int END,
           CASE WHEN opened THEN 'dc' || k END, CASE WHEN opened THEN schools[1 + k % ${SCHOOLS}] END,
           ${school.id}, now(), now()
      FROM (SELECT n, ${sql.val(ids)}::text[] AS schools,
                   n % 50 BETWEEN 46 AND 48 AND n / 50 % 10 = 0 AS opened, 1 + n / 500 * 3 + n % 50 - 46 AS k,
                   (make_date(${thisYear}::int - CASE WHEN n % 50 = 49 THEN 17 ELSE 6 + n % 9 END, 1, 1) + (n % 360)) AS b
              FROM generate_series(1, ${STUDENTS}) n) g`.execute(db);
  await sql`VACUUM ANALYZE ledger_records`.execute(db);
  await sql`VACUUM ANALYZE school_age_children`.execute(db);
}

await onThrowawaySchema(args, server, {
  prefix: "bench_dropout",
  seed,
  async serve({ url, db, seedSeconds }) {
    const n = await sql`SELECT type, count(*)::int AS n FROM ledger_records GROUP BY type ORDER BY type`.execute(db);
    console.log(
      `dataset: ${SCHOOLS} schools, ${STUDENTS} students; ${n.rows.map((r) => `${r.type} ${r.n}`).join(", ")} (seeded in ${seedSeconds.toFixed(1)} s)`,
    );
    let t;
    const bureau = await login(url, "basic");
    const school = await login(url, "school1");
    // Each request a different page size (1–100), so the read cache answers at most one in a hundred.
    const pages = (path) => Array.from({ length: 100 }, (_, i) => `${path}?limit=${i + 1}&offset=0`);
    const year = new Date().getFullYear();
    const quarter = `${year}Q${Math.floor(new Date().getMonth() / 3) + 1}`;
    // One request at a time (the median of 5, distinct URLs): what each costs without contention.
    for (const [who, headers, path] of [
      ["bureau", bureau, "/api/ledgers/dropout-config"],
      ["school", school, "/api/ledgers/dropout-ledgers/suspected"],
      ["bureau", bureau, "/api/ledgers/dropout-ledgers/dropped"],
      ["bureau", bureau, `/api/ledgers/dropout-reviews/${quarter}`],
      ["bureau", bureau, `/api/ledgers/aid-checks?schoolYear=${year - 1}-${year}`],
    ]) {
      const times = [];
      let body;
      for (let i = 0; i < 5; i++) {
        t = performance.now();
        const res = await fetch(new URL(`${path}${path.includes("?") ? "&" : "?"}limit=${50 + i}`, url), { headers });
        body = await res.json();
        times.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      }
      const rows = body.total ?? body.cases?.length ?? body.items?.length ?? "—";
      console.log(
        `${who} ${path}: ${rows} rows — one request ${times.sort((a, b) => a - b)[2].toFixed(1)} ms (median of 5)`,
      );
    }
    const noop = await measure(url, "no-op GET /api/health", { path: "/api/health" });
    // The cost of a signed-in request itself (session, actor, read cache): a settings read.
    const signedIn = await measure(url, "signed-in baseline: dropout-config", {
      path: "/api/ledgers/dropout-config",
      headers: bureau,
    });
    const rows = [noop, signedIn];
    for (const [name, headers, paths] of [
      ["疑似辍学学生台账, school", school, pages("/api/ledgers/dropout-ledgers/suspected")],
      ["辍学学生台账, school", school, pages("/api/ledgers/dropout-ledgers/dropped")],
      ["疑似辍学学生台账, bureau", bureau, pages("/api/ledgers/dropout-ledgers/suspected")],
      ["辍学学生台账, bureau", bureau, pages("/api/ledgers/dropout-ledgers/dropped")],
      ["适龄儿童台账, bureau", bureau, pages("/api/ledgers/school-age-children")],
      [
        "适龄儿童台账 适龄未入学, bureau",
        bureau,
        pages("/api/ledgers/school-age-children").map((p) => `${p}&status=not_enrolled`),
      ],
      ["适龄儿童台账, school", school, pages("/api/ledgers/school-age-children")],
      ["quarterly review, bureau", bureau, [`/api/ledgers/dropout-reviews/${quarter}`]],
      [
        "aid checks, bureau",
        bureau,
        [
          `/api/ledgers/aid-checks?schoolYear=${year - 1}-${year}`,
          `/api/ledgers/aid-checks?schoolYear=${year - 2}-${year - 1}`,
        ],
      ],
    ])
      rows.push(await measure(url, name, { paths, headers }));
    console.log(
      `\nPostgreSQL, ${args.connections} connections, ${args.duration} s each; load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
    table(rows, noop.result);
    console.log("");
    for (const r of rows.slice(2))
      console.log(
        `${r.result.latency.p99 <= 100 ? "✓" : "✗"} ${r.name}: p99 ${r.result.latency.p99} ms (target ≤ 100 ms)`,
      );
  },
});
