#!/usr/bin/env node
// Supervision on PostgreSQL: the status engine over a province-sized dataset and one bulletin.
//   npm run build && LUOSHI_BENCH_PG_URL=postgresql://luoshi:luoshi@127.0.0.1:5432/luoshi_test node bench/supervision.bench.mjs
// Builds 20 county regions × 300 tasks × 5 assignments (6,000 tasks, 30,000 assignments) plus a
// 60-task region for the bulletin, with milestones, indicators and three months of reports,
// in a throwaway schema. Targets: status engine ≤ 2 s, bulletin ≤ 3 s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => join(root, "packages", "server", "dist", p);
const url = process.env.LUOSHI_BENCH_PG_URL ?? process.env.LUOSHI_TEST_PG_URL;
if (!url) {
  console.log("bench: set LUOSHI_BENCH_PG_URL (or LUOSHI_TEST_PG_URL) to a PostgreSQL database");
  process.exit(0);
}
const { openDatabase } = await import(dist("db/database.js"));
const { migrate } = await import(dist("db/migrate.js"));
const { diskFileStore } = await import(dist("files/file-store.js"));
const { runStatusEngine } = await import(dist("status/status.service.js"));
const { loadStatusFacts } = await import(dist("status/facts.repository.js"));
const { computeStatuses } = await import(dist("status/engine.js"));
const { bulletinData, generateBulletin } = await import(dist("bulletins/bulletins.service.js"));
const repo = await import(dist("status/snapshots.repository.js"));

const REGIONS = 20;
const TASKS = 300;
const UNITS = 5;
const schema = `bench_sup_${process.pid}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
const db = await openDatabase({ kind: "postgres", url, schema });
const dir = mkdtempSync(join(tmpdir(), "luoshi-bench-"));
const ms = (t) => `${(performance.now() - t).toFixed(0)} ms`;

/** One region: bureau, 12 schools, a published monthly plan, tasks, 5 assignments each, reports Jan–Mar. */
async function seedRegion(client, r, tasks) {
  const p = `r${r}`;
  await client.query(
    `INSERT INTO orgs (region_id, id, name, kind) VALUES ($1, $1, $2, 'bureau');
     INSERT INTO orgs (region_id, id, parent_id, name, kind)
       SELECT $1, $1 || '-o' || g, $1, '第' || g || '学校', 'school' FROM generate_series(1, 12) g;
     INSERT INTO plans (region_id, id, org_id, title, year, status, cadence, source_text, published_at)
       VALUES ($1, $1 || '-plan', $1, '2025年工作要点', 2025, 'published', 'monthly', '', '2025-01-10T00:00:00Z');`
      .replace(/\$1/g, `'${p}'`)
      .replace(/\$2/g, `'县${r}教育和体育局'`),
  );
  await client.query(`
    INSERT INTO plan_tasks (region_id, id, plan_id, seq, no, title)
      SELECT '${p}', '${p}-t' || g, '${p}-plan', g, g::text, '重点任务' || g FROM generate_series(1, ${tasks}) g;
    INSERT INTO assignments (region_id, id, task_id, org_id, role, unit_name)
      SELECT '${p}', '${p}-t' || g || '-a' || u, '${p}-t' || g, '${p}-o' || ((g + u) % 12 + 1),
             CASE WHEN u = 1 THEN 'lead' ELSE 'co' END, '单位'
      FROM generate_series(1, ${tasks}) g, generate_series(1, ${UNITS}) u;
    INSERT INTO milestones (region_id, id, task_id, seq, text, due_date, kind)
      SELECT '${p}', '${p}-t' || g || '-m1', '${p}-t' || g, 0, '完成',
             DATE '2025-01-31' + ((g * 37) % 330), 'by' FROM generate_series(1, ${tasks}) g;
    INSERT INTO indicators (region_id, id, task_id, seq, text, subject, op, target_value, unit)
      SELECT '${p}', '${p}-t' || g || '-i1', '${p}-t' || g, 0, '达到' || (g % 90 + 10), '指标', '>=', g % 90 + 10, '%'
      FROM generate_series(1, ${tasks}, 2) g;
    INSERT INTO progress_reports (region_id, id, task_id, org_id, period, status, percent, submitted_by, submitted_at)
      SELECT a.region_id, a.id || '-' || m, a.task_id, a.org_id, '2025-0' || m,
             CASE WHEN (hashtext(a.id) % 7) = 0 THEN 'done' ELSE 'in_progress' END, m * 20, 'bench',
             make_timestamptz(2025, m, 28, 2, 0, 0, 'UTC')
      FROM assignments a, generate_series(1, 3) m
      WHERE a.region_id = '${p}' AND (hashtext(a.id || m) % 5) <> 0;
    INSERT INTO indicator_actuals (region_id, id, report_id, indicator_id, value)
      SELECT r.region_id, r.id || '-v', r.id, r.task_id || '-i1', r.percent * 0.9
      FROM progress_reports r JOIN indicators i ON i.region_id = r.region_id AND i.id = r.task_id || '-i1'
      WHERE r.region_id = '${p}';`);
}

try {
  await migrate(db);
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  let t = performance.now();
  for (let r = 1; r <= REGIONS; r++) await seedRegion(client, r, TASKS);
  await seedRegion(client, 99, 60);
  await client.query("ANALYZE");
  const counts = (
    await client.query(`SELECT (SELECT count(*) FROM plan_tasks) tasks, (SELECT count(*) FROM assignments) assignments,
    (SELECT count(*) FROM progress_reports) reports, (SELECT count(*) FROM indicators) indicators`)
  ).rows[0];
  console.log(
    `dataset: ${counts.tasks} tasks, ${counts.assignments} assignments, ${counts.reports} reports, ${counts.indicators} indicators (seeded in ${ms(t)})`,
  );

  const now = () => new Date("2025-04-10T02:00:00Z");
  for (const label of ["first run (inserts the day)", "re-run same day (idempotent)"]) {
    t = performance.now();
    const result = await runStatusEngine(db, { now });
    const a = result.counts.assignment;
    console.log(
      `status engine, ${label}: ${ms(t)} — changed ${result.changed}; assignments normal ${a.normal}, warning ${a.warning}, overdue ${a.overdue}, done ${a.done}`,
    );
  }
  t = performance.now();
  await runStatusEngine(db, { now: () => new Date("2025-04-11T02:00:00Z") });
  console.log(`status engine, next day: ${ms(t)}`);
  const parts = [];
  t = performance.now();
  const facts = await loadStatusFacts(db, { regionIds: null, asOf: "2025-04-11" });
  parts.push(`facts (plans, assignments, milestones, indicators as of the day) ${ms(t)}`);
  t = performance.now();
  computeStatuses(facts, "2025-04-11");
  parts.push(`pure engine ${ms(t)}`);
  const existing = await db.selectFrom("status_snapshots").selectAll().where("day", "=", "2025-04-11").execute();
  const rows = existing.map(({ computed_at: _c, ...r }) => r);
  t = performance.now();
  await repo.upsertSnapshots(db, rows, new Date().toISOString());
  parts.push(`upsert of ${rows.length} unchanged rows ${ms(t)}`);
  console.log(`  of which: ${parts.join(", ")}`);

  const store = diskFileStore(dir);
  t = performance.now();
  const data = await bulletinData(db, { regionId: "r99", period: "2025-04", now });
  const figures = performance.now() - t;
  console.log(
    `bulletin figures (records as of the day through the engine, one computation): ${figures.toFixed(0)} ms — ${data.totals.total} assignments, ${data.totals.overdue} overdue`,
  );
  t = performance.now();
  const bulletin = await generateBulletin(db, store, { regionId: "r99", period: "2025-04", actor: null, now });
  const whole = performance.now() - t;
  console.log(
    `bulletin (60-task plan, 300 assignments, docx with 2 charts + xlsx): ${whole.toFixed(0)} ms — figures ${((figures / whole) * 100).toFixed(0)}% of it — ${bulletin.title}`,
  );
  t = performance.now();
  await generateBulletin(db, store, { regionId: "r1", period: "2025-Q1", actor: null, now });
  console.log(`bulletin (300-task region, quarterly): ${ms(t)}`);
  await client.end();
} finally {
  await db.destroy();
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
