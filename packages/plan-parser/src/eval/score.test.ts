import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { addCounts, canonicalUnit, type ScoredDocument, scoreCounts, scoreDocument, toReport } from "./score.js";

const corpus = fileURLToPath(new URL("../../../../../shared/corpus/", import.meta.url));
const scoreMjs = join(corpus, "score.mjs");

const task = (no: string, title: string, extra: Record<string, unknown> = {}) => ({
  no,
  title,
  path: ["一、总体要求", "（一）基础教育"],
  units: ["基教科", "各县(市、区)教育局"],
  deadlines: [{ text: "6月底前", date: "2024-06-30", kind: "by" }],
  targets: [{ text: "t", subject: "s", op: ">=", value: 1.5, min: null, max: null, unit: "万人次" }],
  ...extra,
});

const gold: ScoredDocument = {
  plans: [
    { title: "2024年全市教育工作要点", tasks: [task("1", "加快推进基础设施建设"), task("2", "加强教师队伍建设")] },
    { title: "另一个计划", tasks: [task("一", "守牢安全底线", { targets: [] })] },
  ],
};
const pred: ScoredDocument = {
  plans: [
    {
      title: "2024年全市教育工作要点。",
      tasks: [
        task("1", "加快推进基础设施建设工作", {
          units: ["基教科"],
          targets: [{ op: "range", value: 15000, min: null, max: null, unit: "人次" }],
        }),
        task("3", "多出来的任务", { path: ["二、其他"] }),
      ],
    },
  ],
};

function runScoreMjs(g: unknown, p: unknown): unknown {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-score-"));
  writeFileSync(join(dir, "gold.json"), JSON.stringify(g));
  writeFileSync(join(dir, "pred.json"), JSON.stringify(p));
  return JSON.parse(
    execFileSync(process.execPath, [scoreMjs, join(dir, "gold.json"), join(dir, "pred.json"), "--json"], {
      encoding: "utf8",
    }),
  );
}

describe("score port", () => {
  it("canonicalises units like score.mjs", () => {
    expect(canonicalUnit("万人次")).toEqual({ unit: "人次", factor: 1e4 });
    expect(canonicalUnit("个百分点")).toEqual({ unit: "百分点", factor: 1 });
    expect(canonicalUnit("家(个)")).toEqual({ unit: "家", factor: 1 });
    expect(canonicalUnit("平方米")).toEqual({ unit: "m2", factor: 1 });
  });

  it("scores a hand-made pair: partial task match, lenient units, op mismatch", () => {
    const r = scoreDocument(gold, pred);
    expect(r.plans).toMatchObject({ tp: 1, pred: 1, gold: 2 });
    expect(r.tasks).toMatchObject({ tp: 1, pred: 2, gold: 3 });
    expect(r.targets).toMatchObject({ tp: 1, pred: 2, gold: 2 });
    expect(r.target_op_accuracy).toBe(0);
    expect(r.units_exact_accuracy).toBe(0);
    expect(r.path_accuracy).toBeCloseTo(1 / 3);
  });

  it("micro-averages by summing counts", () => {
    const both = toReport(addCounts(scoreCounts(gold, pred), scoreCounts(gold, gold)));
    expect(both.tasks).toMatchObject({ tp: 4, pred: 5, gold: 6 });
  });

  it("lists the misses when asked, without changing the numbers", () => {
    const misses: string[] = [];
    expect(scoreDocument(gold, pred, misses)).toEqual(scoreDocument(gold, pred));
    expect(misses).toContain('plan missed: "另一个计划" (predicted plans: ["2024年全市教育工作要点。"])');
    expect(misses.some((m) => / units:/.test(m))).toBe(true);
    expect(misses.some((m) => / op:/.test(m))).toBe(true);
    expect(misses.some((m) => /extra task/.test(m))).toBe(true);
  });

  it.runIf(existsSync(scoreMjs))("gives the same numbers as shared/corpus/score.mjs", () => {
    const seed = JSON.parse(readFileSync(join(corpus, "seed-gold.json"), "utf8")) as ScoredDocument;
    const perturbed = structuredClone(seed);
    for (const plan of perturbed.plans ?? []) {
      plan.tasks = (plan.tasks ?? []).filter((_, i) => i % 3 !== 1);
      for (const t of plan.tasks) {
        t.units = (t.units ?? []).slice(0, 1);
        t.deadlines = (t.deadlines ?? []).slice(1);
        t.path = (t.path ?? []).slice(0, 1);
      }
    }
    const pairs: [unknown, unknown][] = [
      [gold, pred],
      [pred, gold],
      [gold, { plans: [] }],
      [seed, perturbed],
      [seed, seed],
    ];
    for (const [g, p] of pairs)
      expect(scoreDocument(g as ScoredDocument, p as ScoredDocument)).toEqual(runScoreMjs(g, p));
  });
});
