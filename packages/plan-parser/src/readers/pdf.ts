import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { getDocument, type PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";
import { PlanParseError } from "../errors.js";
import type { Block } from "../model.js";
import { LimitGuard } from "./limits.js";
import { dropPageFurniture, groupLines, joinLines, type PdfLine, type PositionedText } from "./pdf-lines.js";

/** pdfjs's bundled CMaps (for non-embedded Chinese fonts) and standard fonts, read from disk. */
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
const PAGE_TIMEOUT_MS = 20_000;

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PlanParseError("CORRUPT_DOCUMENT", `${what} timed out`)), PAGE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function openError(e: unknown): PlanParseError {
  if (e instanceof PlanParseError) return e;
  const name = e instanceof Error ? e.name : "";
  if (name === "PasswordException") return new PlanParseError("ENCRYPTED_DOCUMENT", undefined, { cause: e });
  return new PlanParseError("CORRUPT_DOCUMENT", e instanceof Error ? e.message : String(e), { cause: e });
}

async function pageLines(pdf: PDFDocumentProxy, pageNo: number): Promise<PdfLine[]> {
  const page = await pdf.getPage(pageNo);
  const content = await page.getTextContent();
  const items: PositionedText[] = [];
  for (const item of content.items) {
    if (!("str" in item)) continue;
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height;
    items.push({ str: item.str, x, y, width: item.width, size });
  }
  page.cleanup();
  return groupLines(items);
}

/**
 * A PDF's text layer as paragraphs: lines rejoined, page numbers and running headers dropped.
 * Tables come out as lines of text; PDF has no table structure to recover.
 */
export async function readPdf(bytes: Uint8Array, guard = new LimitGuard()): Promise<Block[]> {
  const task = getDocument({
    // pdfjs takes ownership of (detaches) the buffer it is given.
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: `${join(PDFJS_DIR, "cmaps")}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(PDFJS_DIR, "standard_fonts")}/`,
  });
  try {
    const pdf = await withTimeout(task.promise, "opening the PDF").catch((e: unknown) => {
      throw openError(e);
    });
    // The page count is known from the page tree before any page is read.
    guard.count("TOO_MANY_PAGES", pdf.numPages);
    const pages: PdfLine[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const lines = await withTimeout(pageLines(pdf, n), `page ${n}`).catch((e: unknown) => {
        throw openError(e);
      });
      guard.paragraphs(lines.length);
      for (const line of lines) guard.text(line.text.length);
      pages.push(lines);
    }
    if (!pages.some((lines) => lines.length > 0)) throw new PlanParseError("NO_TEXT_LAYER");
    return joinLines(dropPageFurniture(pages)).map((text) => ({ kind: "paragraph", text }));
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
