import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import type { LedgerInput } from "@luoshi/ledger-export";
import { limitError, type ParsedDocument, PlanParseError, type ReadLimits } from "@luoshi/plan-parser";
import { Piscina } from "piscina";
import { AppError } from "../errors.js";
import { type HeavyResult, type HeavyTask, runHeavyTask } from "./heavy-worker.js";
import { unpackDocument } from "./packed-document.js";
import { workerEntry } from "./worker-entry.js";

export interface WorkOptions {
  /** Worker threads, so at most this many heavy jobs run at once; the rest wait in line. */
  threads: number;
  /** A job's time from the moment a worker takes it; past it the worker is stopped. */
  timeoutMs: number;
  /** Heap cap of each worker (V8 old generation), MB. */
  memoryMb: number;
  /** Jobs that may wait for a worker; one more is refused as busy. */
  maxQueue: number;
  limits: Partial<ReadLimits>;
}

export const defaultWorkOptions = (): WorkOptions => ({
  // One core is left to the event loop, so requests keep flowing while every worker is busy.
  threads: Math.max(1, availableParallelism() - 1),
  timeoutMs: 60_000,
  memoryMb: 1024,
  maxQueue: 64,
  limits: {},
});

/** Document parsing and heavy exports, off the event loop. */
export interface HeavyWork {
  parseDocument(bytes: Uint8Array, options: { filename: string; year?: number }): Promise<ParsedDocument>;
  renderLedger(format: "docx" | "xlsx", doc: LedgerInput): Promise<Uint8Array>;
  close(): Promise<void>;
}

type Failure = "timeout" | "memory" | "crashed";

const unwrap = (result: HeavyResult): ParsedDocument | Uint8Array => {
  if (!result.ok) {
    throw new PlanParseError(result.code as PlanParseError["code"], result.detail, { messageZh: result.messageZh });
  }
  if ("packed" in result) throw new Error("a packed document is read with unwrapDocument");
  return "doc" in result ? result.doc : result.bytes;
};

/** A parse job's document, read back from its slices when it comes from a worker. */
const unwrapDocument = async (result: HeavyResult): Promise<ParsedDocument> =>
  result.ok && "packed" in result ? unpackDocument(result.packed) : (unwrap(result) as ParsedDocument);

/** The same jobs in this thread: for small tools and tests that parse trusted text. */
export function inlineWork(limits: Partial<ReadLimits> = {}): HeavyWork {
  return {
    parseDocument: async (bytes, options) =>
      unwrap(await runHeavyTask({ kind: "parse", bytes, limits, ...options })) as ParsedDocument,
    renderLedger: async (format, doc) => unwrap(await runHeavyTask({ kind: "ledger", format, doc })) as Uint8Array,
    close: async () => undefined,
  };
}

/**
 * A pool of worker threads (piscina) with a heap cap and a time budget per job. A worker that
 * runs out of time or memory, or dies, is replaced; its caller gets a clear error, never a hang.
 */
export function workPool(options: WorkOptions, log: (msg: string, err: unknown) => void = () => {}): HeavyWork {
  let pool: Piscina | undefined;
  const start = async (): Promise<Piscina> => {
    const entry = await workerEntry();
    if (pool) return pool;
    const created = new Piscina({
      filename: entry,
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: 30_000,
      maxQueue: Number.POSITIVE_INFINITY,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    });
    // A worker that dies with no job of its own (idle, or while starting) leaves piscina unwilling
    // to start more: the pool is replaced, and the jobs waiting in it are refused rather than left hanging.
    created.on("error", (err: unknown) => {
      log("heavy-work worker died outside a job; replacing the pool", err);
      if (pool === created) pool = undefined;
      void created.destroy();
    });
    pool = created;
    return created;
  };

  async function run(task: HeavyTask, transfer: ArrayBuffer[]): Promise<unknown> {
    const workers = await start();
    if (workers.queueSize >= options.maxQueue) throw new AppError("SERVER_BUSY", 503);
    const started = new MessageChannel();
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    started.port1.once("message", () => {
      timer = setTimeout(() => abort.abort(), options.timeoutMs);
    });
    try {
      return await workers.run(
        { ...task, started: started.port2 },
        { transferList: [started.port2, ...transfer] as never, signal: abort.signal },
      );
    } catch (e) {
      const failure: Failure = abort.signal.aborted
        ? "timeout"
        : (e as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY"
          ? "memory"
          : "crashed";
      throw Object.assign(new Error(`heavy ${task.kind} job: ${failure}`, { cause: e }), { failure });
    } finally {
      clearTimeout(timer);
      started.port1.close();
    }
  }

  const failureOf = (e: unknown): Failure | undefined => (e as { failure?: Failure }).failure;

  return {
    async parseDocument(bytes, { filename, year }) {
      // The worker takes the bytes: moved, not copied, when they fill their own buffer (an upload
      // does), since copying and collecting 20 MB on the event loop stalled it; the caller's view is
      // left empty. Bytes that share a buffer with other data are copied first.
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      const own = whole && bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
      try {
        const task: HeavyTask = {
          kind: "parse",
          bytes: own,
          filename,
          limits: options.limits,
          ...(year ? { year } : {}),
        };
        return await unwrapDocument((await run(task, [own.buffer as ArrayBuffer])) as HeavyResult);
      } catch (e) {
        const failure = failureOf(e);
        if (failure === "timeout") throw limitError("PARSE_TIMEOUT", options.timeoutMs);
        if (failure === "memory") throw limitError("PARSE_OUT_OF_MEMORY", options.memoryMb);
        if (failure === "crashed") throw new PlanParseError("PARSE_CRASHED", String((e as Error).cause), { cause: e });
        throw e;
      }
    },
    async renderLedger(format, doc) {
      try {
        const out = await run({ kind: "ledger", format, doc }, []);
        return out instanceof Uint8Array ? out : (unwrap(out as HeavyResult) as Uint8Array);
      } catch (e) {
        const failure = failureOf(e);
        if (failure === "timeout") throw new AppError("EXPORT_TIMEOUT", 503);
        if (failure) throw new AppError("EXPORT_FAILED", 503);
        throw e;
      }
    },
    async close() {
      await pool?.destroy();
    },
  };
}
