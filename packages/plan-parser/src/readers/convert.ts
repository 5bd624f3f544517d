import { PlanParseError } from "../errors.js";

/**
 * What a converter is asked to produce, in a format the built-in readers know: RTF for Word files
 * (LibreOffice writes each list number as printed text there, where its docx can restart a list
 * a .doc continues), docx for RTF itself, xlsx for workbooks; pdf for tests that look at a printed page.
 */
export type ConvertTarget = "docx" | "rtf" | "xlsx" | "pdf";

/**
 * Converts a file the built-in readers cannot read into docx or xlsx. The parser's core does no
 * I/O: the server and the CLI pass LibreOffice's (see `@luoshi/plan-parser/soffice`).
 */
export interface DocumentConverter {
  /** Named in messages: "LibreOffice". */
  readonly name: string;
  /** `extension` is the file's own (doc, wps, et…), so the converter can pick its import filter. */
  convert(bytes: Uint8Array, extension: string, target: ConvertTarget): Promise<Uint8Array>;
}

/** Converts with the converter given, or says which converter is missing. */
export async function convertWith(
  converter: DocumentConverter | undefined,
  bytes: Uint8Array,
  extension: string,
  target: ConvertTarget,
  why: unknown,
): Promise<Uint8Array> {
  if (!converter) {
    const detail = why instanceof Error ? why.message : String(why);
    throw new PlanParseError("CONVERTER_MISSING", `.${extension}: ${detail}`, { cause: why });
  }
  return converter.convert(bytes, extension, target);
}
