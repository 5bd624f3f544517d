import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seedFixture } from "./test/fixture.js";
import {
  type Ack,
  ensureBuilt,
  kill,
  login,
  pgliteTarget,
  type Server,
  startServer,
  stream,
} from "./test/live-server.js";
import { publishedPlan } from "./test/plans.js";
import { buildPowercut, type CutReport, type Powercut, powerCut, shimEnv, skipUnlessAble } from "./test/powercut.js";

/**
 * Power loss on PGlite: the server runs under the power-cut shim (test/powercut.c), which lets
 * every write through but keeps what it overwrote until the file is fsynced, and logs name
 * changes until their directory is fsynced. Reports and evidence files stream in; the server is
 * killed and everything not yet durable is undone — the disk as a power cut may leave it. After a
 * restart every acknowledged report and file must be there. The same run with fsync made
 * worthless (POWERCUT_DROP_FSYNC) must lose acknowledged writes, or the test proves nothing.
 */

const pc = buildPowercut();
const skip =
  skipUnlessAble("power-loss test", typeof pc === "string" ? pc : undefined) ||
  skipUnlessAble("power-loss test", ensureBuilt());

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

export interface CutResult {
  reports: number;
  files: number;
  lostReports: Ack[];
  lostFiles: FileAck[];
  cut: CutReport;
}

interface Seeded {
  dataDir: string;
  taskIds: string[];
  reporter: string;
}

/** One seeded data folder (seeding PGlite is slow); each run works on a copy. */
let seeded: Promise<Seeded> | undefined;
function seedOnce(): Promise<Seeded> {
  seeded ??= (async () => {
    const target = pgliteTarget();
    cleanups.push(target.cleanup);
    const { fixture, plan } = await target.seed(async (db) => {
      const fixture = await seedFixture(db);
      return { fixture, plan: await publishedPlan(db, fixture.a.bureauId) };
    });
    return {
      dataDir: target.env.LUOSHI_DATA_DIR!,
      taskIds: plan.taskIds.slice(1),
      reporter: fixture.a.users.school_reporter,
    };
  })();
  return seeded;
}

/** Streams reports and uploads into a server under the shim, cuts the power, restarts, counts the lost. */
async function cutMidStream(shim: Powercut, dropFsync: boolean, want: number): Promise<CutResult> {
  const { dataDir: template, taskIds, reporter } = await seedOnce();
  const dataDir = mkdtempSync(join(tmpdir(), "luoshi-powerloss-"));
  const state = mkdtempSync(join(tmpdir(), "luoshi-powercut-state-"));
  cleanups.push(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(state, { recursive: true, force: true });
  });
  cpSync(template, dataDir, { recursive: true });
  const env = { LUOSHI_DATA_DIR: dataDir, DATABASE_URL: "" };

  const first = await startServer({ ...env, ...shimEnv(shim, dataDir, state, dropFsync) });
  const acks: Ack[] = [];
  const fileAcks: FileAck[] = [];
  let cut = false;
  try {
    const headers = await login(first.url, reporter);
    const streaming = Promise.all([
      stream(first.url, headers, taskIds, acks, () => cut),
      uploads(first.url, headers, fileAcks, () => cut),
    ]);
    while (acks.length < want || fileAcks.length < want / 10) await new Promise((r) => setTimeout(r, 10));
    cut = true;
    await kill(first);
    await streaming;
  } finally {
    cut = true;
    await kill(first);
  }
  const report = powerCut(shim, state);

  const second: Server = await startServer(env);
  try {
    const headers = await login(second.url, reporter);
    const stored = new Set<string>();
    for (const taskId of taskIds) {
      const res = await fetch(`${second.url}/api/tasks/${taskId}/reports`, { headers });
      expect(res.status).toBe(200);
      const { reports } = (await res.json()) as { reports: { period: string; narrative: string }[] };
      for (const r of reports) stored.add(`${taskId} ${r.period} ${r.narrative}`);
    }
    const lostFiles: FileAck[] = [];
    for (const f of fileAcks) {
      const res = await fetch(`${second.url}/api/files/${f.id}`, { headers });
      if (res.status !== 200 || (await res.text()) !== f.body) lostFiles.push(f);
    }
    return {
      reports: acks.length,
      files: fileAcks.length,
      lostReports: acks.filter((a) => !stored.has(`${a.taskId} ${a.period} ${a.narrative}`)),
      lostFiles,
      cut: report,
    };
  } finally {
    await kill(second);
  }
}

const summary = (r: CutResult) =>
  `${r.reports} reports + ${r.files} files acknowledged, acknowledged-lost = ${r.lostReports.length + r.lostFiles.length}; ` +
  `cut: ${JSON.stringify(r.cut)}`;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.skipIf(skip)("power loss on PGlite (LD_PRELOAD shim drops every unsynced write)", () => {
  it("keeps every acknowledged report and evidence file", async () => {
    const result = await cutMidStream(pc as Powercut, false, 150);
    console.log(`power loss, PGlite: ${summary(result)}`);
    // The shim saw the server's writes and syncs, so the cut had something to take back.
    expect(result.cut.processes).toBe(1);
    expect(result.cut.fileSyncs).toBeGreaterThan(0);
    expect(result.cut.filesReverted + result.cut.namesUndone).toBeGreaterThan(0);
    expect(result.lostReports).toEqual([]);
    expect(result.lostFiles).toEqual([]);
  }, 240_000);

  it("fails when fsync is made worthless (the test's power)", async () => {
    const result = await cutMidStream(pc as Powercut, true, 30);
    console.log(`power loss, PGlite, fsync dropped: ${summary(result)}`);
    expect(result.lostReports.length).toBeGreaterThan(0);
  }, 240_000);
});
