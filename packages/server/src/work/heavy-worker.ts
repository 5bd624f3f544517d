import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { isMainThread, type MessagePort } from "node:worker_threads";
import type { LedgerInput } from "@luoshi/ledger-export";
import {
  type DocumentConverter,
  isPlanParseError,
  type ParsedDocument,
  parseDocument,
  type ReadLimits,
} from "@luoshi/plan-parser";
import { Piscina } from "piscina";
import { type PackedDocument, packDocument } from "./packed-document.js";

/** The CPU-heavy jobs the server hands to its worker threads. */
export type HeavyTask =
  | {
      kind: "parse";
      bytes: Uint8Array;
      filename: string;
      year?: number;
      limits: Partial<ReadLimits>;
    }
  | { kind: "ledger"; format: "docx" | "xlsx"; doc: LedgerInput };

export type HeavyResult =
  | { ok: true; doc: ParsedDocument }
  | { ok: true; packed: PackedDocument }
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: string; detail: string; messageZh: string };

/**
 * Heavy jobs yield the CPU to the event loop: on Linux each thread has its own nice value, and a
 * worker thread (found through /proc/thread-self) takes the lowest priority, so on a busy machine
 * the scheduler runs the server's requests first and the parse or export later. Only a worker: the
 * server's own thread loads this module too (inline work), and once lowered its priority, with every
 * thread it started afterwards, so the whole server ran at nice 19 behind everything else.
 */
function yieldToRequests(): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").at(-1));
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch {
    // Not Linux, or not allowed: the job runs at normal priority.
  }
}
if (!isMainThread) yieldToRequests();

let soffice: Promise<DocumentConverter> | undefined;
/** LibreOffice reads the legacy files (.doc/.wps/.et variants) the built-in readers cannot, where installed; one per thread. */
const converter = () => {
  soffice ??= import("@luoshi/plan-parser/soffice").then((m) => m.sofficeConverter());
  return soffice;
};

/** Runs one task in this thread. Parse errors come back as values: a thrown error loses its code crossing threads. */
export async function runHeavyTask(task: HeavyTask): Promise<HeavyResult> {
  try {
    if (task.kind === "parse") {
      // An upload arrives in a resizable buffer (files/upload.ts); the readers get a plain copy, made here off the event loop.
      const bytes = (task.bytes.buffer as { resizable?: boolean }).resizable ? new Uint8Array(task.bytes) : task.bytes;
      const doc = await parseDocument(bytes, {
        filename: task.filename,
        limits: task.limits,
        converter: await converter(),
        ...(task.year ? { year: task.year } : {}),
      });
      return { ok: true, doc };
    }
    // Loaded on first export: a worker that only parses never pays for the docx and xlsx writers.
    const { ledgerToDocx, ledgerToXlsx } = await import("@luoshi/ledger-export");
    const bytes = task.format === "docx" ? await ledgerToDocx(task.doc) : await ledgerToXlsx(task.doc);
    return { ok: true, bytes };
  } catch (e) {
    if (isPlanParseError(e)) return { ok: false, code: e.code, detail: e.message, messageZh: e.messageZh };
    throw e;
  }
}

/** The worker's entry (piscina): tells the pool the task started, so its time budget runs from now, not from the queue. */
export default async function heavyWorker(task: HeavyTask & { started: MessagePort }): Promise<unknown> {
  task.started.postMessage("started");
  task.started.close();
  const result = await runHeavyTask(task);
  // A fresh copy: a small Buffer may sit in the shared pool, which cannot be transferred.
  if ("bytes" in result) return Piscina.move(new Uint8Array(result.bytes));
  // A parsed document goes back with its tasks in slices, read back in turns (packed-document.ts).
  return "doc" in result ? { ok: true, packed: packDocument(result.doc) } : result;
}
