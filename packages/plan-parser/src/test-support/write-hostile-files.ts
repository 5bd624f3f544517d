/**
 * Writes the hostile-file suite's files into a directory (argument), so a test can make them in
 * another process: making them leaves hundreds of MB of garbage that would otherwise be collected
 * on the event loop the test measures.
 *   node --import tsx write-hostile-files.ts DIR
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deepHtml, hugeText, paragraphBombDocx, pdfOf, planText, xlsxOf, zipBombDocx } from "./hostile-files.js";

export const HOSTILE_FILES: Record<string, () => Uint8Array> = {
  "paragraphs.docx": () => paragraphBombDocx(2_000_000),
  "bomb.docx": () => zipBombDocx(64),
  "pages.pdf": () => pdfOf(5000),
  "rows.xlsx": () => xlsxOf(1_000_000),
  "deep.html": () => deepHtml(200_000),
  "huge.txt": () => hugeText(20),
  "6000.txt": () => new TextEncoder().encode(planText(6000)),
};

const dir = process.argv[2];
if (dir && process.argv[1]?.includes("write-hostile-files")) {
  for (const [name, make] of Object.entries(HOSTILE_FILES)) writeFileSync(join(dir, name), make());
}
