#!/usr/bin/env node
// Plan-parser A/B on a busy machine: the current build against a saved one, in the same process.
//   npx tsc -b packages/plan-parser && node bench/parse-ab.mjs save     # before the change: keep its build
//   npx tsc -b packages/plan-parser && node bench/parse-ab.mjs [FILE]   # after it: compare (default: the seed)
// First checks that both builds give the same output (JSON) on the file, on every genre fixture and on the
// file joined into one line of about 2 MB; then times them in paired rounds (CPU time, alternating which
// runs first) and prints the quantiles of new/saved per round, beside the NFKC + line-split floor.
import { cpSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const current = join(root, "packages", "plan-parser", "dist");
// Under node_modules: ignored by git, and the build's own imports (iconv-lite…) resolve from there.
const saved = join(root, "node_modules", ".cache", "parse-ab-saved");

if (process.argv[2] === "save") {
  rmSync(saved, { recursive: true, force: true });
  cpSync(current, saved, { recursive: true });
  console.log(`parse-ab: saved ${current} as the baseline`);
  process.exit(0);
}
const file = process.argv[2] ?? join(root, "..", "shared", "corpus", "seed-2024-7-plans.txt");
const base = (await import(join(saved, "index.js")).catch(() => null))?.parsePlan;
if (!base) {
  console.log("parse-ab: no saved build; run `node bench/parse-ab.mjs save` on the baseline first");
  process.exit(0);
}
const next = (await import(join(current, "index.js"))).parsePlan;
const text = readFileSync(file, "utf8");

const genre = join(root, "packages", "plan-parser", "fixtures", "genre");
const inputs = [
  [file, text],
  ["(one line)", text.repeat(Math.ceil(2e6 / Buffer.byteLength(text))).replace(/\s*\n\s*/g, " ")],
  ...readdirSync(genre)
    .filter((f) => f.endsWith(".txt"))
    .map((f) => [f, readFileSync(join(genre, f), "utf8")]),
];
const differing = inputs.filter(([, t]) => JSON.stringify(base(t)) !== JSON.stringify(next(t))).map(([name]) => name);
console.log(
  differing.length ? `outputs DIFFER on: ${differing.join(", ")}` : `outputs identical on ${inputs.length} inputs`,
);

const floor = (t) =>
  t
    .normalize("NFKC")
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim());
const cpuPerRun = (f, reps) => {
  const start = process.cpuUsage();
  for (let i = 0; i < reps; i++) f(text);
  const d = process.cpuUsage(start);
  return (d.user + d.system) / reps;
};
for (let i = 0; i < 30; i++) for (const f of [base, next, floor]) f(text);
const rounds = 60;
const reps = 5;
const times = { base: [], next: [], floor: [], ratio: [] };
for (let r = 0; r < rounds; r++) {
  // Which build runs first alternates, so that neither always runs on a warmer or a quieter machine.
  let tb;
  let tn;
  if (r % 2) {
    tn = cpuPerRun(next, reps);
    tb = cpuPerRun(base, reps);
  } else {
    tb = cpuPerRun(base, reps);
    tn = cpuPerRun(next, reps);
  }
  times.base.push(tb);
  times.next.push(tn);
  times.floor.push(cpuPerRun(floor, reps));
  times.ratio.push(tn / tb);
}
const q = (xs, p) => [...xs].sort((x, y) => x - y)[Math.floor(p * (xs.length - 1))];
console.log(
  `input: ${file}; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(" ")}`,
);
console.table(
  ["base", "next", "floor"].map((k) => ({
    build: k === "base" ? "saved" : k === "next" ? "current" : "floor: NFKC + line split",
    "p25 µs": q(times[k], 0.25).toFixed(0),
    "median µs": q(times[k], 0.5).toFixed(0),
    "median / floor": (q(times[k], 0.5) / q(times.floor, 0.5)).toFixed(2),
  })),
);
const ratio = (p) => q(times.ratio, p).toFixed(3);
console.log(`current / saved per round: p25 ${ratio(0.25)}, median ${ratio(0.5)}, p75 ${ratio(0.75)}`);
