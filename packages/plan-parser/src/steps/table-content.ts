import { extractDeadlines } from "./extract-deadlines.js";
import { UNIT_END } from "./extract-units.js";
import { parseMarker } from "./numbering.js";

/**
 * What a table column holds, read from its cells rather than its header: a column of numbers (序号), of
 * dates or deadline phrases, of unit names (股/室/中心/学校/局…), of leaders or progress notes, of long
 * sentences (the work itself), of short names (a task's name or, sparse and headed 一、, a category).
 * Tables headed with words nobody listed, or with no header row at all, are mapped by these.
 */
export type CellKind = "number" | "date" | "units" | "other" | "long" | "short" | "heading";

const NUMBER = /^\d{1,3}[.、．]?$/;
/** Deadline phrases with no digit, and cells that are only a date. */
const PERIOD =
  /^(?:常态化|长期(?:坚持)?|持续(?:推进)?|全年|贯穿全年|年底前?|年内|每(?:月|季度?|学期|学年|年|周)|[上下]半年|第?[一二三四]季度|(?:春|秋)季(?:学期|开学)?)/;
const DATE_ONLY = /^[\d年月日号底末前之以内至到\-—–~./、和及\s]+(?:完成)?$/;
/** A date read as a deadline field needs some year; only whether it reads matters here. */
const ANY_YEAR = { year: 2000, academic: false };
const LEADER = /(?:局长|书记|主任|校长|组长|站长|负责人|领导)$/;
const PROGRESS = /^(?:已|正在|尚未|未|按计划|按进度|推进中|进行中|完成了|持续推进中|有序推进|无)|中$/;
const SEPARATORS = /[、,，;；/\s]+/;
const SENTENCE = /[,，;；。:：]/;

/** One cell's kind, or null for an empty one. */
export function kindOf(cell: string): CellKind | null {
  const text = cell.trim();
  if (!text || /^[—\-–/]+$/.test(text)) return null;
  if (NUMBER.test(text)) return "number";
  if (
    text.length <= 24 &&
    (PERIOD.test(text) || (DATE_ONLY.test(text) && extractDeadlines(text, ANY_YEAR, true).length > 0))
  )
    return "date";
  if (PROGRESS.test(text) || (text.length <= 12 && LEADER.test(text))) return "other";
  const level = parseMarker(text)?.level;
  if ((level === "l1" || level === "l2") && text.length <= 20) return "heading";
  if (text.length <= 80 && !text.includes("。")) {
    const names = text.split(SEPARATORS).filter(Boolean);
    if (names.every((n) => UNIT_END.test(n.replace(/[(（][^)）]*[)）]$/, "")) && n.length <= 16)) return "units";
  }
  return text.length >= 16 || SENTENCE.test(text) ? "long" : "short";
}

export interface ColumnContent {
  /** The kind most of the column's filled cells have (at least 60% of them), or null. */
  kind: CellKind | null;
  /** The share of rows whose cell is filled. */
  filled: number;
}

/** Each column's content over the rows given (a table's body; one-text section rows are skipped). */
export function columnContents(rows: string[][], width: number): ColumnContent[] {
  const counts = Array.from({ length: width }, () => new Map<CellKind, number>());
  const filled = new Array<number>(width).fill(0);
  let used = 0;
  for (const cells of rows) {
    if (new Set(cells.filter((c) => c.trim())).size <= 1) continue;
    used++;
    for (let j = 0; j < width; j++) {
      const kind = kindOf(cells[j] ?? "");
      if (!kind) continue;
      filled[j]!++;
      counts[j]!.set(kind, (counts[j]!.get(kind) ?? 0) + 1);
    }
  }
  return counts.map((byKind, j) => {
    let best: CellKind | null = null;
    let most = 0;
    for (const [kind, n] of byKind)
      if (n > most) {
        best = kind;
        most = n;
      }
    const total = filled[j]!;
    // Names and sentences mix in a task column ("加强党建" / "推进…，…"): together they are the work.
    const work = (byKind.get("long") ?? 0) + (byKind.get("short") ?? 0);
    if (best !== "long" && best !== "short" && work > most) best = (byKind.get("long") ?? 0) >= most ? "long" : "short";
    const share = best === "long" || best === "short" ? work : most;
    return { kind: total > 0 && share >= 0.6 * total ? best : null, filled: used ? total / used : 0 };
  });
}

/** A header-like cell: short, no digits, no sentence marks (nor a unit list or a date). */
export function headerLike(cell: string): boolean {
  const text = cell.trim();
  return text.length <= 10 && !/\d/.test(text) && !SENTENCE.test(text) && !parseMarker(text);
}
