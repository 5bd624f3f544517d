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
  startServer,
  stream,
  streamPlan,
  type Target,
} from "./test/live-server.js";

/**
 * The real built server is killed with SIGKILL while reports stream in; after a restart on
 * the same data, every report that got a 2xx must be there. On PGlite (a data folder) and,
 * with LUOSHI_TEST_PG_URL, on PostgreSQL (a fresh schema). A killed process keeps what the
 * OS page cache holds; the power cut itself is power-loss.fault.test.ts.
 */

const skipReason = ensureBuilt();
if (skipReason) console.warn(`durability test skipped: ${skipReason}`);

async function killMidStream(target: Target) {
  let t0 = performance.now();
  const laps: string[] = [];
  const lap = (what: string) => {
    laps.push(`${what} ${Math.round(performance.now() - t0)} ms`);
    t0 = performance.now();
  };
  const { fixture, plan } = await target.seed(async (db) => {
    const fixture = await seedFixture(db);
    // Tasks 2 and 3 of the fixture plan are assigned to every school, the reporter's among them.
    return { fixture, plan: await streamPlan(db, fixture.a.bureauId) };
  });
  lap("seed");
  const taskIds = plan.taskIds.slice(1);
  const reporter = fixture.a.users.school_reporter;

  const first = await startServer(target.env);
  const acks: Ack[] = [];
  let killed = false;
  try {
    lap("start");
    const headers = await login(first.url, reporter);
    const streaming = stream(first.url, headers, taskIds, acks, () => killed);
    // Kill once enough reports are acknowledged that some are surely in flight too.
    while (acks.length < 60) await new Promise((r) => setTimeout(r, 10));
    killed = true;
    await kill(first);
    await streaming;
    lap(`stream (${acks.length} acknowledged)`);
  } finally {
    killed = true;
    await kill(first);
  }

  const second = await startServer(target.env);
  try {
    lap("restart");
    const headers = await login(second.url, reporter);
    const lost = await missingReports(second.url, headers, taskIds, acks);
    expect(acks.length).toBeGreaterThanOrEqual(60);
    expect(lost).toEqual([]);
  } finally {
    await kill(second);
    console.log(`durability: ${laps.join(", ")}`);
  }
}

const pgUrl = process.env.LUOSHI_TEST_PG_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe.skipIf(skipReason !== undefined)("acknowledged progress reports survive SIGKILL", () => {
  it("on PGlite (data folder)", async () => {
    const target = pgliteTarget();
    cleanups.push(target.cleanup);
    await killMidStream(target);
  }, 240_000);

  it.skipIf(!pgUrl)(
    "on PostgreSQL (fresh schema)",
    async () => {
      const target = postgresTarget(pgUrl!);
      cleanups.push(target.cleanup);
      await killMidStream(target);
    },
    240_000,
  );
});
