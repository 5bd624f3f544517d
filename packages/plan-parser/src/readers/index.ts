import { PlanParseError } from "../errors.js";
import type { Block, DocumentFormat } from "../model.js";

export interface ReadResult {
  format: DocumentFormat;
  blocks: Block[];
}

/** Decides the format from the bytes first (magic numbers), the file name second. */
export function detectFormat(bytes: Uint8Array, filename?: string): DocumentFormat {
  void bytes;
  void filename;
  throw new PlanParseError("UNSUPPORTED_FORMAT", "readers not implemented yet");
}

export async function readDocument(bytes: Uint8Array, filename?: string): Promise<ReadResult> {
  const format = detectFormat(bytes, filename);
  throw new PlanParseError("UNSUPPORTED_FORMAT", format);
}
