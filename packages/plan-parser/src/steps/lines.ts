import type { Block, SourceSpan } from "../model.js";
import { dropCjkSpaces, hasZeroWidth, nfkc, normalizeLine, tidyLine } from "./normalize.js";

/** A normalised block with its place in the source text. */
export interface Line {
  /** Index of the block (0-based line of the source text). */
  index: number;
  text: string;
  /** Table cells (normalised) when the block is a table row. */
  cells?: string[];
  table?: number;
  start: number;
  end: number;
}

/** Normalises blocks and lays them out as the source text: one line per block, cells joined by tabs. */
export const toLines = (blocks: Block[]) => layOut(blocks, normalizeLine);

/** Plain text: NFKC in one call for the whole text (line and cell breaks stay put), then lines as for blocks. */
export function textToLines(text: string): { lines: Line[]; source: string } {
  const normalized = nfkc(text);
  const zeroWidth = hasZeroWidth(normalized);
  return layOut(textToBlocks(normalized), (t) => tidyLine(t, zeroWidth));
}

function layOut(blocks: Block[], normalize: (text: string) => string): { lines: Line[]; source: string } {
  const lines: Line[] = [];
  const parts: string[] = [];
  let offset = 0;
  let tableNo = 0;
  let prevWasRow = false;
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    let text: string;
    let cells: string[] | undefined;
    let table: number | undefined;
    if (block.kind === "row") {
      // Cells keep their spaces: a reader joins a cell's paragraphs with one ("基教股 教研室").
      cells = block.cells.map((c) => normalize(c));
      if (!prevWasRow) tableNo++;
      table = block.table ?? tableNo;
      text = cells.join("\t");
      prevWasRow = true;
    } else {
      text = dropCjkSpaces(normalize(block.text));
      prevWasRow = false;
    }
    lines.push({ index, text, cells, table, start: offset, end: offset + text.length });
    parts.push(text);
    offset += text.length + 1;
  }
  return { lines, source: parts.join("\n") };
}

/** Splits plain text into blocks; a line with tab-separated cells is a table row. */
export function textToBlocks(text: string): Block[] {
  const rows = text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n");
  return rows.map((row): Block => {
    if (!row.includes("\t")) return { kind: "paragraph", text: row };
    const tabs = row.split("\t");
    if (tabs.length >= 3 || (tabs.length === 2 && tabs.every((c) => c.trim()))) return { kind: "row", cells: tabs };
    return { kind: "paragraph", text: row };
  });
}

export function spanOf(first: Line, last: Line): SourceSpan {
  return { start: first.start, end: last.end, startLine: first.index, endLine: last.index };
}
