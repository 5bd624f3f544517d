import type { ParsedDocument, Plan } from "@luoshi/plan-parser";
import { takeTurnIfLong } from "../loop-turns.js";

/**
 * A parsed document crossing from its worker to the event loop in pieces. Returned whole, a
 * 6,000-task plan was one structured clone that the loop spent tens of milliseconds taking apart
 * while /api/health waited. The worker writes the document as JSON pieces into one buffer (moved,
 * not copied): the skeleton (source, diagnostics, each plan without its tasks) and the tasks in
 * batches; the loop reads one piece at a time and gives way between them.
 *
 * Layout: u32 piece count n, n × u32 byte lengths, then the pieces' UTF-8 bytes in order.
 */
const TASKS_PER_PIECE = 200;

interface Skeleton extends Omit<ParsedDocument, "plans"> {
  plans: (Omit<Plan, "tasks"> & { taskPieces: number })[];
}

export function packDocument(doc: ParsedDocument): Uint8Array {
  const encoder = new TextEncoder();
  const pieces: Uint8Array[] = [];
  const taskPieces: Uint8Array[] = [];
  const plans = doc.plans.map(({ tasks, ...plan }) => {
    let count = 0;
    for (let i = 0; i < tasks.length; i += TASKS_PER_PIECE, count++)
      taskPieces.push(encoder.encode(JSON.stringify(tasks.slice(i, i + TASKS_PER_PIECE))));
    return { ...plan, taskPieces: count };
  });
  const skeleton: Skeleton = { ...doc, plans };
  pieces.push(encoder.encode(JSON.stringify(skeleton)), ...taskPieces);
  const head = 4 * (pieces.length + 1);
  const out = new Uint8Array(head + pieces.reduce((n, p) => n + p.byteLength, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, pieces.length);
  let at = head;
  pieces.forEach((p, i) => {
    view.setUint32(4 * (i + 1), p.byteLength);
    out.set(p, at);
    at += p.byteLength;
  });
  return out;
}

export async function unpackDocument(bytes: Uint8Array): Promise<ParsedDocument> {
  const decoder = new TextDecoder();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0);
  let at = 4 * (count + 1);
  let index = 0;
  const next = async <T>(): Promise<T> => {
    await takeTurnIfLong();
    const length = view.getUint32(4 * (index + 1));
    const piece = bytes.subarray(at, at + length);
    at += length;
    index++;
    return JSON.parse(decoder.decode(piece)) as T;
  };
  const { plans, ...rest } = await next<Skeleton>();
  const out: Plan[] = [];
  for (const { taskPieces, ...plan } of plans) {
    const tasks: Plan["tasks"] = [];
    for (let i = 0; i < taskPieces; i++) for (const t of await next<Plan["tasks"]>()) tasks.push(t);
    out.push({ ...plan, tasks });
  }
  return { ...rest, plans: out };
}
