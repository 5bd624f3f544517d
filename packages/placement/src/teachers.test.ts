import { describe, expect, it } from "vitest";
import type { TableRows } from "./model.js";
import { parseTeacherRows } from "./teachers.js";

const table = (...rows: string[][]): TableRows => ({ rows: rows.map((cells, i) => ({ row: i + 1, cells })) });

describe("parseTeacherRows", () => {
  it("reads a bare list of names as head teachers in canonical order", () => {
    const { teams, issues } = parseTeacherRows(table(["张伟"], ["李娜"]));
    expect(issues).toEqual([]);
    expect(teams.map((t) => t.head.name)).toEqual(["张伟", "李娜"].sort());
  });

  it("groups subject teachers into teams under their 班主任", () => {
    const { teams, issues } = parseTeacherRows(
      table(
        ["姓名", "团队", "角色", "学科"],
        ["王芳", "甲", "科任", "数学"],
        ["李强", "甲", "班主任", "语文"],
        ["赵磊", "乙", "班主任", "英语"],
        ["", "乙", "科任", "数学"],
        ["孙丽", "丙", "科任", "物理"],
      ),
    );
    expect(teams.map((t) => [t.team, t.head.name, t.members.map((m) => m.name)])).toEqual([
      ["乙", "赵磊", []],
      ["甲", "李强", ["王芳"]],
    ]);
    expect(issues.map((i) => i.code)).toEqual(["TEACHER_NAME_MISSING", "TEAM_HEAD_MISSING"]);
  });
});
