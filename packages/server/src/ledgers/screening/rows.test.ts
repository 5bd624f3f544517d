import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { mapColumns } from "./columns.js";
import { readRows } from "./rows.js";
import { parseCsv, readSheets } from "./sheets.js";
import { readDate, readGrade, readIdNumber } from "./values.js";

const ctx = { measuredOn: "2024-10-10", today: "2024-11-20" };

describe("columns by header name", () => {
  it("finds the national 体测 template's, vision sheets' and height/weight lists' columns by synonyms", () => {
    const map = mapColumns([
      "序号",
      "全国学籍号",
      "学生姓名",
      "性别",
      "出生年月日",
      "年级编号",
      "班级名称",
      "身高（cm）",
      "体重(千克)",
      "裸眼视力(左)",
      "裸眼视力（右）",
      "肺活量得分",
      "50米跑",
      "一分钟仰卧起坐得分",
      "附加分",
      "总分",
      "备注",
      "家长电话",
    ]);
    expect(map.fields).toMatchObject({
      studentNo: 1,
      name: 2,
      sex: 3,
      birthDate: 4,
      grade: 5,
      className: 6,
      heightCm: 7,
      weightKg: 8,
      vaLeft: 9,
      vaRight: 10,
      bonus: 14,
      total: 15,
    });
    expect(map.itemScores).toEqual({ vital_capacity: 11, sit_ups_or_strength: 13 });
    expect(map.rawResults).toEqual({ "50米跑": 12 });
    expect(map.unknown).toEqual(["家长电话"]);
  });
});

describe("cell values", () => {
  it("reads grades in words, short forms and national codes", () => {
    expect(readGrade("一年级")).toBe(1);
    expect(readGrade("初二")).toBe(8);
    expect(readGrade("高三")).toBe(12);
    expect(readGrade("七年级")).toBe(7);
    expect(readGrade("13")).toBe(3);
    expect(readGrade("21")).toBe(7);
    expect(readGrade("33")).toBe(12);
    expect(readGrade("大一")).toBeNull();
  });

  it("reads dates in the forms schools type and refuses impossible ones", () => {
    expect(readDate("2015/3/5")).toBe("2015-03-05");
    expect(readDate("20150305")).toBe("2015-03-05");
    expect(readDate("2015年3月5日")).toBe("2015-03-05");
    expect(readDate("42068")).toBe("2015-03-05");
    expect(readDate("2015-02-30")).toBeNull();
  });

  it("checks an 身份证号's checksum", () => {
    expect(readIdNumber("11010519491231002X")).toBe("11010519491231002X");
    expect(readIdNumber("110105194912310021")).toBeNull();
  });
});

describe("rows", () => {
  const header = [
    "学籍号",
    "身份证号",
    "性别",
    "出生日期",
    "年级",
    "左眼裸眼视力",
    "右眼裸眼视力",
    "左眼等效球镜",
    "戴镜类型",
  ];
  const sheet = (rows: string[][]) => [
    {
      name: "一年级1班",
      header,
      map: mapColumns(header),
      rows: rows.map((cells, i) => ({ sheet: "一年级1班", row: i + 2, cells })),
    },
  ];

  it("reads decimal acuity, takes sex and birth date from the 身份证号 when the columns are empty", () => {
    const { rows, problems } = readRows(
      sheet([["", "110105201503100024", "", "", "一年级", "0.5", "1.0", "-1.25", "框架眼镜"]]),
      ctx,
    );
    expect(problems).toEqual([]);
    expect(rows[0]).toMatchObject({
      sex: "female",
      birthDate: "2015-03-10",
      vaLeft: 4.7,
      vaRight: 5,
      seLeft: -1.25,
      glasses: "frame",
    });
  });

  it("names every problem of a row with the row number, column and code, and hides an ID number's value", () => {
    const { rows, problems } = readRows(
      sheet([["", "110105201503100021", "男", "2015-03-10", "十年级", "6.1", "", "x", "墨镜"]]),
      ctx,
    );
    expect(rows).toEqual([]);
    expect(problems.map((p) => [p.row, p.code, p.column])).toEqual([
      [2, "ROW_ID_NUMBER_INVALID", "身份证号"],
      [2, "ROW_GRADE_INVALID", "年级"],
      [2, "ROW_VISION_INVALID", "左眼裸眼视力"],
      [2, "ROW_REFRACTION_INVALID", "左眼等效球镜"],
      [2, "ROW_GLASSES_INVALID", "戴镜类型"],
    ]);
    expect(problems[0]!.value).toBe("（已隐藏）");
  });
});

describe("sheets", () => {
  it("reads every class sheet of a workbook and finds the header below a title row", async () => {
    const book = new ExcelJS.Workbook();
    for (const cls of ["1班", "2班"]) {
      const ws = book.addWorksheet(cls);
      ws.addRow([`城关实验小学视力筛查 ${cls}`]);
      ws.addRow(["学籍号", "性别", "出生日期", "年级", "右眼裸眼视力"]);
      ws.addRow([`G10000000000000000${cls[0]}`, "男", new Date(Date.UTC(2016, 4, 1)), "二年级", 4.9]);
    }
    const sheets = await readSheets(Buffer.from(await book.xlsx.writeBuffer()), 100);
    if (typeof sheets === "string") throw new Error(sheets);
    expect(sheets.map((s) => s.name)).toEqual(["1班", "2班"]);
    const { rows } = readRows(sheets, ctx);
    expect(rows.map((r) => [r.sheet, r.row, r.birthDate])).toEqual([
      ["1班", 3, "2016-05-01"],
      ["2班", 3, "2016-05-01"],
    ]);
  });

  it("reads CSV in UTF-8 with quotes and in GB18030 as Excel saves it", async () => {
    expect(parseCsv('a,"b,c","d""e"\r\n1,2,3')).toEqual([
      ["a", "b,c", 'd"e'],
      ["1", "2", "3"],
    ]);
    const text = "学籍号,性别,出生日期,年级,身高,体重\nG100000000000000001,女,2016-01-01,二年级,120,22\n";
    const gbk = await readSheets(iconv.encode(text, "gb18030"), 10);
    expect(typeof gbk === "string" ? gbk : gbk[0]!.rows[0]!.cells[1]).toBe("女");
    const utf = await readSheets(Buffer.from(`\uFEFF${text}`), 10);
    expect(typeof utf === "string" ? utf : utf[0]!.rows).toHaveLength(1);
    expect(await readSheets(Buffer.from("a,b\n1,2"), 10)).toBe("NO_HEADER");
  });
});
