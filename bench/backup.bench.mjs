#!/usr/bin/env node
// Backup and restore throughput, and what a backup of the running database costs other statements.
//   npm run build && node bench/backup.bench.mjs [--rows 100000] [--pg postgresql://…]
// A generated audit trail (jsonb rows) in a fresh in-memory PGlite (or a fresh schema of --pg).
// Printed side by side, measured in the same run: a probe statement's longest wait with no backup
// (baseline) and while a backup runs; backup and restore rows/s beside a plain SELECT of the same rows.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { diskFileStore } from "../packages/server/dist/files/file-store.js";
import { backup, migrate, openDatabase, restore } from "../packages/server/dist/index.js";

const { values } = parseArgs({ options: { rows: { type: "string", default: "100000" }, pg: { type: "string" } } });
const N = Number(values.rows);

async function fresh() {
  if (!values.pg) {
    const db = await openDatabase({ kind: "pglite" });
    await migrate(db);
    return { db, drop: () => db.destroy() };
  }
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: values.pg });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const db = await openDatabase({ kind: "postgres", url: values.pg, schema });
  await migrate(db);
  return {
    db,
    drop: async () => {
      await db.destroy();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/** Runs a probe statement every 5 ms while `work` runs; returns the longest wait and the work's time. */
async function probed(db, work) {
  let running = true;
  let longest = 0;
  const probe = (async () => {
    while (running) {
      const t = performance.now();
      await sql`SELECT 1`.execute(db);
      longest = Math.max(longest, performance.now() - t);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  running = false;
  await probe;
  return { longest, ms };
}

const source = await fresh();
const target = await fresh();
const dir = mkdtempSync(join(tmpdir(), "luoshi-backup-bench-"));
try {
  await sql`INSERT INTO audit_events (region_id, id, actor_id, entity, entity_id, action, after)
    SELECT 'r', 'e' || g, 'u', 'task', 't' || g, 'update', jsonb_build_object('n', g, 'text', repeat('进度', 20))
    FROM generate_series(1, ${N}) g`.execute(source.db);
  const idle = await probed(source.db, () => new Promise((r) => setTimeout(r, 1000)));
  const select = await probed(source.db, () => sql`SELECT row_to_json(t)::text FROM audit_events t`.execute(source.db));
  const out = join(dir, "b.luoshi-backup");
  const files = diskFileStore(join(dir, "files"));
  const during = await probed(source.db, () => backup(source.db, files, out));
  const t0 = performance.now();
  await restore(target.db, diskFileStore(join(dir, "restored")), out);
  const restoreMs = performance.now() - t0;
  const rate = (ms) => Math.round((N / ms) * 1000);
  console.log(`${values.pg ? "PostgreSQL" : "PGlite (in memory)"}, ${N} rows`);
  console.log(`  plain SELECT of the rows     ${rate(select.ms)} rows/s (1.00x)`);
  console.log(`  backup                       ${rate(during.ms)} rows/s (${(select.ms / during.ms).toFixed(2)}x)`);
  console.log(`  restore (verify + insert)    ${rate(restoreMs)} rows/s (${(select.ms / restoreMs).toFixed(2)}x)`);
  console.log(`  probe's longest wait, idle   ${idle.longest.toFixed(1)} ms (1.00x)`);
  console.log(
    `  probe's longest wait, backup ${during.longest.toFixed(1)} ms (${(during.longest / idle.longest).toFixed(1)}x)`,
  );
} finally {
  await source.drop();
  await target.drop();
  rmSync(dir, { recursive: true, force: true });
}
