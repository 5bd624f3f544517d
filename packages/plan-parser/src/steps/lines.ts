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
 * breaks stay put, and NFKC's buffers stay small), then lines as for blocks, straight from the piece's rows.
 * A row holds zero-width characters only where its piece does.
 */
export function textToLines(text: string): { lines: Line[]; source: string } {
  const layout = new Layout();
  for (let start = 0; ; ) {
    const cut = start + PIECE < text.length ? text.indexOf("\n", start + PIECE) : -1;
    const end = cut < 0 ? text.length : cut + 1;
    const { normalized, zeroWidth } = nfkcText(text.slice(start, end));
    const rows = splitRows(normalized);
    if (end < text.length) rows.pop(); // the piece ends with its line break: its last row is empty
    for (const row of rows) {
      const tabbed = row.includes("\t");
      const cells = tabbed ? rowCells(row) : null;
      if (cells) layout.row(cells.map((c) => tidyLine(c, zeroWidth)));
      else if (tabbed || row.includes(" ")) layout.paragraph(dropCjkSpaces(tidyLine(row, zeroWidth)));
      // Without a tab or a space there is no run to collapse and no gap to drop.
      else layout.paragraph(tidyLine(row, zeroWidth, false));
    }
    if (end === text.length) break;
    start = end;
  }
  return layout.done();
}

const PIECE = 1 << 16;

/** Lines one block at a time: a table's number counts runs of rows unless the block gives it. */
class Layout {
  private readonly texts: string[] = [];
  private readonly rows: Array<{ at: number; cells: string[]; table: number }> = [];
  private tableNo = 0;
  private prevWasRow = false;

  paragraph(text: string): void {
    this.texts.push(text);
    this.prevWasRow = false;
  }

  /** A table row; cells keep their spaces: a reader joins a cell's paragraphs with one ("基教股 教研室"). */
  row(cells: string[], table?: number): void {
    if (!this.prevWasRow) this.tableNo++;
    this.rows.push({ at: this.texts.length, cells, table: table ?? this.tableNo });
    this.texts.push(cells.join("\t"));
    this.prevWasRow = true;
  }

  /**
   * The source is the lines joined; lines and cells are views of it, which the result keeps anyway: what a
   * task keeps of them then holds no other copy of the text alive (such as a whole-text NFKC).
   */
  done(): { lines: Line[]; source: string } {
    const { texts, rows } = this;
    const source = texts.join("\n");
    const lines: Line[] = [];
    let offset = 0;
    let r = 0;
    for (let index = 0; index < texts.length; index++) {
      const end = offset + texts[index]!.length;
      const row = rows[r]?.at === index ? rows[r++] : undefined;
      let cells: string[] | undefined;
      if (row) {
        let at = offset;
        cells = row.cells.map((c) => {
          const cell = source.slice(at, at + c.length);
          at += c.length + 1;
          return cell;
        });
      }
      lines.push({ index, text: source.slice(offset, end), cells, table: row?.table, start: offset, end });
      offset = end + 1;
    }
    return { lines, source };
  }
}

function layOut(blocks: Block[], normalize: (text: string) => string): { lines: Line[]; source: string } {
  const layout = new Layout();
  for (const block of blocks) {
    if (block.kind === "row")
      layout.row(
        block.cells.map((c) => normalize(c)),
        block.table,
      );
    else layout.paragraph(dropCjkSpaces(normalize(block.text)));
  }
  return layout.done();
}

/** Splits plain text into blocks; a line with tab-separated cells is a table row. */
export const textToBlocks = (text: string): Block[] => rowsToBlocks(splitRows(text));

const splitRows = (text: string): string[] => (text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n"));

function rowsToBlocks(rows: string[]): Block[] {
  return rows.map((row): Block => {
    const cells = row.includes("\t") ? rowCells(row) : null;
    return cells ? { kind: "row", cells } : { kind: "paragraph", text: row };
  });
}

/** A line's tab-separated cells where it is a table row: two tabs or more, or one between two cells. */
function rowCells(row: string): string[] | null {
  const tabs = row.split("\t");
  return tabs.length >= 3 || (tabs.length === 2 && tabs.every((c) => c.trim())) ? tabs : null;
}

export function spanOf(first: Line, last: Line): SourceSpan {
  return { start: first.start, end: last.end, startLine: first.index, endLine: last.index };
}
