import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TableRows } from "./model.js";
import { parseRosterRows } from "./roster-rows.js";
import { randomRoster } from "./test-support/rosters.js";

const table = (...rows: string[][]): TableRows => ({ rows: rows.map((cells, i) => ({ row: i + 1, cells })) });

describe("parseRosterRows", () => {
  it("finds columns by Chinese headers below a title row and sorts students by id", () => {
    const { roster, issues } = parseRosterRows(
      table(
        ["2025级七年级新生名单"],
        ["序号", "姓名", "考号", "性别", "语文", "数学", "总分", "住校", "标签", "双胞胎组", "分开", "备注"],
        ["1", "王小明", "K002", "男", "９８", "101.5", "199.5", "是", "特殊需要", "T1", "", "转入"],
        ["2", "王小红", "K001", "女", "90", "95", "185", "", "", "T1", "", ""],
        ["3", "李雷", "K003", "1", "80", "70", "150", "否", "", "", "K001", ""],
      ),
    );
    expect(issues).toEqual([]);
    expect(roster.scoreNames).toEqual(["语文", "数学", "总分"]);
    expect(roster.totalScore).toBe(2);
    expect(roster.tagNames).toEqual(["住校", "特殊需要"]);
    expect(roster.students.map((s) => s.id)).toEqual(["K001", "K002", "K003"]);
    const [hong, ming, lei] = roster.students;
    expect(ming).toMatchObject({ name: "王小明", gender: "M", scores: [98, 101.5, 199.5], tags: ["住校", "特殊需要"] });
    expect(hong).toMatchObject({ group: "T1", gender: "F" });
    // Keep-apart written on one row binds both students.
    expect(lei!.apart).toEqual(["K001"]);
    expect(hong!.apart).toEqual(["K003"]);
  });

  it("accepts English headers and treats any mostly numeric column as a score", () => {
    const { roster, issues } = parseRosterRows(
      table(
        ["Name", "Student ID", "Sex", "Physics", "Boarding", "Group", "Apart"],
        ["Ann", "2", "F", "77", "yes", "", "1"],
        ["Bob", "1", "M", "88", "", "", ""],
      ),
    );
    expect(issues).toEqual([]);
    expect(roster.scoreNames).toEqual(["Physics"]);
    expect(roster.students.map((s) => [s.id, s.gender, s.tags, s.apart])).toEqual([
      ["1", "M", [], ["2"]],
      ["2", "F", ["住校"], ["1"]],
    ]);
  });

  it("reports every row problem with its spreadsheet row number and a stable code", () => {
    const { issues } = parseRosterRows(
      table(
        ["姓名", "学号", "性别", "语文", "同班组", "分开"],
        ["甲", "1", "男", "90", "A", ""],
        ["乙", "1", "男", "91", "", ""],
        ["丙", "", "女", "92", "", ""],
        ["丁", "4", "未知", "93", "", ""],
        ["戊", "5", "女", "九十", "", "99"],
        ["己", "6", "女", "", "B", "6"],
        ["庚", "7", "男", "80", "A", "1"],
      ),
    );
    expect(issues.map((i) => [i.row, i.code])).toEqual([
      [3, "ID_DUPLICATE"],
      [4, "ID_MISSING"],
      [5, "GENDER_INVALID"],
      [6, "SCORE_NOT_NUMERIC"],
      [6, "APART_UNKNOWN_ID"],
      [7, "SCORE_MISSING"],
      [7, "GROUP_SINGLETON"],
      [7, "APART_SELF"],
      [8, "APART_SAME_GROUP"],
    ]);
    expect(issues.find((i) => i.code === "ID_DUPLICATE")!.message).toBe("学号「1」重复（与第 2 行相同）");
    expect(issues.find((i) => i.code === "SCORE_NOT_NUMERIC")).toMatchObject({ column: "语文" });
  });

  it("flags a group id used only once, a self keep-apart and missing columns", () => {
    const single = parseRosterRows(
      table(["姓名", "学号", "性别", "同班组", "分开"], ["甲", "1", "男", "A", ""], ["乙", "2", "女", "", "2"]),
    );
    expect(single.issues.map((i) => [i.row, i.code])).toEqual([
      [2, "GROUP_SINGLETON"],
      [3, "APART_SELF"],
    ]);
    const noGender = parseRosterRows(table(["姓名", "学号"], ["甲", "1"]));
    expect(noGender.issues).toEqual([
      expect.objectContaining({ code: "COLUMN_MISSING", row: 1, message: expect.stringContaining("性别") }),
    ]);
    expect(parseRosterRows(table(["姓名", "学号", "性别"])).issues[0]!.code).toBe("EMPTY_ROSTER");
  });
});

describe("row-level validation over random rosters", () => {
  const corruptions = [
    { column: 0, value: "", code: "ID_MISSING" },
    { column: 2, value: "不详", code: "GENDER_INVALID" },
    { column: 3, value: "缺考", code: "SCORE_NOT_NUMERIC" },
    { column: 4, value: "", code: "SCORE_MISSING" },
    { column: 7, value: "S999", code: "APART_UNKNOWN_ID" },
  ] as const;

  it("reports each corrupted cell on its own row with its code, and nothing else", () => {
    fc.assert(
      fc.property(
        randomRoster,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...corruptions)), { minLength: 1, maxLength: 4 }),
        (r, picks) => {
          const rows = r.table.rows.map((x) => ({ row: x.row, cells: [...x.cells] }));
          const expected = new Map<number, string>();
          for (const [n, corruption] of picks) {
            const target = rows[1 + (n % (rows.length - 1))]!;
            if (expected.has(target.row)) continue;
            // Clear the row's own relations so the corruption is the only problem on it.
            target.cells[6] = "";
            target.cells[7] = "";
            target.cells[corruption.column] = corruption.value;
            expected.set(target.row, corruption.code);
          }
          const { issues } = parseRosterRows({ rows });
          for (const [row, code] of expected) expect(issues).toContainEqual(expect.objectContaining({ row, code }));
          for (const issue of issues) {
            expect(issue.message.length).toBeGreaterThan(0);
            if (!expected.has(issue.row!)) expect(issue.code).toMatch(/^(GROUP_SINGLETON|APART_UNKNOWN_ID)$/);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
