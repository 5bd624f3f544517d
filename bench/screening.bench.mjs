#!/usr/bin/env node
// Student health screening on PostgreSQL (issue 17): importing 50,000 students' records of one school
// (last year's sheet, then this year's, matched by 学籍号 with the 重点关注 list drawn up), and the
// rates of a county of 300 schools, beside baselines measured in the same run.
//   npm run build && node bench/screening.bench.mjs --pg postgresql://luoshi:luoshi@127.0.0.1:5432/luoshi_test
//     [--rows 50000] [--repeat 3]
// The sheets are the demo's generator (packages/server/src/demo/demo-screening-data.ts) at scale: one
// school, grades 1–12. After the imports the results are spread over the county's 300 schools (SQL,
// ~170 pupils a school and year) class by class: a class of 40 (the same pupils both years, a grade up)
// goes to one school, so the county has about 2,500 classes over the two years, as a real one has.
// (Spreading pupil by pupil made 88,000 "classes" of one pupil, a 68 MB answer no county has.) Then
// the table is vacuumed and analysed, as autovacuum does after an import, and the rates are computed
// by school, grade, class and sex for the bureau, and as the bound indicators' metric values; the
// median of --repeat runs is reported.
// Baselines in the same run: parsing and checking the same sheet without writing (CPU), and a
// count(*) over the results table (the database's scan speed). Targets: import ≤ 10 s, rates ≤ 1 s.
// A throwaway schema is created and dropped. About 1 minute on a quiet machine, under 3 when loaded.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { benchArgs, serverModules } from "./lib/http-bench.mjs";

const args = benchArgs({ rows: { type: "string", default: "50000" }, repeat: { type: "string", default: "3" } });
const server = await serverModules(
  "orgs/orgs.service.js",
  "users/users.service.js",
  "auth/auth.service.js",
  "auth/auth.repository.js",
  "ledgers/screening/screening-import.js",
  "ledgers/screening/screening.service.js",
  "ledgers/screening/screening-metrics.js",
  "ledgers/screening/sheets.js",
  "ledgers/screening/rows.js",
  "demo/demo-screening-data.js",
);
const { sql } = await import("kysely");
const pg = (await import("pg")).default;

const SCHOOLS = 300;
const YEAR = 2026;
const DAYS = { previous: `${YEAR - 1}-10-15`, current: `${YEAR}-10-15` };
const ms = (t) => performance.now() - t;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (x) => `${(x / 1000).toFixed(2)} s`;

async function seedCounty(db) {
  const province = await server.createOrg(db, null, { parentId: null, name: "某省教育厅", kind: "province" });
  const city = await server.createOrg(db, null, { parentId: province.id, name: "某市教育局", kind: "city" });
  const bureau = await server.createOrg(db, null, { parentId: city.id, name: "城关县教育和体育局", kind: "bureau" });
  const dept = await server.createOrg(db, null, { parentId: bureau.id, name: "体卫艺股", kind: "department" });
  const schools = [];
  for (let i = 0; i < SCHOOLS; i++)
    schools.push(await server.createOrg(db, null, { parentId: bureau.id, name: `城关第${i + 1}学校`, kind: "school" }));
  for (const [username, role, orgId] of [
    ["tiweiyi", "dept_head", dept.id],
    ["leader", "leader", bureau.id],
  ])
    await server.createUser(db, null, { orgId, role, username, displayName: username, password: "bench-password" });
  const actor = async (u) => server.actorFor(db, await server.findUserByUsername(db, u));
  return { schools, dept: await actor("tiweiyi"), leader: await actor("leader") };
}

console.log(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
const rows = Number(args.rows);
// One school, grades 1–12, as many classes of 40 as make the rows asked for.
const classes = Math.ceil(rows / 12 / 40);
const sheets = server.demoScreeningSheets({ name: "压测学校", grades: [1, 12], classes, pupils: 40 }, 1, YEAR, DAYS);
const lines = sheets.previous.split("\n").length - 1;

const schema = `bench_scr_${randomBytes(4).toString("hex")}`;
const admin = new pg.Client({ connectionString: args.pg });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
let db;
try {
  db = await server.openDatabase({ kind: "postgres", url: args.pg, schema });
  await server.migrate(db);
  const { schools, dept, leader } = await seedCounty(db);
  const now = () => new Date(`${YEAR}-11-20T02:00:00Z`);

  // Baseline (CPU): read and check the same sheet, no writing.
  const t = performance.now();
  const parsed = await server.readSheets(Buffer.from(sheets.previous), 60_000);
  const checked = server.readRows(parsed, { measuredOn: DAYS.previous, today: `${YEAR}-11-20` });
  const parseMs = ms(t);
  if (checked.problems.length) throw new Error(`bad rows: ${JSON.stringify(checked.problems.slice(0, 3))}`);

  const importOnce = async (year, text, measuredOn) => {
    const t0 = performance.now();
    const result = await server.importScreening(
      db,
      dept,
      Buffer.from(text),
      { orgId: schools[0].id, year, measuredOn, mode: "all", dryRun: false, fileName: "bench.csv" },
      now,
    );
    return { ms: ms(t0), result };
  };
  const first = await importOnce(YEAR - 1, sheets.previous, DAYS.previous);
  const second = await importOnce(YEAR, sheets.current, DAYS.current);

  // The county: the results spread over its 300 schools.
  // A class is its entry year (year − grade) and its name: the same pupils in both years.
  await sql`UPDATE screening_results SET org_id = (${sql.val(schools.map((x) => x.id))}::text[])
    [1 + abs(hashtext((year - grade)::text || '/' || coalesce(class_name, ''))) % ${SCHOOLS}]`.execute(db);
  await sql`VACUUM ANALYZE screening_results`.execute(db);
  const count = async () => sql`SELECT count(*)::int AS n FROM screening_results`.execute(db);
  const total = (await count()).rows[0].n;

  const timed = async (f) => {
    const times = [];
    for (let i = 0; i < Number(args.repeat); i++) {
      const t0 = performance.now();
      await f();
      times.push(ms(t0));
    }
    return median(times);
  };
  const scan = await timed(count);
  const bySchool = await timed(() => server.screeningRates(db, leader, { year: YEAR, by: "school" }));
  const byLevel = {};
  for (const by of ["grade", "class", "sex"])
    byLevel[by] = await timed(() => server.screeningRates(db, leader, { year: YEAR, by }));
  const classGroups = (await server.screeningRates(db, leader, { year: YEAR, by: "class" })).groups.length;
  const metric = await timed(() =>
    server.screeningMetricValues(db, dept.regionId, [
      { metric: "myopia_rate", year: YEAR },
      { metric: "fitness_good_rate", year: YEAR },
    ]),
  );
  const rates = await server.screeningRates(db, leader, { year: YEAR, by: "school" });

  console.log(
    `load average after:  ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")}`,
  );
  console.log(`\nPostgreSQL; sheet of ${lines} students (${(sheets.previous.length / 1024 / 1024).toFixed(1)} MB CSV)`);
  console.log(`baseline: read and check the sheet, no writing          ${s(parseMs)}`);
  console.log(
    `import ${YEAR - 1} (${first.result.written} written, ${first.result.newStudents} new)            ${s(first.ms)}  = ${(first.ms / parseMs).toFixed(1)}× baseline`,
  );
  console.log(
    `import ${YEAR} (${second.result.written} written, ${second.result.followups} 重点关注)        ${s(second.ms)}  = ${(second.ms / parseMs).toFixed(1)}× baseline`,
  );
  console.log(`\ncounty: ${SCHOOLS} schools, ${total} results over two years; median of ${args.repeat}`);
  console.log(`baseline: count(*) over the results                       ${scan.toFixed(1)} ms`);
  console.log(
    `rates by school (${rates.groups.length} groups), with last year's      ${bySchool.toFixed(1)} ms  = ${(bySchool / scan).toFixed(1)}× baseline`,
  );
  for (const [by, time] of Object.entries(byLevel))
    console.log(
      `rates by ${by}${by === "class" ? ` (${classGroups} groups)` : ""}, with last year's`.padEnd(57) +
        `${time.toFixed(1)} ms  = ${(time / scan).toFixed(1)}× baseline`,
    );
  console.log(
    `bound metrics (近视率, 优良率)                             ${metric.toFixed(1)} ms  = ${(metric / scan).toFixed(1)}× baseline`,
  );
  console.log(
    `county 近视率 ${rates.total.rates.myopia_rate.value}% (${rates.total.rates.myopia_rate.numerator}/${rates.total.rates.myopia_rate.denominator}), 优良率 ${rates.total.rates.fitness_good_rate.value}%`,
  );
  console.log("");
  const ok = (label, pass, detail) => console.log(`${pass ? "✓" : "✗"} ${label}: ${detail}`);
  ok(
    `import ${lines} students`,
    Math.max(first.ms, second.ms) <= 10_000,
    `${s(Math.max(first.ms, second.ms))} (target ≤ 10 s)`,
  );
  ok(
    `rates of ${SCHOOLS} schools`,
    Math.max(bySchool, ...Object.values(byLevel), metric) <= 1000,
    `slowest ${Math.max(bySchool, ...Object.values(byLevel), metric).toFixed(0)} ms (target ≤ 1 s)`,
  );
} finally {
  await db?.destroy();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
