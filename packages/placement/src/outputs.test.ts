import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { classListsXlsx } from "./class-lists-xlsx.js";
import type { Roster } from "./model.js";
import { type PlacementRun, runPlacement } from "./placement.js";
import { preparePlacement } from "./prepare.js";
import { publicNoticeDocx, titleLines } from "./public-notice-docx.js";
import { readXlsxTable } from "./roster-xlsx.js";
import { syntheticRosterRows } from "./synthetic.js";

let roster: Roster;
let placement: PlacementRun;

beforeAll(() => {
  const teachers = {
    rows: [["姓名"], ["王芳"], ["李强"], ["张伟"], ["刘洋"]].map((cells, i) => ({ row: i + 1, cells })),
  };
  const prepared = preparePlacement({
    students: syntheticRosterRows({ students: 90, seed: "outputs", groups: 3, apartPairs: 2 }),
    teachers,
    classCount: 4,
    capacities: [23, 23, 23, 23],
  });
  roster = prepared.roster;
  placement = runPlacement(roster, prepared.params, "11 22 33");
});

/** Visible text of each table row of document.xml, cell texts joined by "|". */
function tableRows(xml: string): string[] {
  return [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
      .map((tc) => [...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""))
      .join("|"),
  );
}

describe("public notice (docx)", () => {
  it("states the hashes, the seed's inputs and the per-class statistics table", async () => {
    const docx = await publicNoticeDocx(placement, {
      date: "2025年8月20日",
      organization: "某某中学",
      includeLists: true,
    });
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file("word/document.xml")!.async("string");
    const fonts = await zip.file("word/fontTable.xml")!.async("string");
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    const { inputs } = placement.result;
    for (const text of [
      inputs.rosterHash,
      inputs.paramsHash,
      inputs.seed,
      placement.resultHash,
      "11 22 33",
      "2025年8月20日",
    ]) {
      expect(xml).toContain(text);
    }
    const rows = tableRows(xml);
    expect(rows[0]).toBe("班级|班主任|人数|男|女|语文均分|语文标准差|数学均分|数学标准差|住校|特殊需要");
    expect(rows).toHaveLength(5);
    const first = placement.result.statistics[0]!;
    const head = placement.result.classes[0]!.headTeacher!.name;
    expect(rows[1]).toBe(
      [
        "1班",
        head,
        first.size,
        first.male,
        first.female,
        ...first.scores.flatMap((s) => [s.mean.toFixed(2), s.sd.toFixed(2)]),
        ...first.tags.map((t) => t.count),
      ].join("|"),
    );
    expect(xml).toContain("各班均分最大差");
    // GB/T 9704 page: A4 with 37/35/28/26 mm margins, fixed 28.95 pt lines.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1588"/);
    expect(xml).toContain('w:line="579" w:lineRule="exact"');
  });
});

describe("class lists (xlsx)", () => {
  it("has a summary sheet and one sheet per class listing its students", async () => {
    const buffer = await classListsXlsx(roster, placement.result);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["汇总", "1班", "2班", "3班", "4班"]);
    const summary = await readXlsxTable(buffer);
    expect(summary.rows[0]!.cells[0]).toBe("均衡编班结果各班统计");
    expect(summary.rows[1]!.cells.slice(0, 3)).toEqual(["班级", "班主任", "人数"]);
    for (const c of placement.result.classes) {
      const sheet = workbook.getWorksheet(`${c.classNo}班`)!;
      const ids: string[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1 && typeof row.getCell(1).value === "number") ids.push(String(row.getCell(2).value));
      });
      expect(ids).toEqual(c.students.map((s) => s.id));
      expect(sheet.getRow(1).values).toContain(`均衡编班结果 ${c.classNo}班名单`);
      expect(sheet.getRow(2).values).toContain("姓名");
      // Bordered, A4 portrait one page wide, title and header on every printed page.
      expect(sheet.getCell("C3").border?.left?.style).toBe("thin");
      expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "portrait", fitToWidth: 1, fitToHeight: 0 });
      expect(sheet.pageSetup.printTitlesRow).toBe("1:2");
    }
  });
});

describe("notice title", () => {
  it("stays on one line up to 20 characters and otherwise breaks after a school or grade name", () => {
    expect(titleLines("新生均衡编班结果公示")).toEqual(["新生均衡编班结果公示"]);
    expect(titleLines("某某中学2025级七年级新生均衡编班结果公示")).toEqual([
      "某某中学2025级七年级",
      "新生均衡编班结果公示",
    ]);
  });
});
