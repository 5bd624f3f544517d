import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../model.js";
import { readDocument } from "./index.js";
import { chineseNumber, formatCounter } from "./numbering-format.js";
import { MANUAL_TASK, planDocx, TITLE } from "./test-support/plan-docx.js";

const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
const rows = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "row" ? [b.cells] : []));

describe("docx reader", () => {
  let blocks: Block[];
  beforeAll(async () => {
    const result = await readDocument(await planDocx(), "工作要点.docx");
    expect(result.format).toBe("docx");
    blocks = result.blocks;
  });

  it("prints Word's automatic numbering in front of the paragraphs, restarting under each heading", () => {
    expect(texts(blocks).slice(0, 8)).toEqual([
      TITLE,
      "一、全面加强党的建设",
      "1.深化党建品牌创建。（责任单位：办公室）",
      MANUAL_TASK,
      "二、办好人民满意教育",
      "1.扩大优质学前资源。（责任单位：基教股）",
      "（1）新建公办幼儿园2所",
      "2.改善乡镇学校寄宿条件。（9月底前完成）",
    ]);
  });

  it("repeats a vertically merged category into each row and a column span into each column", () => {
    expect(rows(blocks)).toEqual([
      ["类别", "工作任务", "责任单位", "完成时限"],
      ["教育质量", "开展县域教研视导", "教研室", "4月底前"],
      ["教育质量", "组织学业质量监测", "教研室、基教股", "年底前"],
      ["以上任务纳入年度考核", "以上任务纳入年度考核", "以上任务纳入年度考核", "以上任务纳入年度考核"],
    ]);
  });

  it("keeps body order: the table sits between the tasks and the closing paragraphs", () => {
    const kinds = blocks.map((b) => b.kind).join(",");
    expect(kinds).toBe(`${"paragraph,".repeat(8)}row,row,row,row,paragraph,paragraph`);
    expect(texts(blocks).slice(-2)).toEqual(["以上事项由局办公室统筹调度。", "联系人：王老师"]);
  });

  it("reports a zip whose document part is missing as corrupt", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("word/styles.xml", "<w:styles/>");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    await expect(readDocument(bytes, "plan.docx")).rejects.toMatchObject({ code: "CORRUPT_DOCUMENT" });
  });
});

describe("Word list number formats", () => {
  it.each([
    [1, "一"],
    [10, "十"],
    [15, "十五"],
    [21, "二十一"],
    [105, "一百零五"],
    [110, "一百一十"],
  ])("chineseCounting %i prints as %s", (n, text) => {
    expect(chineseNumber(n)).toBe(text);
  });

  it("prints the other formats Chinese plans use", () => {
    expect(formatCounter(3, "ideographTraditional")).toBe("丙");
    expect(formatCounter(2, "decimalEnclosedCircle")).toBe("②");
    expect(formatCounter(12, "chineseCountingThousand")).toBe("十二");
    expect(formatCounter(7, "decimalFullWidth")).toBe("７");
    expect(formatCounter(4, "upperRoman")).toBe("IV");
  });
});
