import { chownSync, cpSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seedFixture } from "./test/fixture.js";
import {
  type Ack,
  ensureBuilt,
  kill,
  login,
  missingReports,
  pgliteTarget,
  postgresTarget,
  type Server,
  startServer,
  stream,
  streamPlan,
  type Target,
} from "./test/live-server.js";
import { type Cluster, clusterUnavailable, createCluster } from "./test/pg-cluster.js";
import { buildPowercut, type CutReport, type Powercut, powerCut, shimEnv, skipUnlessAble } from "./test/powercut.js";

/**
 * Power loss. The processes that write the data run under the power-cut shim (test/powercut.c),
 * which lets every write through but keeps what it overwrote until the file is fsynced, and logs
 * name changes until their directory is fsynced. Reports and evidence files stream in; the
 * processes are killed and everything not yet durable is undone — the disk as a power cut may
 * leave it. After a restart every acknowledged report and file must be there.
 *
 * - PGlite: the server (its data folder: database and file store) under the shim.
 * - PostgreSQL: a throwaway cluster (port 5440) under the shim, and the server's file store too.
 *
 * The same run with fsync made worthless (POWERCUT_DROP_FSYNC: every fsync still runs but counts
 * for nothing, as if the code had none) must lose acknowledged writes, or the test proves nothing.
 */

const PORT = 5440;
/**
 * Every fsync takes this much longer, as on a slow disk: a reply sent before its fsync returned
 * (acknowledged before durable) is then still exposed when the cut comes, and is lost.
 */
const FSYNC_DELAY_MS = 20;
const pc = buildPowercut();
const skip =
  skipUnlessAble("power-loss test", typeof pc === "string" ? pc : undefined) ||
  skipUnlessAble("power-loss test", ensureBuilt());
const skipPg = skip || skipUnlessAble("power-loss test on PostgreSQL", clusterUnavailable());

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface FileAck {
  id: string;
  body: string;
}

/** Evidence uploads until `stop`; every 201 is kept with the bytes sent. */
async function uploads(url: string, headers: Record<string, string>, acks: FileAck[], stop: () => boolean) {
  let next = 0;
  const worker = async () => {
    while (!stop()) {
      const body = `power-loss evidence ${next++} ${Math.random()}\n`;
      const form = new FormData();
      form.append("file", new Blob([body], { type: "text/plain" }), `evidence-${next}.txt`);
      try {
        const res = await fetch(`${url}/api/files`, { method: "POST", headers, body: form });
        if (res.status === 201) acks.push({ id: ((await res.json()) as { file: { id: string } }).file.id, body });
        else if (!stop()) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
      } catch (error) {
        if (!stop()) throw error;
        return;
      }
    }
  };
  await Promise.all([worker(), worker()]);
}

interface Seeded {
  taskIds: string[];
  reporter: string;
}

const seed = (target: Target): Promise<Seeded> =>
  target.seed(async (db) => {
    const fixture = await seedFixture(db);
    const plan = await streamPlan(db, fixture.a.bureauId);
    return { taskIds: plan.taskIds.slice(1), reporter: fixture.a.users.school_reporter };
  });

interface Streamed {
  reports: Ack[];
  files: FileAck[];
}

/** Reports and uploads stream in until `want` reports are acknowledged; then `cut` runs mid-stream. */
async function streamThenCut(server: Server, seeded: Seeded, want: number, cut: () => Promise<void>) {
  const acked: Streamed = { reports: [], files: [] };
  let stopped = false;
  const headers = await login(server.url, seeded.reporter);
  const streaming = Promise.all([
    stream(server.url, headers, seeded.taskIds, acked.reports, () => stopped),
    uploads(server.url, headers, acked.files, () => stopped),
  ]);
  try {
    while (acked.reports.length < want || acked.files.length < 3) await new Promise((r) => setTimeout(r, 10));
  } finally {
    stopped = true;
    await cut();
    await streaming;
  }
  return acked;
}

interface CutResult {
  acked: Streamed;
  lostReports: Ack[];
  lostFiles: FileAck[];
  cuts: CutReport[];
}

/** What a restarted server no longer has of what it acknowledged. */
async function lostAfter(server: Server, seeded: Seeded, acked: Streamed) {
  const headers = await login(server.url, seeded.reporter);
  const lostFiles: FileAck[] = [];
  for (const f of acked.files) {
    const res = await fetch(`${server.url}/api/files/${f.id}`, { headers });
    if (res.status !== 200 || (await res.text()) !== f.body) lostFiles.push(f);
  }
  return { lostReports: await missingReports(server.url, headers, seeded.taskIds, acked.reports), lostFiles };
}

/** One seeded PGlite data folder (seeding is slow); each run works on a copy. */
let pgliteSeed: Promise<Seeded & { dataDir: string }> | undefined;

async function cutPGlite(shim: Powercut, dropFsync: boolean, want: number): Promise<CutResult> {
  pgliteSeed ??= (async () => {
    const target = pgliteTarget();
    cleanups.push(target.cleanup);
    return { ...(await seed(target)), dataDir: target.env.LUOSHI_DATA_DIR! };
  })();
  const seeded = await pgliteSeed;
  const dataDir = tempDir("luoshi-powerloss-");
  const state = tempDir("luoshi-powercut-state-");
  cpSync(seeded.dataDir, dataDir, { recursive: true });
  const env = { LUOSHI_DATA_DIR: dataDir, DATABASE_URL: "" };

  const first = await startServer({
    ...env,
    ...shimEnv(shim, dataDir, state, { dropFsync, fsyncDelayMs: FSYNC_DELAY_MS }),
  });
  const acked = await streamThenCut(first, seeded, want, () => kill(first));
  const cuts = [powerCut(shim, state)];
  const second = await startServer(env);
  try {
    return { acked, cuts, ...(await lostAfter(second, seeded, acked)) };
  } finally {
    await kill(second);
  }
}

let cluster: Cluster | undefined;

/**
 * PostgreSQL: seeded and shut down cleanly without the shim, then started under it; the server's
 * file store is under the shim too. The cut kills every PostgreSQL process and the server at once.
 */
async function cutPostgres(shim: Powercut, dropFsync: boolean, want: number): Promise<CutResult> {
  if (!cluster) {
    cluster = await createCluster(PORT);
    cleanups.push(() => cluster!.destroy());
  }
  await cluster.start();
  const target = postgresTarget(cluster.url);
  const seeded = await seed(target);
  await cluster.stop();
  const dataDir = target.env.LUOSHI_DATA_DIR!;
  const pgState = tempDir("luoshi-powercut-pg-");
  const appState = tempDir("luoshi-powercut-app-");
  if (process.getuid?.() === 0) {
    const [uid, gid] = ownerOf(cluster.dir);
    chownSync(pgState, uid, gid);
  }
  await cluster.start(shimEnv(shim, cluster.dir, pgState, { dropFsync, fsyncDelayMs: FSYNC_DELAY_MS }));
  const first = await startServer({
    ...target.env,
    ...shimEnv(shim, dataDir, appState, { dropFsync, fsyncDelayMs: FSYNC_DELAY_MS }),
  });
  const acked = await streamThenCut(first, seeded, want, async () => {
    await Promise.all([cluster!.kill(), kill(first)]);
  });
  const cuts = [powerCut(shim, pgState), powerCut(shim, appState)];
  await cluster.start();
  const second = await startServer(target.env);
  try {
    return { acked, cuts, ...(await lostAfter(second, seeded, acked)) };
  } finally {
    await kill(second);
    await cluster.stop();
  }
}

function ownerOf(path: string): [number, number] {
  const { uid, gid } = statSync(path);
  return [uid, gid];
}

const summary = (r: CutResult) =>
  `${r.acked.reports.length} reports + ${r.acked.files.length} files acknowledged, ` +
  `acknowledged-lost = ${r.lostReports.length + r.lostFiles.length}; cut: ${r.cuts.map((c) => JSON.stringify(c)).join(" ")}`;

/** The shim saw the writers' writes and syncs, and the cut had something to take back. */
function expectRealCut(result: CutResult) {
  for (const cut of result.cuts) {
    expect(cut.processes).toBeGreaterThan(0);
    expect(cut.fileSyncs).toBeGreaterThan(0);
  }
  expect(result.cuts.reduce((n, c) => n + c.filesReverted + c.namesUndone, 0)).toBeGreaterThan(0);
}

type Cut = (shim: Powercut, dropFsync: boolean, want: number) => Promise<CutResult>;

const cases: { name: string; skipped: boolean; cut: Cut; want: number }[] = [
  { name: "PGlite (the server under the shim)", skipped: skip, cut: cutPGlite, want: 150 },
  { name: "PostgreSQL (cluster and file store under the shim)", skipped: skipPg, cut: cutPostgres, want: 300 },
];

for (const { name, skipped, cut, want } of cases) {
  describe.skipIf(skipped)(`power loss on ${name}`, () => {
    it("keeps every acknowledged report and evidence file", async () => {
      const result = await cut(pc as Powercut, false, want);
      console.log(`power loss, ${name}: ${summary(result)}`);
      expectRealCut(result);
      expect(result.lostReports).toEqual([]);
      expect(result.lostFiles).toEqual([]);
    }, 240_000);

    it("fails when fsync is made worthless (the test's power)", async () => {
      const result = await cut(pc as Powercut, true, want / 3);
      console.log(`power loss, ${name}, fsync dropped: ${summary(result)}`);
      expect(result.lostReports.length).toBeGreaterThan(0);
    }, 240_000);
  });
}
