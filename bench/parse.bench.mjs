#!/usr/bin/env node
// Plan-parser speed and memory on the seed corpus (or any text file given as argument).
//   npm run build && node --expose-gc bench/parse.bench.mjs [FILE]
// Prints the median throughput of a full parse beside the floor: NFKC-normalising and
// line-splitting the same text in the same run, and the ratio between them.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Bench } from "tinybench";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const file = process.argv[2] ?? join(root, "..", "shared", "corpus", "seed-2024-7-plans.txt");
const { parsePlan } = await import(join(root, "packages", "plan-parser", "dist", "index.js"));

let text;
try {
  text = readFileSync(file, "utf8");
} catch {
  console.log(`bench: no input at ${file}; pass a plan text file`);
  process.exit(0);
}
const bytes = Buffer.byteLength(text);
const floor = () => text.normalize("NFKC").split(/\r\n|\r|\n/).map((l) => l.trim());

const bench = new Bench({ time: 3000, warmupTime: 500 });
bench.add("floor: NFKC + line split", floor).add("parsePlan (full parse)", () => parsePlan(text));
await bench.run();

const median = (task) => task.result.latency.p50;
const [floorTask, parseTask] = bench.tasks;
const mbps = (ms) => bytes / 1e6 / (ms / 1000);
console.log(`input: ${file} (${(bytes / 1024).toFixed(1)} KiB)`);
console.table(
  bench.tasks.map((t) => ({
    task: t.name,
    "median ms": median(t).toFixed(3),
    "p99 ms": t.result.latency.p99.toFixed(3),
    "MB/s (median)": mbps(median(t)).toFixed(1),
    samples: t.result.latency.samples?.length ?? t.result.samplesCount ?? "",
  })),
);
const ratio = median(parseTask) / median(floorTask);
console.log(`parse / floor time ratio: ${ratio.toFixed(2)}x (target <= 10x)`);
console.log(`parse throughput: ${mbps(median(parseTask)).toFixed(2)} MB/s (target >= 2 MB/s)`);

// Memory: with GC exposed, the heap growth over one parse with no collection in between is every
// byte the parse allocated, an upper bound of its peak.
if (typeof globalThis.gc === "function") {
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  let peak = 0;
  const doc = parsePlan(text);
  peak = process.memoryUsage().heapUsed - before;
  globalThis.gc();
  const retained = process.memoryUsage().heapUsed - before;
  console.log(
    `memory: allocated during one parse <= ${(peak / 1024).toFixed(0)} KiB (${(peak / bytes).toFixed(1)}x input, target <= 10x); retained result ${(retained / 1024).toFixed(0)} KiB; ${doc.plans.length} plans`,
  );
} else {
  console.log("memory: run with node --expose-gc to measure");
}
