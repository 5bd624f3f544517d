import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256Hex, syntheticRosterRows } from "@luoshi/placement";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../test-support/memory-io.js";
import { todayInShanghai } from "./placement-actions.js";

let dir: string;
let students: string;
let teachers: string;
const DRAW = "05 09 17 26 33 + 12";

const csv = (rows: string[][]) => `${rows.map((r) => r.join(",")).join("\n")}\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "luoshi-placement-"));
  students = join(dir, "students.csv");
  writeFileSync(
    students,
    csv(syntheticRosterRows({ students: 120, seed: "cli", groups: 3, apartPairs: 2 }).rows.map((r) => r.cells)),
  );
  teachers = join(dir, "teachers.csv");
  writeFileSync(
    teachers,
    csv([
      ["姓名", "学科"],
      ["王芳", "语文"],
      ["李强", "数学"],
      ["张伟", "英语"],
    ]),
  );
});

const inputs = (file = students) => ["--students", file, "--classes", "3", "--capacity", "40", "--teachers", teachers];

describe("luoshi placement", () => {
  it("run writes result.json, classes.xlsx and notice.docx and prints hashes and the balance report", async () => {
    const out = join(dir, "out");
    const { code, stdout, stderr } = await runCli(["placement", "run", ...inputs(), "--draw", DRAW, "-o", out]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const json = readFileSync(join(out, "result.json"), "utf8");
    expect(stdout).toContain(`编班结果哈希（SHA-256）：${sha256Hex(json)}`);
    expect(stdout).toContain("各班均分最大差");
    expect(stdout).toContain("约束检查");
    expect(readFileSync(join(out, "classes.xlsx")).subarray(0, 2).toString()).toBe("PK");
    expect(readFileSync(join(out, "notice.docx")).subarray(0, 2).toString()).toBe("PK");

    const verify = await runCli([
      "placement",
      "verify",
      ...inputs(),
      "--draw",
      DRAW,
      "--result",
      join(out, "result.json"),
    ]);
    expect(verify).toMatchObject({ code: 0, stderr: "" });
    expect(verify.stdout).toContain("验证通过");

    const again = join(dir, "again");
    await runCli(["placement", "run", ...inputs(), "--draw", DRAW, "-o", again]);
    expect(readFileSync(join(again, "result.json"), "utf8")).toBe(json);
  });

  it("verify exits 1 with a Chinese reason for a changed roster, draw or result", async () => {
    const out = join(dir, "v");
    await runCli(["placement", "run", ...inputs(), "--draw", DRAW, "-o", out]);
    const result = join(out, "result.json");

    const changed = join(dir, "changed.csv");
    writeFileSync(changed, readFileSync(students, "utf8").replace("学生7,", "学生七,"));
    const roster = await runCli(["placement", "verify", ...inputs(changed), "--draw", DRAW, "--result", result]);
    expect(roster.code).toBe(1);
    expect(roster.stderr).toContain("验证不通过：学生名单与公示的名单哈希不一致");

    const draw = await runCli([
      "placement",
      "verify",
      ...inputs(),
      "--draw",
      "05 09 17 26 33 + 13",
      "--result",
      result,
    ]);
    expect(draw.code).toBe(1);
    expect(draw.stderr).toContain("现场摇号数字不一致");

    const published = JSON.parse(readFileSync(result, "utf8"));
    const a = published.classes[0].students[0];
    published.classes[0].students[0] = published.classes[1].students[0];
    published.classes[1].students[0] = a;
    const tampered = join(dir, "tampered.json");
    writeFileSync(tampered, JSON.stringify(published));
    const res = await runCli(["placement", "verify", ...inputs(), "--draw", DRAW, "--result", tampered]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("重新计算的编班结果与公示结果不一致");
  });

  it("reports row-level problems of the roster in Chinese with codes and exits 1", async () => {
    const bad = join(dir, "bad.csv");
    writeFileSync(
      bad,
      csv([
        ["姓名", "学号", "性别", "语文"],
        ["甲", "1", "男", "90"],
        ["乙", "1", "?", "x"],
      ]),
    );
    const { code, stderr } = await runCli(["placement", "run", "--students", bad, "--classes", "1", "--draw", "1"]);
    expect(code).toBe(1);
    expect(stderr).toContain("[ID_DUPLICATE] 第 3 行：学号「1」重复（与第 2 行相同）");
    expect(stderr).toContain("[GENDER_INVALID] 第 3 行");
    expect(stderr).toContain("[SCORE_NOT_NUMERIC] 第 3 行");
  });

  it("rejects a malformed capacity list as a usage error", async () => {
    const { code } = await runCli([
      "placement",
      "run",
      "--students",
      students,
      "--classes",
      "3",
      "--capacities",
      "40,x",
      "--draw",
      "1",
    ]);
    expect(code).toBe(2);
  });

  it("dates the notice in Asia/Shanghai without leading zeros", () => {
    expect(todayInShanghai(new Date("2025-03-04T17:00:00Z"))).toBe("2025年3月5日");
  });
});
