import type { Block, DocumentFormat, ParsedDocument, ParseOptions } from "./model.js";
import { runPipeline } from "./pipeline.js";
import { type ReadOptions, readDocument } from "./readers/index.js";
import { textToLines, toLines } from "./steps/lines.js";

/** Parses plan text (or blocks from a reader) into plans and tasks. Never throws on irregular input. */
export function parsePlan(
  input: string | Block[],
  options: ParseOptions = {},
  format: DocumentFormat = "txt",
): ParsedDocument {
  const laidOut = typeof input === "string" ? textToLines(input) : toLines(input);
  return runPipeline(laidOut, options, format);
}

/**
 * Reads a file's bytes (any supported format) and parses it. Throws PlanParseError only on
 * unreadable input. A `converter` (LibreOffice, from `@luoshi/plan-parser/soffice`) reads the
 * legacy files the built-in readers cannot.
 */
export async function parseDocument(
  bytes: Uint8Array,
  options: ParseOptions & ReadOptions & { filename?: string } = {},
): Promise<ParsedDocument> {
  const { format, blocks } = await readDocument(bytes, options.filename, {
    converter: options.converter,
    limits: options.limits,
  });
  return parsePlan(blocks, options, format);
}

/** The scored JSON of SCHEMA.md plus our additive fields, without the (large) source text. */
export function toSchemaJson(doc: ParsedDocument): { plans: unknown[]; diagnostics: unknown[] } {
  return { plans: doc.plans, diagnostics: doc.diagnostics };
}
