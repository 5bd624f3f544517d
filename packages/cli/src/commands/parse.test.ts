import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../test-support/memory-io.js";

const PLAN = [
  "2024年全市教育和体育工作要点",
  "一、加快推动教育高质量发展",
  "1.加快推进基础设施建设。新建幼儿园3所，学前三年毛入园率达到94.5%以上，6月底前完成。（责任单位：基建装备科、基教科）",
  "2.加强教师队伍建设。评选市级骨干教师700-800人。（责任单位：人事科）",
  "",
].join("\n");

let dir: string;
let planFile: string;
let pngFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "luoshi-parse-"));
  planFile = join(dir, "工作要点.txt");
  writeFileSync(planFile, PLAN);
  pngFile = join(dir, "scan.png");
  writeFileSync(pngFile, Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));
});

describe("luoshi parse", () => {
  it("writes the schema JSON to stdout by default, pretty and without progress when stderr is piped", async () => {
    const { code, stdout, stderr } = await runCli(["parse", planFile]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const json = JSON.parse(stdout) as { plans: unknown[]; diagnostics: unknown[] };
    expect(Array.isArray(json.plans)).toBe(true);
    expect(Array.isArray(json.diagnostics)).toBe(true);
    expect(stdout).toContain('\n  "plans": [');
  });

  it("reports progress on stderr only when stderr is a terminal", async () => {
    const { code, stderr } = await runCli(["parse", planFile, "--year", "2024"], { stderr: true });
    expect(code).toBe(0);
    expect(stderr).toContain("正在解析");
    expect(stderr).toContain("解析完成");
  });

  it("--format xlsx -o writes a workbook that re-reads", async () => {
    const out = join(dir, "ledger.xlsx");
    const { code } = await runCli(["parse", planFile, "--format", "xlsx", "-o", out]);
    expect(code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThanOrEqual(1);
    expect(workbook.worksheets[0]?.getCell("C2").value).toBe("重点任务");
  });

  it("--format docx goes to a pipe as bytes but is refused on a terminal", async () => {
    const piped = await runCli(["parse", planFile, "-f", "docx"]);
    expect(piped.code).toBe(0);
    const zip = await JSZip.loadAsync(piped.stdoutBytes);
    expect(await zip.file("word/document.xml")?.async("string")).toContain("重点任务");

    const tty = await runCli(["parse", planFile, "-f", "xlsx"], { stdout: true });
    expect(tty.code).toBe(2);
    expect(tty.stdout).toBe("");
    expect(tty.stderr).toContain("不向终端输出二进制");
  });

  it("--format md writes the Markdown summary", async () => {
    const { code, stdout } = await runCli(["parse", planFile, "-f", "md"]);
    expect(code).toBe(0);
    expect(stdout.endsWith("\n")).toBe(true);
  });

  it("rejects a bad --year or --format with exit 2 and a Chinese message", async () => {
    for (const year of ["1989", "2101", "20x4", "2024.5"]) {
      const { code, stderr } = await runCli(["parse", planFile, "--year", year]);
      expect(code).toBe(2);
      expect(stderr).toContain("年份须为 1990 至 2100 之间的整数");
      expect(stderr).not.toMatch(/\bat .+:\d+:\d+/);
    }
    const { code, stderr } = await runCli(["parse", planFile, "--format", "pdf"]);
    expect(code).toBe(2);
    expect(stderr).toContain("可选值：json, xlsx, docx, md");
  });

  it("a missing file is a usage error (exit 2)", async () => {
    const { code, stderr } = await runCli(["parse", join(dir, "nope.txt")]);
    expect(code).toBe(2);
    expect(stderr).toBe(`错误：找不到文件：${join(dir, "nope.txt")}\n`);
  });

  it("an unreadable document (a PNG) exits 1 with the parser's Chinese message and code", async () => {
    const { code, stderr, stdout } = await runCli(["parse", pngFile]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^错误：.+（[A-Z_]+）\n$/);
  });
});
