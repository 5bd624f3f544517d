import type { Block, SourceSpan } from "../model.js";
import { dropCjkSpaces, nfkcText, normalizeLine, tidyLine } from "./normalize.js";

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

/**
 * Plain text: NFKC in one call per piece of about 64K characters, cut after a line break (the line and cell
 * breaks stay put, and NFKC's buffers stay small), then lines as for blocks.
 */
export function textToLines(text: string): { lines: Line[]; source: string } {
  const rows: string[] = [];
  let zeroWidth = false;
  for (let start = 0; ; ) {
    const cut = start + PIECE < text.length ? text.indexOf("\n", start + PIECE) : -1;
    const end = cut < 0 ? text.length : cut + 1;
    const piece = nfkcText(text.slice(start, end));
    zeroWidth ||= piece.zeroWidth;
    const pieceRows = splitRows(piece.normalized);
    if (end < text.length) pieceRows.pop(); // the piece ends with its line break: its last row is empty
    for (const row of pieceRows) rows.push(row);
    if (end === text.length) break;
    start = end;
  }
  return layOut(rowsToBlocks(rows), (t) => tidyLine(t, zeroWidth));
}

const PIECE = 1 << 16;

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
  const source = parts.join("\n");
  // Lines and cells become views of the source, which the result keeps anyway: what a task keeps of them
  // then holds no other copy of the text alive (such as a whole-text NFKC).
  for (const line of lines) {
    line.text = source.slice(line.start, line.end);
    let at = line.start;
    line.cells = line.cells?.map((c) => {
      const cell = source.slice(at, at + c.length);
      at += c.length + 1;
      return cell;
    });
  }
  return { lines, source };
}

/** Splits plain text into blocks; a line with tab-separated cells is a table row. */
export const textToBlocks = (text: string): Block[] => rowsToBlocks(splitRows(text));

const splitRows = (text: string): string[] => (text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n"));

function rowsToBlocks(rows: string[]): Block[] {
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
