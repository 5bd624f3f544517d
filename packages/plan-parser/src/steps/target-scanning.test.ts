import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anchorsOf } from "./deadline-anchors.js";
// The deadline rules declare the anchor words the scan derives its tables from.
import "./extract-deadlines.js";
import { quoted, quoteMarks } from "./target-context.js";
import { scanText } from "./target-starts.js";

const CN_CORE = "零〇一二两三四五六七八九十百千";
/** The patterns the character loops replace, as the reference. */
const STARTS_RE = new RegExp(
  `(?<![\\d.])\\d|[${CN_CORE}]+(?=(?:[至到\\-—–~][${CN_CORE}]+)?[万千]?[所个次项名人家场套支节篇])`,
  "g",
);
function quotedByRegex(text: string, index: number, end: number, chinese: boolean): boolean {
  const before = text.slice(Math.max(0, index - 200), index);
  if (before.lastIndexOf("《") > before.lastIndexOf("》")) return true;
  const open = Math.max(before.lastIndexOf("“"), before.lastIndexOf('"'));
  const close = before.lastIndexOf("”");
  if (open > close && open >= 0)
    return chinese || !(open === before.length - 1 && /^[”"]/.test(text.slice(end, end + 1)));
  return false;
}

const alphabet = [...'0123456789.,一二两三十百千万个所人次至到-~“”"《》学校提升达到%，。 贯穿全年月底末内今季度半秋'];
// (The reference units above are the definition; target-units' CN_UNIT_LIST must start with the same.)
const planText = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((cs) => cs.join(""));

describe("target candidate scanning", () => {
  it("finds the starts the reference pattern finds, the marks and the deadline anchors in one pass", () => {
    fc.assert(
      fc.property(planText, (text) => {
        const starts = [...text.matchAll(STARTS_RE)].flatMap((m) => [m.index, m.index + m[0].length]);
        expect(scanText(text)).toEqual({ starts, marks: quoteMarks(text), anchors: anchorsOf(text) });
      }),
      { numRuns: 3000 },
    );
  });
  it("reads quotes and titles as the reference does", () => {
    fc.assert(
      fc.property(planText, fc.nat(60), fc.nat(3), fc.boolean(), (text, at, len, chinese) => {
        const index = Math.min(at, text.length);
        const end = Math.min(index + len, text.length);
        expect(quoted(text, index, end, chinese)).toBe(quotedByRegex(text, index, end, chinese));
      }),
      { numRuns: 2000 },
    );
  });
});
