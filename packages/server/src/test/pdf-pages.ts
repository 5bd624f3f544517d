import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { sofficeConverter } from "@luoshi/plan-parser/soffice";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

export interface PdfLine {
  text: string;
  /** Baseline height above the page bottom, in points. */
  y: number;
  /** Left edge, in points. */
  x: number;
}

/** Lines of text of each page, top to bottom (items on one baseline joined left to right). */
export async function pdfPages(pdf: Uint8Array): Promise<{ lines: PdfLine[]; height: number }[]> {
  const doc = await getDocument({
    data: new Uint8Array(pdf),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
    cMapUrl: `${join(PDFJS_DIR, "cmaps")}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(PDFJS_DIR, "standard_fonts")}/`,
  }).promise;
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    const rows = new Map<number, { x: number; str: string }[]>();
    for (const item of content.items) {
      if (!("str" in item) || !item.str) continue;
      const [, , , , x = 0, y = 0] = item.transform as number[];
      const key = Math.round(y);
      rows.set(key, [...(rows.get(key) ?? []), { x, str: item.str }]);
    }
    const lines = [...rows.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([y, items]) => {
        const sorted = items.sort((a, b) => a.x - b.x);
        return { y, x: sorted[0]?.x ?? 0, text: sorted.map((i) => i.str).join("") };
      });
    pages.push({ lines, height: page.view[3] ?? 0 });
    page.cleanup();
  }
  await doc.destroy();
  return pages;
}

const converter = sofficeConverter();

/** A Word document as LibreOffice prints it. */
export const docxToPdf = (docx: Uint8Array) => converter.convert(docx, "docx", "pdf");
