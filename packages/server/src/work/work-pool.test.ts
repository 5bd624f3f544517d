import { readdirSync, readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { isPlanParseError } from "@luoshi/plan-parser";
import { afterEach, describe, expect, it } from "vitest";
import { hugeText, planText } from "../../../plan-parser/src/test-support/hostile-files.js";
import { AppError } from "../errors.js";
import { defaultWorkOptions, type HeavyWork, type WorkOptions, workPool } from "./work-pool.js";

const pools: HeavyWork[] = [];
const poolOf = (options: Partial<WorkOptions>) => {
  const pool = workPool({ ...defaultWorkOptions(), threads: 1, ...options });
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

const bytesOf = (text: string) => new TextEncoder().encode(text);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (isPlanParseError(e) || e instanceof AppError) return e.code;
    throw e;
  }
  return "OK";
}

/** The nice value of each thread of this process (Linux), by thread id. */
const threadNice = () =>
  new Map(
    readdirSync("/proc/self/task").map((tid) => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      return [Number(tid), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16])] as const;
    }),
  );

describe("work pool", () => {
  it.runIf(process.platform === "linux")(
    "runs jobs on a thread at the lowest priority, and leaves the event loop's thread as it was",
    async () => {
      const pool = poolOf({});
      await pool.parseDocument(bytesOf(planText(3)), { filename: "plan.txt" });
      const nice = threadNice();
      // This file loaded the worker's module (inline work imports it): this thread keeps its parent's priority.
      expect(nice.get(process.pid)).toBe(getPriority(process.ppid));
      expect([...nice.values()]).toContain(19);
    },
  );

  it("parses on a worker with the configured limits, and renders a ledger", async () => {
    const pool = poolOf({ limits: { maxParagraphs: 50 } });
    const doc = await pool.parseDocument(bytesOf(planText(20)), { filename: "plan.txt" });
    expect(doc.plans[0]!.tasks).toHaveLength(20);
    expect(await codeOf(pool.parseDocument(bytesOf(planText(60)), { filename: "plan.txt" }))).toBe(
      "TOO_MANY_PARAGRAPHS",
    );
    const docx = await pool.renderLedger("docx", { plans: [{ title: "计划", year: 2025, tasks: [] }] });
    expect(Buffer.from(docx.subarray(0, 2)).toString()).toBe("PK");
  });

  it("stops a job past its time budget, answers PARSE_TIMEOUT, and the next job runs on a new worker", async () => {
    const pool = poolOf({ timeoutMs: 50 });
    const started = Date.now();
    expect(await codeOf(pool.parseDocument(bytesOf(planText(20_000)), { filename: "plan.txt" }))).toBe("PARSE_TIMEOUT");
    expect(Date.now() - started).toBeLessThan(20_000);
    const slow = poolOf({ timeoutMs: 30_000 });
    expect((await slow.parseDocument(bytesOf(planText(5)), { filename: "plan.txt" })).plans).toHaveLength(1);
  });

  it("a worker out of memory is replaced and its caller told PARSE_OUT_OF_MEMORY", async () => {
    const pool = poolOf({ memoryMb: 64 });
    expect(await codeOf(pool.parseDocument(hugeText(12), { filename: "plan.txt" }))).toBe("PARSE_OUT_OF_MEMORY");
    const doc = await pool.parseDocument(bytesOf(planText(5)), { filename: "plan.txt" });
    expect(doc.plans[0]!.tasks).toHaveLength(5);
  });

  it("a worker that cannot even start answers its job PARSE_CRASHED instead of leaving it waiting", async () => {
    const pool = poolOf({ memoryMb: 4 });
    expect(await codeOf(pool.parseDocument(bytesOf(planText(5)), { filename: "plan.txt" }))).toMatch(
      /^PARSE_(CRASHED|OUT_OF_MEMORY)$/,
    );
  });

  it("refuses a job when the line of waiting jobs is full", async () => {
    const pool = poolOf({ maxQueue: 1 });
    const jobs = Array.from({ length: 4 }, () =>
      codeOf(pool.parseDocument(bytesOf(planText(2000)), { filename: "p.txt" })),
    );
    const codes = await Promise.all(jobs);
    expect(codes).toContain("SERVER_BUSY");
    expect(codes).toContain("OK");
  });
});
