import * as XLSX from "@e965/xlsx";
import WordExtractor from "word-extractor";
import { PlanParseError } from "../errors.js";
import type { Block } from "../model.js";
import { cellText } from "./text-utils.js";

/**
 * A Word 97-2003 body as word-extractor gives it: paragraphs on lines, a table cell ended by a
 * tab and a row by a second tab ("甲\t乙\t\t丙\t丁\t\t"). A line with tabs is a run of table
 * rows; an empty cell reads as a row end, so such a row splits in two (the text stays).
 */
export function wordTextToBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let tables = 0;
  let inTable = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.includes("\t")) {
      inTable = false;
      const t = cellText(line);
      if (t) blocks.push({ kind: "paragraph", text: t });
      continue;
    }
    if (!inTable) tables++;
    inTable = true;
    for (const row of line.split(/\t\t+/)) {
      const cells = row.split("\t").map(cellText);
      if (cells.some((c) => c !== "")) blocks.push({ kind: "row", cells, table: tables - 1 });
    }
  }
  return blocks;
}

/** A Word 97-2003 document (.doc, and .wps as WPS Office saves it): its body text, headers and footers left out. */
export async function readDoc(bytes: Uint8Array): Promise<Block[]> {
  if (wordFib(bytes)?.encrypted) throw new PlanParseError("ENCRYPTED_DOCUMENT", "password-protected Word document");
  const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return wordTextToBlocks(doc.getBody({ filterUnicode: false }));
}

/** Offsets in a Word 97-2003 FIB: its magic number, its flags, the byte count of its list format overrides (lcbPlfLfo). */
const WORD_IDENT = 0xa5ec;
const FIB_FLAGS = 0x0a;
const F_ENCRYPTED = 0x0100;
const LCB_PLF_LFO = 0x2ee;

/** What the File Information Block of a Word binary's WordDocument stream says; undefined when there is none. */
function wordFib(bytes: Uint8Array): { encrypted: boolean; lists: boolean } | undefined {
  try {
    const cfb = XLSX.CFB.read(bytes, { type: "array" });
    const content = XLSX.CFB.find(cfb, "WordDocument")?.content as Uint8Array | number[] | undefined;
    if (!content || content.length < LCB_PLF_LFO + 4) return undefined;
    const fib = Buffer.from(content as Uint8Array);
    if (fib.readUInt16LE(0) !== WORD_IDENT) return undefined;
    return {
      encrypted: (fib.readUInt16LE(FIB_FLAGS) & F_ENCRYPTED) !== 0,
      lists: fib.readUInt32LE(LCB_PLF_LFO) > 0,
    };
  } catch {
    return undefined;
  }
}

/** Whether a Word binary numbers paragraphs automatically (it has list overrides), which word-extractor does not print. */
export function hasListNumbering(bytes: Uint8Array): boolean {
  return wordFib(bytes)?.lists ?? false;
}

/**
 * Whether word-extractor's reading loses what the page shows: automatic numbering (not printed)
 * or tables (merged cells and empty cells are lost). A converter, where there is one, reads such a file better.
 */
export function docLosesLayout(bytes: Uint8Array, blocks: Block[]): boolean {
  return blocks.some((b) => b.kind === "row") || hasListNumbering(bytes);
}
