import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { preparePlacement, runPlacement, sha256Hex, syntheticRosterRows } from "@luoshi/placement";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../test-support/memory-io.js";
import { todayInShanghai } from "./placement-actions.js";
import { parseWitness } from "./placement-ceremony.js";

let dir: string;
let students: string;
let teachers: string;
const DRAW = "05 09 17 26 33 + 12";

const csv = (rows: string[][]) => `${rows.map((r) => r.join(",")).join("\n")}\n`;
const rosterRows = () =>
  syntheticRosterRows({ students: 120, seed: "cli", groups: 3, apartPairs: 2 }).rows.map((r) => r.cells);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "luoshi-placement-"));
  students = join(dir, "students.csv");
  writeFileSync(students, csv(rosterRows()));
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

const commitArgs = (ceremony: string, file = students) => [
  "placement",
  "commit",
  "--dir",
  ceremony,
  "--name",
  "2025级七年级均衡编班",
  "--students",
  file,
  "--classes",
  "3",
  "--capacity",
  "40",
  "--teachers",
  teachers,
  "--school",
  "城关第一中学",
];
const drawArgs = (ceremony: string, draw = DRAW) => [
  "placement",
  "draw",
  "--dir",
  ceremony,
  "--draw",
  draw,
  "--witness",
  "李明:家长代表",
  "--witness",
  "王红（纪检监察）",
];

describe("luoshi placement commit → draw → run → verify", () => {
  it("freezes the inputs, prints the notice, draws once, runs once, and verifies against the notice's hash", async () => {
    const ceremony = join(dir, "c1");
    const commit = await runCli(commitArgs(ceremony));
    expect(commit).toMatchObject({ code: 0, stderr: "" });
    const hash = sha256Hex(readFileSync(join(ceremony, "commitment.json"), "utf8"));
    expect(commit.stdout).toContain(`承诺哈希（SHA-256）：${hash}`);
    const notice = readFileSync(join(ceremony, "摇号前公告.docx"));
    const xml = await (await JSZip.loadAsync(notice)).file("word/document.xml")!.async("string");
    expect(xml).toContain(hash);
    expect(xml).toContain("如何验证");
    expect((await runCli(commitArgs(ceremony))).stderr).toContain("已有承诺");

    expect((await runCli(["placement", "run", "--dir", ceremony])).stderr).toContain("还没有摇号记录");
    const draw = await runCli(drawArgs(ceremony));
    expect(draw).toMatchObject({ code: 0, stderr: "" });
    const record = JSON.parse(readFileSync(join(ceremony, "draw.json"), "utf8"));
    expect(record.witnesses).toEqual([
      { name: "李明", role: "家长代表" },
      { name: "王红", role: "纪检监察" },
    ]);
    const again = await runCli(drawArgs(ceremony, "99"));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("只能录入一次");

    const run = await runCli(["placement", "run", "--dir", ceremony]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const json = readFileSync(join(ceremony, "result.json"), "utf8");
    expect(run.stdout).toContain(`编班结果哈希（SHA-256）：${sha256Hex(json)}`);
    expect(run.stdout).toContain(`承诺哈希（SHA-256）：${hash}`);
    expect(readFileSync(join(ceremony, "classes.xlsx")).subarray(0, 2).toString()).toBe("PK");
    expect((await runCli(["placement", "run", "--dir", ceremony])).stderr).toContain("已有编班结果");

    const verify = await runCli(["placement", "verify", "--dir", ceremony, "--expect-commitment", hash]);
    expect(verify).toMatchObject({ code: 0, stderr: "" });
    expect(verify.stdout).toContain("验证通过");
    expect(verify.stdout).toContain("✓ 摇号（");
    // A witness with the published files one by one.
    const separate = await runCli([
      "placement",
      "verify",
      "--students",
      students,
      "--teachers",
      teachers,
      "--commitment",
      join(ceremony, "commitment.json"),
      "--draw-record",
      join(ceremony, "draw.json"),
      "--result",
      join(ceremony, "result.json"),
      "--expect-commitment",
      hash,
    ]);
    expect(separate.code, separate.stderr).toBe(0);
  });

  it("a roster changed after the commitment neither runs nor verifies, and a replaced commitment is named", async () => {
    const ceremony = join(dir, "c2");
    await runCli(commitArgs(ceremony));
    const hash = sha256Hex(readFileSync(join(ceremony, "commitment.json"), "utf8"));
    await runCli(drawArgs(ceremony));
    const frozen = join(ceremony, "roster.csv");
    const original = readFileSync(frozen, "utf8");
    writeFileSync(frozen, original.replace("学生7,", "学生七,"));
    const run = await runCli(["placement", "run", "--dir", ceremony]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("名单在承诺后被改动");
    expect(existsSync(join(ceremony, "result.json"))).toBe(false);
    writeFileSync(frozen, original);
    expect((await runCli(["placement", "run", "--dir", ceremony])).code).toBe(0);

    const changed = join(dir, "changed.csv");
    writeFileSync(changed, original.replace("学生7,", "学生七,"));
    const witness = await runCli(["placement", "verify", "--dir", ceremony, "--students", changed]);
    expect(witness.code).toBe(1);
    expect(witness.stderr).toContain("✗ 学生名单与承诺不一致");
    const replaced = await runCli(["placement", "verify", "--dir", ceremony, "--expect-commitment", "0".repeat(64)]);
    expect(replaced.stderr).toContain("与公告不一致");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("补录 places late students into the seats left and verifies against the first round", async () => {
    const first = join(dir, "first");
    await runCli(commitArgs(first).map((a) => (a === "40" ? "41" : a)));
    await runCli(drawArgs(first));
    await runCli(["placement", "run", "--dir", first]);
    const late = join(dir, "late.csv");
    writeFileSync(
      late,
      csv([
        ["学号", "姓名", "性别"],
        ["L1", "晚到甲", "男"],
        ["L2", "晚到乙", "女"],
      ]),
    );
    const second = join(dir, "second");
    const commit = await runCli([
      "placement",
      "commit",
      "--dir",
      second,
      "--name",
      "补录",
      "--students",
      late,
      "--supplement-to",
      first,
    ]);
    expect(commit.code, commit.stderr).toBe(0);
    await runCli(drawArgs(second, "11"));
    expect((await runCli(["placement", "run", "--dir", second])).code).toBe(0);
    const ok = await runCli(["placement", "verify", "--dir", second, "--base-dir", first]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("首次编班结果与承诺中记载的哈希和各班人数一致");
    const again = await runCli([
      "placement",
      "commit",
      "--dir",
      join(dir, "third"),
      "--name",
      "x",
      "--students",
      students,
      "--supplement-to",
      first,
    ]);
    expect(again.stderr).toContain("SUPPLEMENT_ALREADY_PLACED");
  });

  it("no single-step run: run with --students or --draw is refused with the three steps named", async () => {
    const res = await runCli(["placement", "run", "--students", students, "--draw", DRAW]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("单步编班已停用");
  });

  it("an old single-step result still verifies, marked 旧版/未承诺", async () => {
    const { roster, params } = preparePlacement({
      students: { rows: rosterRows().map((cells, i) => ({ row: i + 1, cells })) },
      classCount: 3,
      capacity: 40,
    });
    const old = join(dir, "old-result.json");
    writeFileSync(old, runPlacement(roster, params, DRAW).json);
    const args = ["placement", "verify", "--students", students, "--classes", "3", "--capacity", "40", "--result", old];
    const res = await runCli([...args, "--draw", DRAW]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("旧版单步编班结果（未承诺）");
    const wrong = await runCli([...args, "--draw", "05 09 17 26 33 + 13"]);
    expect(wrong.stderr).toContain("现场摇号数字不一致");
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
    const { code, stderr } = await runCli([
      "placement",
      "commit",
      "--dir",
      join(dir, "bad"),
      "--name",
      "x",
      "--students",
      bad,
      "--classes",
      "1",
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("[ID_DUPLICATE] 第 3 行：学号「1」重复（与第 2 行相同）");
    expect(stderr).toContain("[GENDER_INVALID] 第 3 行");
    expect(stderr).toContain("[SCORE_NOT_NUMERIC] 第 3 行");
  });

  it("rejects a malformed capacity list as a usage error", async () => {
    const res = await runCli([...commitArgs(join(dir, "x")), "--capacities", "40,x"]);
    expect(res.code).toBe(2);
  });

  it("reads witnesses as 姓名:身份, 姓名：身份 or 姓名（身份）", () => {
    expect(parseWitness("李明:家长代表")).toEqual({ name: "李明", role: "家长代表" });
    expect(parseWitness("王红：纪检监察")).toEqual({ name: "王红", role: "纪检监察" });
    expect(parseWitness("赵刚（人大代表）")).toEqual({ name: "赵刚", role: "人大代表" });
    expect(parseWitness("孙丽")).toEqual({ name: "孙丽", role: "" });
  });

  it("dates the notice in Asia/Shanghai without leading zeros", () => {
    expect(todayInShanghai(new Date("2025-03-04T17:00:00Z"))).toBe("2025年3月5日");
  });
});
