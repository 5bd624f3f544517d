import { describe, expect, it } from "vitest";
import { isPlanParseError } from "../errors.js";
import {
  deepHtml,
  docxOf,
  hugeText,
  paragraphBombDocx,
  pdfOf,
  planText,
  xlsxOf,
  zipBombDocx,
} from "../test-support/hostile-files.js";
import { readDocument } from "./index.js";
import { DEFAULT_LIMITS, type ReadLimits } from "./limits.js";

async function failure(bytes: Uint8Array, filename: string, limits: Partial<ReadLimits> = {}) {
  try {
    await readDocument(bytes, filename, { limits });
  } catch (e) {
    if (isPlanParseError(e)) return { code: e.code, message: e.messageZh };
    throw e;
  }
  throw new Error("read without error");
}

describe("reader limits", () => {
  it("refuses a paragraph bomb while parsing the XML, naming the limit", async () => {
    const refused = await failure(paragraphBombDocx(30_000), "bomb.docx", { maxParagraphs: 10_000 });
    expect(refused).toEqual({ code: "TOO_MANY_PARAGRAPHS", message: expect.stringContaining("最多 1 万 段") });
  });

  it("refuses a zip bomb from its directory, before unpacking it", async () => {
    const refused = await failure(zipBombDocx(20), "bomb.docx");
    expect(refused.code).toBe("ZIP_BOMB");
    expect(refused.message).toContain(`最多 ${DEFAULT_LIMITS.maxUnzippedBytes / 1024 / 1024} MB`);
    // Under the ratio, over the size budget.
    expect((await failure(zipBombDocx(20), "bomb.docx", { maxZipRatio: 10_000, maxUnzippedBytes: 5e6 })).code).toBe(
      "ZIP_BOMB",
    );
  });

  it("stops unpacking at the budget when the directory lies about the size", async () => {
    const liar = zipBombDocx(20, 1000);
    expect((await failure(liar, "liar.docx", { maxUnzippedBytes: 5e6 })).code).toBe("ZIP_BOMB");
    // Within the budget, a size that does not match its entry is a damaged file.
    expect((await failure(liar, "liar.docx")).code).toBe("CORRUPT_DOCUMENT");
  });

  it("counts workbook rows over all sheets and the sheets themselves before loading the workbook", async () => {
    expect((await failure(xlsxOf(600, 2), "rows.xlsx", { maxRows: 1000 })).code).toBe("TOO_MANY_ROWS");
    expect((await failure(xlsxOf(5, 3), "sheets.xlsx", { maxSheets: 2 })).code).toBe("TOO_MANY_SHEETS");
    const read = await readDocument(xlsxOf(600, 1), "rows.xlsx", { limits: { maxRows: 1000 } });
    expect(read.blocks.filter((b) => b.kind === "row")).toHaveLength(600);
  });

  it("refuses a PDF with too many pages from its page count", async () => {
    const refused = await failure(pdfOf(30), "pages.pdf", { maxPages: 20 });
    expect(refused).toEqual({ code: "TOO_MANY_PAGES", message: expect.stringContaining("最多 20 页") });
  });

  it("refuses HTML nested past the depth limit (nested tables too) without overflowing the stack", async () => {
    expect((await failure(deepHtml(100_000), "deep.html")).code).toBe("TOO_DEEPLY_NESTED");
    const tables = `<table><tr><td>${"<table><tr><td>".repeat(300)}一、总体要求</td></tr></table>`;
    expect((await failure(new TextEncoder().encode(tables), "t.html")).code).toBe("TOO_DEEPLY_NESTED");
    const read = await readDocument(deepHtml(100), "ok.html");
    expect(read.blocks).toEqual([{ kind: "paragraph", text: "一、总体要求" }]);
  });

  it("refuses text over the character limit, and lines over the paragraph limit", async () => {
    expect((await failure(hugeText(2), "huge.txt", { maxTextChars: 100_000 })).code).toBe("DOCUMENT_TOO_LARGE");
    const lines = new TextEncoder().encode("一、总体要求\n".repeat(5000));
    expect((await failure(lines, "lines.txt", { maxParagraphs: 1000 })).code).toBe("TOO_MANY_PARAGRAPHS");
  });

  it("reads honest documents under the default limits", async () => {
    const text = await readDocument(new TextEncoder().encode(planText(500)), "plan.txt");
    expect(text.blocks.length).toBeGreaterThan(500);
    const docx = await readDocument(docxOf("<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>"), "plan.docx");
    expect(docx.blocks).toEqual([{ kind: "paragraph", text: "一、总体要求" }]);
    const pdf = await readDocument(pdfOf(3), "plan.pdf");
    expect(pdf.blocks.length).toBeGreaterThan(0);
  });
});
