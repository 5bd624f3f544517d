import { deserialize, serialize } from "node:v8";
import type { ParsedDocument, Task } from "@luoshi/plan-parser";
import { takeTurnIfLong } from "../loop-turns.js";

/**
 * A parsed document as it crosses from a worker thread: the tasks of each plan serialized in slices
 * into one buffer, the rest of the document as it is. A thread's answer is deserialized in one
 * synchronous step on the event loop: a 6,000-task plan as one object graph took 12-34 ms there,
 * young objects that all survived, so the collections inside it were slow too. Slices are read back
 * one at a time, the loop getting a turn between them when they run long.
 */
export interface PackedDocument {
  /** The document with every plan's tasks left out. */
  doc: ParsedDocument;
  bytes: Uint8Array;
  /** Each slice's plan (its index in doc.plans) and where its bytes end. */
  slices: { plan: number; end: number }[];
}

/** About a millisecond of deserialization on the event loop per slice. */
const TASKS_PER_SLICE = 200;

export function packDocument(doc: ParsedDocument): PackedDocument {
  const parts: Uint8Array[] = [];
  const slices: PackedDocument["slices"] = [];
  let end = 0;
  doc.plans.forEach((plan, index) => {
    for (let i = 0; i < plan.tasks.length; i += TASKS_PER_SLICE) {
      const part = serialize(plan.tasks.slice(i, i + TASKS_PER_SLICE));
      parts.push(part);
      end += part.length;
      slices.push({ plan: index, end });
    }
  });
  // Joined into memory of its own, not Buffer.concat: a small Buffer may sit in Node's shared pool,
  // which cannot be transferred to another thread.
  const bytes = new Uint8Array(end);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { doc: { ...doc, plans: doc.plans.map((p) => ({ ...p, tasks: [] })) }, bytes, slices };
}

export async function unpackDocument(packed: PackedDocument): Promise<ParsedDocument> {
  const plans = packed.doc.plans.map((p) => ({ ...p, tasks: [] as Task[] }));
  let start = 0;
  for (const slice of packed.slices) {
    await takeTurnIfLong();
    const tasks = deserialize(packed.bytes.subarray(start, slice.end)) as Task[];
    for (const task of tasks) plans[slice.plan]!.tasks.push(task);
    start = slice.end;
  }
  return { ...packed.doc, plans };
}
