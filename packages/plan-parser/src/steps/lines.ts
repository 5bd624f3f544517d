import type { Block, SourceSpan } from "../model.js";
import { dropCjkSpaces, nfkcText, normalizeLine, tidyLine } from "./normalize.js";
import { isListNumber } from "./numbering.js";
import type { TextView } from "./target-starts.js";

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
  /** The text is not the source between start and end: lines joined, or page marks or chunk markers dropped. */
  joined?: boolean;
  /** The line is one of several numbered items a source line held (run-on text). */
  inline?: boolean;
}

/** Normalises blocks and lays them out as the source text: one line per block, cells joined by tabs. */
export const toLines = (blocks: Block[]) => layOut(blocks, normalizeLine);

/** The laid-out text: its lines, the source they are views of, and that source as the pieces it was laid out in. */
export interface LaidOut {
  lines: Line[];
  source: string;
  pieces: SourcePieces;
}

/**
 * Plain text: NFKC in one call per piece of about 64K characters, cut after a line break (the line and cell
 * breaks stay put, and NFKC's buffers stay small), then lines as for blocks, straight from the piece's rows.
 * A row holds zero-width characters only where its piece does. Each piece's lines are joined as soon as it is
 * laid out, so that no more than one NFKC piece is alive at a time.
 */
export function textToLines(text: string): LaidOut {
  const layout = new Layout();
  for (let start = 0; ; ) {
    const cut = start + PIECE < text.length ? text.indexOf("\n", start + PIECE) : -1;
    const end = cut < 0 ? text.length : cut + 1;
    const { normalized, zeroWidth } = nfkcText(text.slice(start, end));
    const rows = splitRows(normalized);
    if (end < text.length) rows.pop(); // the piece ends with its line break: its last row is empty
    // Most texts hold no tab at all: their rows are not searched for one.
    const tabs = normalized.includes("\t");
    for (const row of rows) {
      const tabbed = tabs && row.includes("\t");
      const spaced = tabbed || row.includes(" ");
      // A pipe table's rows have spaces around their pipes, or open with one ("|序号|任务|"): most rows have
      // neither, and are not searched for a pipe.
      const cells = tabbed || (spaced ? row.includes("|") : row.charCodeAt(0) === 124) ? rowCells(row) : null;
      if (cells?.length === 0) layout.paragraph("");
      else if (cells) layout.row(cells.map((c) => tidyLine(c, zeroWidth)));
      else if (spaced) layout.paragraph(dropCjkSpaces(tidyLine(row, zeroWidth)));
      // Without a tab or a space there is no run to collapse and no gap to drop.
      else layout.paragraph(tidyLine(row, zeroWidth, false));
    }
    layout.cut();
    if (end === text.length) break;
    start = end;
  }
  return layout.done();
}

const PIECE = 1 << 16;

/**
 * The source as the pieces it was laid out in (joined by line breaks), for views of it that need not read
 * the source whole: a view within one piece is a view of that piece.
 */
export class SourcePieces {
  private readonly starts: number[] = [];
  private last = 0;

  constructor(private readonly pieces: string[]) {
    let at = 0;
    for (const piece of pieces) {
      this.starts.push(at);
      at += piece.length + 1;
    }
  }

  /** Where `slice(start, end)` lies within one piece: that piece and its offset there (null across a cut). */
  viewOf(start: number, end: number): TextView | null {
    const { pieces, starts } = this;
    let i = starts[this.last]! <= start ? this.last : 0;
    while (i + 1 < starts.length && starts[i + 1]! <= start) i++;
    const from = starts[i] ?? 0;
    const piece = pieces[i] ?? "";
    return end <= from + piece.length ? { base: piece, offset: start - from } : null;
  }

  /** The source's characters from `start` to `end`, as `source.slice(start, end)` reads them. */
  slice(start: number, end: number): string {
    const { pieces, starts } = this;
    let i = starts[this.last]! <= start ? this.last : 0;
    while (i + 1 < starts.length && starts[i + 1]! <= start) i++;
    this.last = i;
    const from = starts[i] ?? 0;
    const piece = pieces[i] ?? "";
    if (end <= from + piece.length) return piece.slice(start - from, end - from);
    // Across a cut: the pieces' parts with the line breaks between them.
    let out = piece.slice(start - from);
    for (let j = i + 1; j < pieces.length && starts[j]! <= end; j++)
      out += `\n${pieces[j]!.slice(0, end - starts[j]!)}`;
    return out;
  }
}

/** Lines one block at a time: a table's number counts runs of rows unless the block gives it. */
class Layout {
  private texts: string[] = [];
  private rows: Array<{ at: number; cells: string[]; table: number }> = [];
  private readonly lines: Line[] = [];
  private readonly pieces: string[] = [];
  private offset = 0;
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
   * Joins the lines laid out since the last cut into one piece of the source; they and their cells become
   * views of it, which the result keeps anyway: what a task keeps of them holds no other copy of the text
   * alive (such as an NFKC piece).
   */
  cut(): void {
    const { texts, rows, lines } = this;
    if (texts.length === 0) return;
    const piece = texts.join("\n");
    const base = this.offset;
    let offset = 0;
    let r = 0;
    for (let k = 0; k < texts.length; k++) {
      const end = offset + texts[k]!.length;
      const row = rows[r]?.at === k ? rows[r++] : undefined;
      let cells: string[] | undefined;
      if (row) {
        let at = offset;
        cells = row.cells.map((c) => {
          const cell = piece.slice(at, at + c.length);
          at += c.length + 1;
          return cell;
        });
      }
      const index = lines.length;
      lines.push({
        index,
        text: piece.slice(offset, end),
        cells,
        table: row?.table,
        start: base + offset,
        end: base + end,
      });
      offset = end + 1;
    }
    this.pieces.push(piece);
    this.offset = base + offset;
    this.texts = [];
    this.rows = [];
  }

  /**
   * The source is the pieces joined by line breaks, as a rope of them: nothing in the parse reads it whole, so
   * it is no third copy of the text beside the input and the pieces (it is flattened where it is first read).
   */
  done(): LaidOut {
    this.cut();
    const { pieces } = this;
    let source = pieces[0] ?? "";
    for (let i = 1; i < pieces.length; i++) source = `${source}\n${pieces[i]}`;
    return { lines: this.lines, source, pieces: new SourcePieces(pieces) };
  }
}

function layOut(blocks: Block[], normalize: (text: string) => string): LaidOut {
  const layout = new Layout();
  for (const block of blocks) {
    if (block.kind === "row")
      layout.row(
        block.cells.map((c) => normalize(c)),
        block.table,
      );
    else if (block.text.includes("|")) {
      // A pipe-separated text table ("| 序号 | 重点任务 | … |") arrives from a reader as paragraphs.
      const cells = pipeCells(block.text);
      if (cells?.length === 0) layout.paragraph("");
      else if (cells) layout.row(cells.map((c) => normalize(c)));
      else layout.paragraph(dropCjkSpaces(normalize(block.text)));
    } else layout.paragraph(dropCjkSpaces(normalize(block.text)));
  }
  return layout.done();
}

/** Splits plain text into blocks; a line with tab-separated cells is a table row. */
export const textToBlocks = (text: string): Block[] => rowsToBlocks(splitRows(text));

const splitRows = (text: string): string[] => (text.includes("\r") ? text.split(/\r\n|\r|\n/) : text.split("\n"));

function rowsToBlocks(rows: string[]): Block[] {
  return rows.map((row): Block => {
    const cells = row.includes("\t") || row.includes("|") ? rowCells(row) : null;
    if (cells?.length === 0) return { kind: "paragraph", text: "" };
    return cells ? { kind: "row", cells } : { kind: "paragraph", text: row };
  });
}

/**
 * A line's cells where it is a table row: tab-separated (two tabs or more, or one between two cells), or
 * pipe-separated ("| a | b | c |", "a | b | c": three cells or more; a Markdown rule row "|---|---|" is none).
 * A list number and its text with one tab between ("1.⇥推进…", "（一）⇥…": Word's numbering saved as text) are
 * one paragraph.
 */
function rowCells(row: string): string[] | null {
  const tabs = row.split("\t");
  if (tabs.length >= 3) return tabs;
  if (tabs.length === 2 && tabs.every((c) => c.trim()) && !isListNumber(tabs[0]!.trim())) return tabs;
  return row.includes("|") ? pipeCells(row) : null;
}

const PIPE_RULE = /^[\s|:\-—–]+$/;

function pipeCells(row: string): string[] | null {
  const text = row.trim();
  if (PIPE_RULE.test(text)) return text.length > 2 && text.includes("-") ? [] : null;
  const cells = text.split("|");
  if (text.startsWith("|")) cells.shift();
  if (text.endsWith("|")) cells.pop();
  return cells.length >= 3 ? cells.map((c) => c.trim()) : null;
}

export function spanOf(first: Line, last: Line): SourceSpan {
  return { start: first.start, end: last.end, startLine: first.index, endLine: last.index };
}
