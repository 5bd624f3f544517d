import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ScoredDocument, scoreDocument } from "./eval/score.js";
import { parsePlan } from "./index.js";
import { DONE } from "./test-support/done.js";

const dir = fileURLToPath(new URL("../fixtures/genre/", import.meta.url));
const names = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => f.slice(0, -4))
  .sort();

/** The misses that concern one metric, for the assertion message. */
const about = (misses: string[], pattern: RegExp) => misses.filter((m) => pattern.test(m)).join("\n");

describe("genre fixtures score against their hand-written gold", () => {
  it("has the seventeen genre fixtures, each with gold", () => {
    expect(names.length).toBeGreaterThanOrEqual(17);
    for (const name of names) expect(() => readFileSync(`${dir}${name}.json`, "utf8")).not.toThrow();
  });

  describe.each(names)("%s", (name) => {
    const text = readFileSync(`${dir}${name}.txt`, "utf8");
    const gold = JSON.parse(readFileSync(`${dir}${name}.json`, "utf8")) as ScoredDocument;
    const misses: string[] = [];
    const metrics = scoreDocument(gold, parsePlan(text) as unknown as ScoredDocument, misses);

    it("finds exactly the gold plans", () => {
      expect(metrics.plans.f1, about(misses, /plan/)).toBe(DONE.plans);
    });
    it("finds the gold tasks (F1 ≥ .99)", () => {
      expect(metrics.tasks.f1, about(misses, /task missed|extra task|plan/)).toBeGreaterThanOrEqual(DONE.tasks);
    });
    it("puts each task under its headings (path ≥ .97)", () => {
      expect(metrics.path_accuracy, about(misses, / path:|task missed/)).toBeGreaterThanOrEqual(DONE.path_accuracy);
    });
    it("names the responsible units exactly (≥ .98)", () => {
      expect(metrics.units_exact_accuracy, about(misses, / units:|task missed/)).toBeGreaterThanOrEqual(
        DONE.units_exact_accuracy,
      );
    });
    it("reads the deadlines (F1 ≥ .95)", () => {
      expect(metrics.deadlines.f1, about(misses, / deadlines:|task missed/)).toBeGreaterThanOrEqual(DONE.deadlines);
    });
    it("reads the targets (F1 ≥ .90)", () => {
      expect(metrics.targets.f1, about(misses, / targets:|task missed/)).toBeGreaterThanOrEqual(DONE.targets);
    });
    it("gives matched targets the gold op (≥ .98)", () => {
      expect(metrics.target_op_accuracy, about(misses, / op:/)).toBeGreaterThanOrEqual(DONE.target_op_accuracy);
    });
    it("reads the plan year", () => {
      const doc = parsePlan(text);
      expect(doc.plans.map((p) => p.year)).toEqual((gold.plans ?? []).map((p) => p.year));
    });
  });
});
