import { createReadStream } from "node:fs";

/** One line of a file: its exact bytes (newline included when present) and its text. */
export interface RawLine {
  bytes: Buffer;
  text: string;
  /** 1-based. */
  number: number;
  /** False only for a last line the file cut off before its newline. */
  complete: boolean;
}

/** Reads a file line by line as bytes, so a checksum covers exactly what is on disk. */
export async function* readLines(path: string): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let number = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, i + 1));
      const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      pending = [];
      start = i + 1;
      yield { bytes, text: bytes.toString("utf8", 0, bytes.length - 1), number: ++number, complete: true };
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) {
    const bytes = Buffer.concat(pending);
    yield { bytes, text: bytes.toString("utf8"), number: ++number, complete: false };
  }
}
