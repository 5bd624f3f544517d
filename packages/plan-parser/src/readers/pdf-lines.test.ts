import { describe, expect, it } from "vitest";
import { readDocument } from "./index.js";
import { dropPageFurniture, groupLines, joinLines, type PdfLine } from "./pdf-lines.js";

const line = (text: string, y: number, x0 = 72, x1 = 522): PdfLine => ({ text, x0, x1, y, size: 10 });

describe("PDF line layout", () => {
  it("groups runs on one baseline into a line and drops the spaces between Chinese characters", () => {
    const lines = groupLines([
      { str: "完成 时限", x: 150, y: 700.4, width: 45, size: 10 },
      { str: "1.", x: 72, y: 700, width: 8, size: 10 },
      { str: "全县 中小学", x: 82, y: 700, width: 55, size: 10 },
      { str: "Wi-Fi 6 覆盖", x: 72, y: 686, width: 50, size: 10 },
    ]);
    expect(lines.map((l) => l.text)).toEqual(["1.全县中小学完成时限", "Wi-Fi 6覆盖"]);
  });

  it("rejoins a line broken at the right margin, but not before a numbering marker or after 。", () => {
    const page = [
      line("1.推进义务教育优质均衡发展，全面落实", 700),
      line("“双减”要求。", 686, 72, 150),
      line("2.推进学前教育普惠发展，扩大公办园学位供", 672),
      line("给（责任单位：基教股）", 658, 72, 200),
      line("（1）新建幼儿园两所，改扩建三所，确保秋季", 644),
      line("（2）落实生均公用经费。", 630, 72, 200),
    ];
    expect(joinLines([page])).toEqual([
      "1.推进义务教育优质均衡发展，全面落实“双减”要求。",
      "2.推进学前教育普惠发展，扩大公办园学位供给（责任单位：基教股）",
      "（1）新建幼儿园两所，改扩建三所，确保秋季",
      "（2）落实生均公用经费。",
    ]);
  });

  it("drops page numbers and a header repeated at the same height on most pages", () => {
    const body = ["一、总体要求", "3.加强师德师风建设。", "二、保障措施"];
    const pages = ["- 1 -", "— 2 —", "第3页"].map((pageNo, i) => [
      line("城南县教育和体育局", 800, 250, 340),
      line(body[i]!, 700, 72, 300),
      line(pageNo, 40, 280, 300),
    ]);
    expect(dropPageFurniture(pages).map((p) => p.map((l) => l.text))).toEqual(body.map((text) => [text]));
  });
});

const minimalPdf = (content: string) =>
  new TextEncoder().encode(
    "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n" +
      `3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]${content}>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
  );

describe("PDF errors", () => {
  it("reports a PDF without any text as having no text layer", async () => {
    await expect(readDocument(minimalPdf(""))).rejects.toMatchObject({ code: "NO_TEXT_LAYER" });
  });

  it("reports a damaged PDF as corrupt", async () => {
    const bytes = new TextEncoder().encode("%PDF-1.7\n这不是一个完整的文件\n");
    await expect(readDocument(bytes, "plan.pdf")).rejects.toMatchObject({ code: "CORRUPT_DOCUMENT" });
  });
});
