import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ScoredDocument, scoreDocument } from "./eval/score.js";
import { parsePlan } from "./index.js";
import { DONE } from "./test-support/done.js";

/** The shared corpus sits beside the repository: <repo>/../shared/corpus. */
const corpus = fileURLToPath(new URL("../../../../shared/corpus/", import.meta.url));
const textPath = `${corpus}seed-2024-7-plans.txt`;
const goldPath = `${corpus}seed-gold.json`;
const present = existsSync(textPath) && existsSync(goldPath);

if (!present)
  it.skip(`seed corpus not found at ${corpus} (seed-2024-7-plans.txt, seed-gold.json): corpus thresholds not checked`, () => {});

describe.skipIf(!present)("seed corpus meets the Done thresholds", () => {
  const run = () => {
    const gold = JSON.parse(readFileSync(goldPath, "utf8")) as ScoredDocument;
    const misses: string[] = [];
    const metrics = scoreDocument(gold, parsePlan(readFileSync(textPath, "utf8")) as unknown as ScoredDocument, misses);
    return { metrics, misses };
  };
  const { metrics, misses } = present ? run() : { metrics: null, misses: [] as string[] };
  const about = (pattern: RegExp) =>
    misses
      .filter((m) => pattern.test(m))
      .slice(0, 40)
      .join("\n");

  it("plans F1 = 1", () => expect(metrics?.plans.f1, about(/plan/)).toBe(DONE.plans));
  it("tasks F1 ≥ .99", () =>
    expect(metrics?.tasks.f1, about(/task missed|extra task/)).toBeGreaterThanOrEqual(DONE.tasks));
  it("path accuracy ≥ .97", () =>
    expect(metrics?.path_accuracy, about(/ path:/)).toBeGreaterThanOrEqual(DONE.path_accuracy));
  it("units exact accuracy ≥ .98", () =>
    expect(metrics?.units_exact_accuracy, about(/ units:/)).toBeGreaterThanOrEqual(DONE.units_exact_accuracy));
  it("deadlines F1 ≥ .95", () =>
    expect(metrics?.deadlines.f1, about(/ deadlines:/)).toBeGreaterThanOrEqual(DONE.deadlines));
  it("targets F1 ≥ .90", () => expect(metrics?.targets.f1, about(/ targets:/)).toBeGreaterThanOrEqual(DONE.targets));
  it("target op accuracy ≥ .98", () =>
    expect(metrics?.target_op_accuracy, about(/ op:/)).toBeGreaterThanOrEqual(DONE.target_op_accuracy));
});
