import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import type { Block } from "../model.js";
import { readDocument } from "./index.js";
import { rtfToBlocks } from "./rtf.js";

/** Chinese text as the \'hh escapes of code page 936 (GBK), as Word and WPS write it. */
const gbk = (s: string) =>
  [...iconv.encode(s, "gbk")].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\'${b.toString(16)}`)).join("");
/** Chinese text as \uN escapes, each followed by a `?` fallback the reader must drop. */
const uni = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0)}?`).join("");
const paragraphs = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));

describe("rtf reader", () => {
  it("decodes \\'hh bytes by the document's code page (\\ansicpg936) and by a font's GB2312 charset", () => {
    const doc = `{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 ${gbk("宋体")};}{\\f1\\fnil\\fcharset0 Arial;}}
\\pard ${gbk("一、加强党的建设")}\\par
{\\f0 ${gbk("1.深化清廉学校建设。（责任单位：办公室）")}}\\par
}`;
    expect(paragraphs(rtfToBlocks(doc))).toEqual(["一、加强党的建设", "1.深化清廉学校建设。（责任单位：办公室）"]);
  });

  it("reads GBK bytes in a GB2312 font even when the document says Western (\\ansicpg1252)", () => {
    const doc = `{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f3\\fcharset134 SimSun;}}\\f3 ${gbk("责任单位：人事股")}\\par}`;
    expect(paragraphs(rtfToBlocks(doc))).toEqual(["责任单位：人事股"]);
  });

  it("reads \\uN characters and drops their fallbacks (\\uc1 ?, \\uc2 two bytes)", () => {
    const doc = `{\\rtf1\\ansi\\uc1 ${uni("工作要点")}\\par\\uc2\\u20840\\'c8\\'ab\\u21439\\'cf\\'d8 -12\\u8212?\\u8212?\\par}`;
    expect(paragraphs(rtfToBlocks(doc))).toEqual(["工作要点", "全县-12——"]);
  });

  it("skips font, colour and style tables, headers, pictures, field codes and \\* destinations", () => {
    const doc = `{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}{\\colortbl;\\red0\\green0\\blue0;}{\\stylesheet{\\s0 Normal;}}
{\\info{\\title ${uni("标题")}}}{\\header\\pard ${uni("页眉")}\\par}{\\*\\generator Writer;}{\\pict\\pngblip 89504e47}
\\pard ${uni("正文")}{\\field{\\*\\fldinst HYPERLINK "x"}{\\fldrslt ${uni("链接")}}}\\par}`;
    expect(paragraphs(rtfToBlocks(doc))).toEqual(["正文链接"]);
  });

  it("prints list numbers (\\listtext) and escaped braces, and turns \\line, \\tab and symbols into text", () => {
    const doc = `{\\rtf1{\\listtext\\pard 1.\\tab}${uni("推进")}\\line\\{${uni("括号")}\\}\\emdash\\par}`;
    expect(paragraphs(rtfToBlocks(doc))).toEqual(["1.推进", "{括号}—"]);
  });

  it("reads table rows cell by cell, a vertically merged cell repeating the one above", () => {
    const row = (merge: boolean, cells: string[]) =>
      `\\trowd${merge ? "\\clvmrg" : "\\clvmgf"}\\cellx1000\\cellx2000\\cellx3000\\pard\\intbl ${cells
        .map((c) => `${uni(c)}\\cell`)
        .join(" ")}\\row`;
    const doc = `{\\rtf1\\pard ${uni("分解表")}\\par
${row(false, ["类别", "工作任务", "责任单位"])}
${row(false, ["教育质量", "开展视导", "教研室"])}
${row(true, ["", "组织监测", "教研室"])}
\\trowd\\cellx1000\\cellx2000\\pard\\intbl ${uni("两段")}\\par ${uni("文字")}\\cell ${uni("乙")}\\cell\\row
\\pard ${uni("表后")}\\par}`;
    expect(rtfToBlocks(doc)).toEqual([
      { kind: "paragraph", text: "分解表" },
      { kind: "row", cells: ["类别", "工作任务", "责任单位"], table: 0 },
      { kind: "row", cells: ["教育质量", "开展视导", "教研室"], table: 0 },
      { kind: "row", cells: ["教育质量", "组织监测", "教研室"], table: 0 },
      { kind: "row", cells: ["两段 文字", "乙"], table: 0 },
      { kind: "paragraph", text: "表后" },
    ]);
  });

  it("is detected by its header whatever the file is named", async () => {
    const bytes = Buffer.from(`{\\rtf1\\ansi\\ansicpg936 ${gbk("一、总体要求")}\\par}`, "latin1");
    const result = await readDocument(new Uint8Array(bytes), "plan.doc");
    expect(result.format).toBe("rtf");
    expect(paragraphs(result.blocks)).toEqual(["一、总体要求"]);
  });

  it("never throws on truncated or unbalanced input", () => {
    for (const doc of [
      "{\\rtf1 {\\b abc",
      "{\\rtf1 }}}} x",
      "{\\rtf1 \\'",
      "{\\rtf1 \\u",
      "{\\rtf1\\bin99999 x}",
      "\\",
    ]) {
      expect(() => rtfToBlocks(doc)).not.toThrow();
    }
  });
});
