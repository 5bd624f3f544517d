import { afterAll, describe, expect, it } from "vitest";
import { MESSAGES } from "./messages.js";
import { seedFixture } from "./test/fixture.js";
import {
  type Ack,
  ensureBuilt,
  kill,
  login,
  missingReports,
  postgresTarget,
  type Server,
  startServer,
  streamPlan,
} from "./test/live-server.js";
import { type Cluster, clusterUnavailable, createCluster } from "./test/pg-cluster.js";
import { skipUnlessAble } from "./test/powercut.js";

/**
 * PostgreSQL restarted under load: the built server runs on a throwaway cluster (port 5441) while
 * workers submit and read reports; the cluster is shut down (fast) and started again, then crashed
 * (SIGKILL to all its processes) and started again. Every answer must be a 2xx or a clean 503
 * DATABASE_UNAVAILABLE with its Chinese message — never a 500, never a dead server — and the
 * server must answer 2xx again by itself once the database is back.
 */

const PORT = 5441;
const skip =
  skipUnlessAble("PostgreSQL restart test", clusterUnavailable()) ||
  skipUnlessAble("PostgreSQL restart test", ensureBuilt());

interface Answer {
  status: number;
  code?: string;
  message?: string;
  at: number;
}

let cluster: Cluster | undefined;
let server: Server | undefined;
afterAll(async () => {
  if (server) await kill(server);
  await cluster?.destroy();
});

describe.skipIf(skip)("PostgreSQL restarted under load", () => {
  it("answers 503 DATABASE_UNAVAILABLE while it is down, never 500, and recovers by itself", async () => {
    cluster = await createCluster(PORT);
    await cluster.start();
    const target = postgresTarget(cluster.url);
    const { fixture, plan } = await target.seed(async (db) => {
      const fixture = await seedFixture(db);
      return { fixture, plan: await streamPlan(db, fixture.a.bureauId) };
    });
    const taskIds = plan.taskIds.slice(1);
    server = await startServer(target.env);
    const url = server.url;
    const headers = await login(url, fixture.a.users.school_reporter);

    const answers: Answer[] = [];
    const acked: Ack[] = [];
    let stop = false;
    let n = 0;
    let writes = 0;
    const worker = async () => {
      while (!stop) {
        const i = n++;
        const write = i % 2 === 0;
        // Each write its own (task, period), so each acknowledged one stays visible.
        const k = write ? writes++ : 0;
        const taskId = taskIds[(write ? k : i) % taskIds.length]!;
        const m = Math.floor(k / taskIds.length);
        const period = `${2015 - Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
        const res = await fetch(`${url}/api/tasks/${taskId}/reports`, {
          method: write ? "POST" : "GET",
          headers: write ? { ...headers, "content-type": "application/json" } : headers,
          body: write
            ? JSON.stringify({ period, status: "in_progress", narrative: `restart ${i}`, percent: i % 100 })
            : undefined,
          signal: AbortSignal.timeout(20_000),
        });
        const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
        answers.push({ status: res.status, code: body.error?.code, message: body.error?.message, at: Date.now() });
        if (write && res.status === 201) acked.push({ taskId, period, narrative: `restart ${i}` });
        if (res.status === 503) await new Promise((r) => setTimeout(r, 50));
      }
    };
    const load = Promise.all(Array.from({ length: 8 }, worker));
    /** Waits until `count` answers in a row after `since` were 2xx: the server recovered by itself. */
    const recovered = async (since: number, count = 10) => {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const after = answers.filter((a) => a.at > since);
        if (after.length >= count && after.slice(-count).every((a) => a.status < 300)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no recovery after the restart: ${JSON.stringify(answers.slice(-5))}\n${server!.output()}`);
    };

    try {
      await recovered(0);
      await cluster.stop();
      await new Promise((r) => setTimeout(r, 1500));
      await cluster.start();
      await recovered(Date.now());
      await cluster.kill();
      await new Promise((r) => setTimeout(r, 1000));
      await cluster.start();
      await recovered(Date.now());
    } finally {
      stop = true;
      await load.catch(() => {});
    }
    await load;

    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
    console.log(`restart under load: ${JSON.stringify(Object.fromEntries(byStatus))} over ${answers.length} requests`);
    expect(server.child.exitCode).toBeNull();
    expect(answers.filter((a) => a.status >= 300 && a.status !== 503)).toEqual([]);
    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const a of unavailable) {
      expect(a.code).toBe("DATABASE_UNAVAILABLE");
      expect(a.message).toBe(MESSAGES.DATABASE_UNAVAILABLE);
    }

    // Every acknowledged report survived the shutdown and the crash.
    expect(await missingReports(url, headers, taskIds, acked)).toEqual([]);
    await target.cleanup();
  }, 240_000);
});
