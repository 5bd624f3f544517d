#!/usr/bin/env node
// CI gate: parses the seed corpus with the built CLI and fails when any metric is under its threshold.
//   node scripts/corpus-gate.mjs [CORPUS_DIR]   (default ../shared/corpus beside the repo)
// Also scores the project's own genre fixtures (packages/plan-parser/fixtures/genre), one per layout, with the
// same scorer and thresholds; where the corpus (and its scorer) is absent, as on a fresh CI machine, with the
// plan-parser's own port of it (src/eval/score.ts), so that the fixtures are gated either way.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = resolve(process.argv[2] ?? join(root, "..", "shared", "corpus"));
const cli = join(root, "packages", "cli", "dist", "index.js");
const THRESHOLDS = {
  plans: 1.0,
  tasks: 0.99,
  path_accuracy: 0.97,
  units_exact_accuracy: 0.98,
  deadlines: 0.95,
  targets: 0.9,
  target_op_accuracy: 0.98,
};

const tmp = mkdtempSync(join(tmpdir(), "luoshi-corpus-"));
let failed = false;

/** Parses a document with the built CLI into a JSON file; returns its path and the time taken. */
function parse(doc) {
  const out = join(tmp, `${basename(doc)}.json`);
  const started = process.hrtime.bigint();
  writeFileSync(out, execFileSync(process.execPath, [cli, "parse", doc, "--format", "json"], { maxBuffer: 64 << 20 }));
  return { out, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function check(report, label, ms) {
  console.log(`\n${label} (${ms.toFixed(0)} ms including process start)`);
  for (const [metric, min] of Object.entries(THRESHOLDS)) {
    const v = report[metric];
    const value = typeof v === "number" ? v : v.f1;
    const ok = value + 1e-9 >= min;
    if (!ok) failed = true;
    console.log(
      `  ${ok ? "ok  " : "FAIL"} ${metric.padEnd(22)} ${(100 * value).toFixed(1).padStart(5)}%  (min ${(100 * min).toFixed(0)}%)`,
    );
  }
}

/** Scores with the corpus's score.mjs where it is there, else with the plan-parser's port of it. */
async function score(scorer, gold, doc, label) {
  const { out, ms } = parse(doc);
  if (scorer) {
    check(JSON.parse(execFileSync(process.execPath, [scorer, gold, out, "--json"], { encoding: "utf8" })), label, ms);
    return;
  }
  const { scoreDocument } = await import(pathToFileURL(join(root, "packages", "plan-parser", "dist", "index.js")).href);
  check(scoreDocument(JSON.parse(readFileSync(gold, "utf8")), JSON.parse(readFileSync(out, "utf8"))), label, ms);
}

if (!existsSync(cli)) {
  console.error(`corpus gate: ${cli} is missing; run npm run build first`);
  process.exit(1);
}
const corpusScorer = join(corpus, "score.mjs");
const hasCorpus = existsSync(join(corpus, "seed-gold.json")) && existsSync(corpusScorer);
const scorer = hasCorpus ? corpusScorer : null;
if (hasCorpus)
  await score(scorer, join(corpus, "seed-gold.json"), join(corpus, "seed-2024-7-plans.txt"), "seed corpus");
else console.log(`corpus gate: no corpus at ${corpus}; scoring the genre fixtures with the plan-parser's scorer`);
const fixtures = join(root, "packages", "plan-parser", "fixtures", "genre");
if (existsSync(fixtures))
  for (const f of readdirSync(fixtures)
    .filter((n) => /\.(txt|html|docx|pdf|xlsx)$/.test(n))
    .sort()) {
    const gold = join(fixtures, f.replace(/\.[^.]+$/, ".json"));
    if (existsSync(gold)) await score(scorer, gold, join(fixtures, f), `fixture ${f}`);
  }
if (failed) {
  console.error("\ncorpus gate: FAILED (a metric is below its threshold)");
  process.exit(1);
}
console.log("\ncorpus gate: passed");
