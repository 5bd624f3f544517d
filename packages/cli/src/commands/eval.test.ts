import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseDocument, toSchemaJson } from "@luoshi/plan-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { EvalResult } from "../eval/evaluate.js";
import { runCli } from "../test-support/memory-io.js";

const PLAN = "2024年全区教育工作要点\n一、总体要求\n1.加强思想政治理论学习。6月底前完成。\n2.提升基层党建工作水平。\n";

let docs: string;
let gold: string;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), "luoshi-eval-"));
  docs = join(root, "docs");
  gold = join(root, "gold");
  mkdirSync(docs);
  mkdirSync(gold);
  writeFileSync(join(docs, "a.txt"), PLAN);
  writeFileSync(join(docs, "b.txt"), PLAN);
  writeFileSync(join(docs, "no-gold.txt"), PLAN);
  writeFileSync(join(docs, "scan.pdf"), Buffer.from("89504e470d0a1a0a", "hex"));
  writeFileSync(join(docs, "notes.md"), "not a document");
  // Gold equal to the parser's own output, so the expected scores do not depend on parser quality.
  const self = toSchemaJson(await parseDocument(new TextEncoder().encode(PLAN), { filename: "a.txt" }));
  writeFileSync(join(gold, "a.json"), JSON.stringify(self));
  writeFileSync(
    join(gold, "b.json"),
    JSON.stringify({ plans: [{ title: "另一个计划", tasks: [{ no: "1", title: "x" }] }] }),
  );
  writeFileSync(join(gold, "scan.json"), JSON.stringify({ plans: [] }));
});

describe("luoshi eval", () => {
  it("scores each document with a gold file, skips the rest and micro-averages", async () => {
    const { code, stdout, stderr } = await runCli(["eval", docs, gold, "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as EvalResult;
    expect(result.documents.map((d) => d.file)).toEqual(["a.txt", "b.txt", "scan.pdf"]);
    expect(result.skipped).toEqual([{ file: "no-gold.txt", reason: "no_gold" }]);
    const [a, b, scan] = result.documents;
    expect(a?.report.tasks.f1).toBe(1);
    expect(b?.report.plans.gold).toBe(1);
    expect(scan?.error?.code).toMatch(/^[A-Z_]+$/);
    const sum = (k: "tp" | "pred" | "gold") => result.documents.reduce((n, d) => n + d.report.tasks[k], 0);
    expect(result.overall?.tasks).toMatchObject({ tp: sum("tp"), pred: sum("pred"), gold: sum("gold") });
  });

  it("prints a table with an overall line and lists skipped and unreadable documents", async () => {
    const { code, stdout } = await runCli(["eval", docs, gold]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^文档\s+计划F1\s+任务F1/);
    expect(stdout).toContain("总体（3 篇，微平均）");
    expect(stdout).toContain("跳过（无标准答案）：\n  no-gold.txt");
    expect(stdout).toContain("无法读取（按空结果计分）：\n  scan.pdf *");
  });

  it("shows dashes, not 100%, when no document has a gold file", async () => {
    const { code, stdout } = await runCli(["eval", docs, join(gold, "..", "docs")]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/总体（0 篇，微平均）\s+—/);
  });

  it("an empty folder or a missing one is a usage error", async () => {
    const empty = await runCli(["eval", gold, gold]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("目录中没有可评测的文档");
    const { code, stderr } = await runCli(["eval", join(docs, "nope"), gold]);
    expect(code).toBe(2);
    expect(stderr).toContain("错误：找不到目录");
  });
});
