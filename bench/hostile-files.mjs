#!/usr/bin/env node
import { parseDocument } from "../packages/plan-parser/src/index.ts";
// Time to parse (or refuse) one generated hostile file, in this thread, with the default limits or
// raised ones. Compare a case before and after a change in the same session (the machine is shared).
//   node --import tsx bench/hostile-files.mjs KIND SIZE [unlimited]
//   KIND: pdf (pages) | xlsx (rows) | html (nested divs) | tables (nested tables) | text (MB) | para (docx paragraphs) | plan (tasks)
// "unlimited" raises every limit, to time the parse itself (e.g. xlsx 50000 unlimited).
import * as h from "../packages/plan-parser/src/test-support/hostile-files.ts";

const [kind, size, unlimited] = [process.argv[2], Number(process.argv[3]), process.argv[4] === "unlimited"];
const nested = (n) =>
  `<html><body>${"<table><tr><td>".repeat(n)}一、总体要求${"</td></tr></table>".repeat(n)}</body></html>`;
const make = {
  pdf: () => [h.pdfOf(size), "a.pdf"],
  xlsx: () => [h.xlsxOf(size), "a.xlsx"],
  html: () => [h.deepHtml(size), "a.html"],
  tables: () => [new TextEncoder().encode(nested(size)), "a.html"],
  text: () => [h.hugeText(size), "a.txt"],
  para: () => [h.paragraphBombDocx(size), "a.docx"],
  plan: () => [new TextEncoder().encode(h.planText(size)), "a.txt"],
}[kind];
if (!make || !size) {
  console.log("usage: node --import tsx bench/hostile-files.mjs pdf|xlsx|html|tables|text|para|plan SIZE [unlimited]");
  process.exit(1);
}
const big = 1e12;
const limits = unlimited
  ? {
      maxPages: big,
      maxSheets: big,
      maxRows: big,
      maxParagraphs: big,
      maxTextChars: big,
      maxUnzippedBytes: 2 ** 31,
      maxZipRatio: big,
      maxDepth: big,
    }
  : {};
const [bytes, filename] = make();
const started = performance.now();
let outcome;
try {
  const doc = await parseDocument(bytes, { filename, limits });
  outcome = `ok, ${doc.plans.reduce((n, p) => n + p.tasks.length, 0)} tasks`;
} catch (e) {
  outcome = e.code ?? e.message;
}
const seconds = (performance.now() - started) / 1000;
console.log(`${kind} ${size}: ${bytes.length} bytes, ${outcome}, ${seconds.toFixed(2)} s`);
