import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlan } from "./index.js";

/** Per-document time limit: 200 ms on a quiet machine, with headroom for a busy CI runner. */
const LIMIT_MS = 1000;

const dir = fileURLToPath(new URL("../fixtures/genre/", import.meta.url));
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => readFileSync(`${dir}${f}`, "utf8"));

const OPS = new Set([">=", "<=", "range", "increase_by", "decrease_by"]);
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const isNum = (x: unknown) => typeof x === "number" && Number.isFinite(x);
const isStrings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === "string");

/** Returns the first way the JSON breaks SCHEMA.md's shape, or null. */
function schemaProblem(json: unknown): string | null {
  const doc = json as { plans?: unknown };
  if (!doc || !Array.isArray(doc.plans)) return "plans is not an array";
  for (const plan of doc.plans as Record<string, unknown>[]) {
    if (typeof plan.title !== "string") return "plan title not a string";
    if (!(plan.year === null || Number.isInteger(plan.year))) return `plan year ${String(plan.year)}`;
    if (!Array.isArray(plan.tasks)) return "tasks not an array";
    for (const task of plan.tasks as Record<string, unknown>[]) {
      if (typeof task.no !== "string" || !task.no) return `task no ${String(task.no)}`;
      if (typeof task.title !== "string") return "task title not a string";
      if (!isStrings(task.path)) return "path not strings";
      if (!isStrings(task.units)) return "units not strings";
      if (!Array.isArray(task.deadlines) || !Array.isArray(task.targets)) return "deadlines/targets not arrays";
      for (const d of task.deadlines as Record<string, unknown>[]) {
        if (typeof d.text !== "string") return "deadline text";
        if (d.kind !== "by" && d.kind !== "throughout") return `deadline kind ${String(d.kind)}`;
        if (!(d.date === null || (typeof d.date === "string" && ISO.test(d.date)))) return `deadline date ${d.date}`;
        if (typeof d.date === "string" && Number.isNaN(Date.parse(d.date))) return `invalid date ${d.date}`;
      }
      for (const t of task.targets as Record<string, unknown>[]) {
        if (typeof t.text !== "string" || typeof t.subject !== "string" || typeof t.unit !== "string")
          return "target text/subject/unit";
        if (!OPS.has(t.op as string)) return `target op ${String(t.op)}`;
        const hasValue = isNum(t.value) && t.min === null && t.max === null;
        const hasRange = t.value === null && isNum(t.min) && isNum(t.max);
        if (!hasValue && !hasRange) return `target numbers ${JSON.stringify(t)}`;
      }
    }
  }
  return null;
}

/** Parses, timing it, and checks the result round-trips through JSON in the schema's shape. */
function check(text: string): void {
  const start = performance.now();
  const doc = parsePlan(text);
  const ms = performance.now() - start;
  const json = JSON.parse(JSON.stringify({ plans: doc.plans }));
  const problem = schemaProblem(json);
  if (problem) throw new Error(`schema: ${problem} for input ${JSON.stringify(text.slice(0, 200))}`);
  // Generous for a loaded CI machine; catastrophic backtracking costs seconds to minutes at these sizes.
  if (ms > LIMIT_MS)
    throw new Error(`took ${ms.toFixed(0)} ms for input of ${text.length} chars: ${text.slice(0, 80)}`);
}

const junk = fc.constantFrom(
  "1.",
  "（一）",
  "一、",
  "一是",
  "（责任单位：",
  "牵头单位：",
  "6月底前",
  "贯穿全年",
  "达到95%以上",
  "30—40套",
  "- 2 -",
  "目  录",
  "推荐访问：",
  "关于印发《2025年全县教育工作要点》的通知",
  "2025年全县教育工作要点",
  "\t",
  "、",
  "。",
  "",
);
const noise = fc.oneof(
  junk,
  fc.integer({ min: 0, max: 99999 }).map(String),
  fc.stringMatching(/^[0-9.、，。；：（）()—\-%年月日所个]{0,12}$/),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

type Edit =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "swap"; at: number; with: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "splice"; at: number; pos: number; text: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: noise }),
  fc.record({ kind: fc.constant("splice" as const), at: fc.nat(), pos: fc.nat(), text: noise }),
);

function mutate(text: string, edits: Edit[]): string {
  const lines = text.split("\n");
  for (const e of edits) {
    const n = lines.length;
    if (n === 0) {
      lines.push("");
      continue;
    }
    const i = e.at % n;
    if (e.kind === "delete") lines.splice(i, 1);
    else if (e.kind === "duplicate") lines.splice(i, 0, lines[i]!);
    else if (e.kind === "swap") {
      const j = e.with % n;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    } else if (e.kind === "insert") lines.splice(i, 0, e.text);
    else {
      const line = lines[i]!;
      const p = e.pos % (line.length + 1);
      lines[i] = line.slice(0, p) + e.text + line.slice(p);
    }
  }
  return lines.join("\n");
}

describe("parsePlan on arbitrary input", () => {
  it("never throws, stays fast and returns schema-valid JSON for arbitrary unicode", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (s) => check(s)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => check(s)),
      { numRuns: 200 },
    );
  });

  it("never throws, stays fast and returns schema-valid JSON for mutated plan documents", () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtures), fc.array(edit, { minLength: 1, maxLength: 12 }), (text, edits) =>
        check(mutate(text, edits)),
      ),
      { numRuns: 300 },
    );
  });

  it("each unmutated fixture parses quickly in the schema's shape", () => {
    for (const text of fixtures) check(text);
  });
});

describe("adversarial long lines finish in linear time (no catastrophic backtracking)", () => {
  const pieces = [
    "1.",
    "（",
    "(",
    "2024年",
    "、",
    "7",
    "1",
    "一、",
    "（一）",
    "一是",
    "6月",
    "月底前",
    "达到",
    "不少于",
    "%",
    "3-",
    "—",
    "责任单位：",
    "牵头单位：A；",
    "，",
    "万",
    "第",
    "“",
    " ",
  ];
  it.each(pieces)("10,000 × %j", (piece) => {
    check(piece.repeat(10_000));
  });
  it.each(pieces)("10,000 × %j inside a task line", (piece) => {
    check(`2025年全县教育工作要点\n一、总体要求\n1.推进工作。${piece.repeat(10_000)}（责任单位：办公室）`);
  });
  it("a table row with 10,000 cells", () => {
    check(`序号\t重点任务\t牵头单位\t完成时限\n1\t${"任务\t".repeat(10_000)}`);
  });
  it("5,000 numbered task lines parse in linear-ish time (under 1 s)", () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `${i + 1}.推进第${i}项工作，新增学位${i}个。`);
    const start = performance.now();
    const doc = parsePlan(`2025年全县教育工作要点\n${lines.join("\n")}`);
    expect(schemaProblem(JSON.parse(JSON.stringify({ plans: doc.plans })))).toBeNull();
    expect(performance.now() - start).toBeLessThan(5 * LIMIT_MS);
  });
});
