import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { readDocument } from "./index.js";
import { readText } from "./text.js";

const PLAN = [
  "城南县教育和体育局2025年工作要点",
  "一、推进学前教育普惠发展",
  "1.完善普惠性幼儿园扶持办法。（责任单位：基教股、财务股）（6月底前完成）",
].join("\r\n");

const paragraphs = (blocks: Awaited<ReturnType<typeof readDocument>>["blocks"]) =>
  blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));

describe("text reader", () => {
  it("reads UTF-8 as one paragraph per line", async () => {
    const { format, blocks } = await readDocument(new TextEncoder().encode(PLAN), "plan.txt");
    expect(format).toBe("txt");
    expect(paragraphs(blocks)).toEqual(PLAN.split("\r\n"));
  });

  it("strips a UTF-8 byte order mark", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(PLAN)]);
    expect(paragraphs(readText(bytes))[0]).toBe("城南县教育和体育局2025年工作要点");
  });

  it("decodes a GBK file, as many government files are", async () => {
    const { blocks } = await readDocument(iconv.encode(PLAN, "gbk"));
    expect(paragraphs(blocks)).toEqual(PLAN.split("\r\n"));
  });

  it.each(["utf16le", "utf16be"] as const)("decodes %s with a byte order mark", async (encoding) => {
    const bom = encoding === "utf16le" ? [0xff, 0xfe] : [0xfe, 0xff];
    const bytes = new Uint8Array([...bom, ...iconv.encode(PLAN, encoding)]);
    const { format, blocks } = await readDocument(bytes);
    expect(format).toBe("txt");
    expect(paragraphs(blocks)).toEqual(PLAN.split("\r\n"));
  });

  it("turns a pasted task decomposition table into row blocks", () => {
    const text = [
      "附件：重点任务分解表",
      "序号\t工作任务\t责任单位\t完成时限",
      "1\t开展教师全员培训\t教师发展中心、各学校\t10月底前",
      "2\t推进校园足球特色校建设\t体卫艺股",
      "以上任务纳入年终考核。",
    ].join("\n");
    const blocks = readText(new TextEncoder().encode(text));
    expect(blocks[0]).toEqual({ kind: "paragraph", text: "附件：重点任务分解表" });
    expect(blocks[2]).toEqual({
      kind: "row",
      cells: ["1", "开展教师全员培训", "教师发展中心、各学校", "10月底前"],
      table: 0,
    });
    expect(blocks[3]).toEqual({ kind: "row", cells: ["2", "推进校园足球特色校建设", "体卫艺股"], table: 0 });
    expect(blocks[4]?.kind).toBe("paragraph");
  });

  it("reads Word's list numbers saved with a tab after them as numbered paragraphs, not a table", () => {
    const text = [
      "一、\t优化资源配置",
      "（一）\t推进学校建设",
      "1.\t新建城西小学。",
      "2.\t改造运动场。",
      "序号\t任务",
    ].join("\n");
    expect(readText(new TextEncoder().encode(text))).toEqual([
      { kind: "paragraph", text: "一、优化资源配置" },
      { kind: "paragraph", text: "（一）推进学校建设" },
      { kind: "paragraph", text: "1.新建城西小学。" },
      { kind: "paragraph", text: "2.改造运动场。" },
      { kind: "paragraph", text: "序号 任务" },
    ]);
  });

  it("keeps a lone line with one tab as a paragraph", () => {
    const blocks = readText(new TextEncoder().encode("一、总体要求\n联系人：\t李老师\n二、重点任务"));
    expect(blocks.map((b) => b.kind)).toEqual(["paragraph", "paragraph", "paragraph"]);
  });
});
