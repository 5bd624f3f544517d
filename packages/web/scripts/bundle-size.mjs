#!/usr/bin/env node
// Prints the gzip size of every JS chunk in dist/assets and of the initial chunk graph
// (the entry and its static imports, as index.html loads them); fails over budget.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_KB = Number(process.env.LUOSHI_WEB_BUDGET_KB ?? 400);
const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const assets = join(dist, "assets");
const kb = (n) => (n / 1024).toFixed(1);

const sizes = new Map();
for (const name of readdirSync(assets).filter((f) => f.endsWith(".js"))) {
  const bytes = readFileSync(join(assets, name));
  sizes.set(name, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, text: bytes.toString("utf8") });
}

const html = readFileSync(join(dist, "index.html"), "utf8");
const entries = [...html.matchAll(/<script[^>]+src="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);

// Follow static imports only: `import ... from "./x.js"` and bare `import "./x.js"`, not import().
const initial = new Set();
const visit = (name) => {
  if (initial.has(name) || !sizes.has(name)) return;
  initial.add(name);
  const text = sizes.get(name).text;
  for (const m of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g))
    visit(basename(m[1]));
};
for (const e of [...entries, ...preloads]) visit(e);

const rows = [...sizes].sort((a, b) => b[1].gzip - a[1].gzip);
console.log("chunk".padEnd(48), "raw KB".padStart(9), "gzip KB".padStart(9), " initial");
for (const [name, s] of rows) {
  console.log(name.padEnd(48), kb(s.raw).padStart(9), kb(s.gzip).padStart(9), initial.has(name) ? "  *" : "");
}
const total = [...initial].reduce((sum, n) => sum + sizes.get(n).gzip, 0);
const all = rows.reduce((sum, [, s]) => sum + s.gzip, 0);
console.log(`\ninitial JS (entry chunk graph): ${kb(total)} KB gzip of ${kb(all)} KB total; budget ${BUDGET_KB} KB`);
// Stylesheets index.html links block the first render too; printed beside the JS, not budgeted.
const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/assets\/([^"]+\.css)"/g)].map((m) => m[1]);
const css = styles.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0);
console.log(`render-blocking CSS: ${kb(css)} KB gzip (${styles.join(", ") || "none"})`);
if (total > BUDGET_KB * 1024) {
  console.error(`over budget by ${kb(total - BUDGET_KB * 1024)} KB`);
  process.exit(1);
}
