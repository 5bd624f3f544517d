import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildProgram } from "./program.js";
import { runCli } from "./test-support/memory-io.js";

const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));

describe("luoshi program", () => {
  it("registers every command", () => {
    expect(buildProgram().commands.map((c) => c.name())).toEqual(expect.arrayContaining(["parse", "eval"]));
  });

  it("--help and each command's --help describe it in Chinese and English, exit 0", async () => {
    const top = await runCli(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("解析计划文档");
    expect(top.stdout).toContain("Parse a plan document");
    for (const command of ["parse", "eval"]) {
      const { code, stdout } = await runCli([command, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: luoshi ${command}`);
      expect(stdout).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("--version prints the package version", async () => {
    const { code, stdout } = await runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("no command or an unknown one is a usage error (exit 2)", async () => {
    expect((await runCli([])).code).toBe(2);
    const unknown = await runCli(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("错误：未知命令：frobnicate\n运行 luoshi --help 查看用法。\n");
  });

  it.runIf(existsSync(dist))("the built binary answers --help", () => {
    const out = execFileSync(process.execPath, [dist, "--help"], { encoding: "utf8" });
    expect(out).toContain("Usage: luoshi");
  });
});
