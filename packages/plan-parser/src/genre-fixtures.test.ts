import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type ScoredDocument, type ScoreReport, scoreDocument } from "./eval/score.js";
import { type ParsedDocument, parseDocument, parsePlan } from "./index.js";
import { DONE } from "./test-support/done.js";

const dir = fileURLToPath(new URL("../fixtures/genre/", import.meta.url));
/** Each fixture's document: plain text, or an HTML page read as an upload is. */
const files = readdirSync(dir)
  .filter((f) => /\.(txt|html)$/.test(f))
  .sort();
const names = files.map((f) => f.replace(/\.[^.]+$/, ""));
const parsed = new Map<string, ParsedDocument>();
beforeAll(async () => {
  for (const f of files) {
    const bytes = readFileSync(`${dir}${f}`);
    parsed.set(
      f.replace(/\.[^.]+$/, ""),
      f.endsWith(".txt") ? parsePlan(bytes.toString("utf8")) : await parseDocument(bytes, { filename: f }),
    );
  }
});

/** The misses that concern one metric, for the assertion message. */
const about = (misses: string[], pattern: RegExp) => misses.filter((m) => pattern.test(m)).join("\n");

describe("genre fixtures score against their hand-written gold", () => {
  it("has the genre fixtures, each with gold", () => {
    expect(names.length).toBeGreaterThanOrEqual(23);
    for (const name of names) expect(() => readFileSync(`${dir}${name}.json`, "utf8")).not.toThrow();
  });

  describe.each(names)("%s", (name) => {
    const gold = JSON.parse(readFileSync(`${dir}${name}.json`, "utf8")) as ScoredDocument;
    const misses: string[] = [];
    let metrics = {} as ScoreReport;
    beforeAll(() => {
      metrics = scoreDocument(gold, parsed.get(name) as unknown as ScoredDocument, misses);
    });

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
      expect(parsed.get(name)!.plans.map((p) => p.year)).toEqual((gold.plans ?? []).map((p) => p.year));
    });
  });
});
