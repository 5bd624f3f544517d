import type { Block } from "../model.js";
import { decodeText } from "./decode.js";
import { LimitGuard } from "./limits.js";
import { cellText, collapseSpaces } from "./text-utils.js";

/** Tabs in a line with content (a blank line of stray tabs is no row). */
const tabCount = (line: string | undefined): number => (line?.trim() ? line.split("\t").length - 1 : 0);

/**
 * A line is a table row when it has two or more tabs, or when it has a tab and sits in a run
 * of consecutive tabbed lines (a task decomposition table pasted as text).
 */
function rowLines(lines: string[]): boolean[] {
  return lines.map((line, i) => {
    const tabs = tabCount(line);
    return tabs >= 2 || (tabs === 1 && (tabCount(lines[i - 1]) > 0 || tabCount(lines[i + 1]) > 0));
  });
}

/** Turns already-decoded plain text into blocks: one paragraph per line, tabbed lines as rows. */
export function textToBlocks(text: string, guard = new LimitGuard()): Block[] {
  guard.text(text.length);
  const lines = text.split(/\r\n|\r|\n/);
  guard.paragraphs(lines.length);
  const isRow = rowLines(lines);
  const blocks: Block[] = [];
  let table = -1;
  lines.forEach((line, i) => {
    if (isRow[i]) {
      if (!isRow[i - 1]) table++;
      const cells = line.split("\t").map(cellText);
      while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
      blocks.push({ kind: "row", cells, table });
    } else {
      blocks.push({ kind: "paragraph", text: collapseSpaces(line) });
    }
  });
  return blocks;
}

/** Plain text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK. */
export function readText(bytes: Uint8Array, guard = new LimitGuard()): Block[] {
  guard.textBytes(bytes.length);
  return textToBlocks(decodeText(bytes), guard);
}
