#!/usr/bin/env node
// Balanced class placement against the S-shape (蛇形) on one seeded synthetic roster.
//   npm run build && node bench/placement.bench.mjs [STUDENTS] [CLASSES]
// Default: 2,000 students (2 scores, gender, 2 tags, sibling groups, keep-apart pairs) into 40 classes.
// Prints time (wall and CPU; first run and median of 3 identical runs) of the full placement (seed, 3 restarts of exchange search, teacher-free
// draw, statistics, canonical JSON), the largest difference of class means as % of each score's range,
// the largest gender-count difference, tag differences and constraint checks, beside the S-shape's on
// the same roster, and the ratio of largest mean differences (target: ours ≤ 1/10 of the S-shape's).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { preparePlacement, runPlacement, snakeAssignment, evaluateAssignment, syntheticRosterRows } = await import(
  join(root, "packages", "placement", "dist", "index.js")
);

const students = Number(process.argv[2] ?? 2000);
const classes = Number(process.argv[3] ?? 40);
const table = syntheticRosterRows({
  students,
  seed: "bench-2025",
  groups: Math.round(students / 50),
  apartPairs: Math.round(students / 70),
});
const { roster, params } = preparePlacement({ students: table, classCount: classes });
const groups = new Set(roster.students.map((s) => s.group).filter((g) => g !== "")).size;
const pairs = roster.students.reduce((n, s) => n + s.apart.length, 0) / 2;

// Three identical runs: the first includes JIT warm-up; all must give the same bytes.
const timings = [];
let run;
for (let i = 0; i < 3; i++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const next = runPlacement(roster, params, "03 11 25 31 40 + 07");
  timings.push({ wall: performance.now() - t0, cpu: process.cpuUsage(cpu0).user / 1000 });
  if (run && next.json !== run.json) throw new Error("placement is not deterministic");
  run = next;
}
const median = [...timings].sort((a, b) => a.wall - b.wall)[1];

const t1 = performance.now();
const snake = evaluateAssignment(roster, snakeAssignment(roster, params.capacities), params.capacities).report;
const snakeMs = performance.now() - t1;
// Unrounded figures for ours, from the same evaluation the baseline gets.
const classOf = new Map(run.result.classes.flatMap((c) => c.students.map((s) => [s.id, c.classNo - 1])));
const ours = evaluateAssignment(
  roster,
  Int32Array.from(roster.students, (s) => classOf.get(s.id)),
  params.capacities,
).report;

const pct = (x) => `${x.toFixed(3)}%`;
const worstPct = (rep) => Math.max(...rep.scores.map((s) => s.maxMeanDiffPercent));
const constraintsMet = (rep) => {
  const c = rep.constraints;
  return c.allPlacedOnce && c.capacitiesRespected && c.groupsTogether && c.apartRespected
    ? "yes"
    : `no (${c.splitGroups} groups split, ${c.apartViolations} keep-apart pairs together)`;
};
const rows = [
  ["time, first run", `${timings[0].wall.toFixed(0)} ms wall, ${timings[0].cpu.toFixed(0)} ms CPU`, "", "≤ 2 s"],
  [
    "time, median of 3",
    `${median.wall.toFixed(0)} ms wall, ${median.cpu.toFixed(0)} ms CPU`,
    `${snakeMs.toFixed(1)} ms`,
    "≤ 2 s",
  ],
  ...roster.scoreNames.map((name, i) => [
    `max mean diff ${name}`,
    `${ours.scores[i].maxMeanDiff.toFixed(3)} = ${pct(ours.scores[i].maxMeanDiffPercent)}`,
    `${snake.scores[i].maxMeanDiff.toFixed(3)} = ${pct(snake.scores[i].maxMeanDiffPercent)}`,
    "≤ 0.5% of range",
  ]),
  ...roster.scoreNames.map((name, i) => [
    `max SD diff ${name}`,
    ours.scores[i].maxSdDiff.toFixed(3),
    snake.scores[i].maxSdDiff.toFixed(3),
    "",
  ]),
  ["max gender-count diff", String(ours.maxGenderDiff), String(snake.maxGenderDiff), "≤ 1"],
  ...ours.tags.map((t, i) => [`max ${t.name} diff`, String(t.maxDiff), String(snake.tags[i].maxDiff), ""]),
  ["max class-size diff", String(ours.maxSizeDiff), String(snake.maxSizeDiff), ""],
  ["constraints met", constraintsMet(ours), constraintsMet(snake), "all"],
];
const ratio = worstPct(ours) / worstPct(snake);

const widths = [0, 1, 2, 3].map((c) =>
  Math.max(...[["", "ours", "S-shape", "target"], ...rows].map((r) => r[c].length)),
);
const line = (r) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ");
console.log(
  `placement bench: ${students} students (${groups} sibling groups, ${pairs} keep-apart pairs), ${classes} classes, ` +
    `capacity ${params.capacities[0]}, ${params.restarts} restarts, node ${process.version}`,
);
console.log(line(["", "ours", "S-shape", "target"]));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
console.log(
  `ratio of largest mean differences (ours / S-shape): ${ratio.toFixed(4)} (target ≤ 0.1) — ${ratio <= 0.1 ? "met" : "NOT met"}`,
);
console.log(`result hash ${run.resultHash} (identical in all 3 runs)`);
