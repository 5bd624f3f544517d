import type { Block } from "../model.js";
import { isListNumber } from "../steps/numbering.js";
import { decodeText } from "./decode.js";
import { LimitGuard } from "./limits.js";
import { cellText, collapseSpaces } from "./text-utils.js";

/**
 * Tabs in a line with content (a blank line of stray tabs is no row; nor is the one tab after a list number,
 * "1.⇥推进…", Word's numbering saved as text).
 */
const tabCount = (line: string | undefined): number => {
  if (!line?.trim()) return 0;
  const tabs = line.split("\t").length - 1;
  return tabs === 1 && numberedParagraph(line) ? 0 : tabs;
};

/** "1.⇥推进…", "（一）⇥加强…": a list number, one tab, its text. */
function numberedParagraph(line: string): boolean {
  const tab = line.indexOf("\t");
  return tab > 0 && line.slice(tab + 1).trim() !== "" && isListNumber(line.slice(0, tab).trim());
}

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
      const text = numberedParagraph(line) ? line.replace(/\s*\t\s*/, "") : line;
      blocks.push({ kind: "paragraph", text: collapseSpaces(text) });
    }
  });
  return blocks;
}

/** Plain text in UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK. */
export function readText(bytes: Uint8Array, guard = new LimitGuard()): Block[] {
  guard.textBytes(bytes.length);
  return textToBlocks(decodeText(bytes), guard);
}
