import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anchorsOf } from "./deadline-anchors.js";
// The deadline rules declare the anchor words the scan derives its tables from.
import "./extract-deadlines.js";
import { quoted, quoteMarks } from "./target-context.js";
import { TARGET_FORMS } from "./target-forms.js";
import { scanText } from "./target-starts.js";

/** The forms' start patterns, as the reference: each form's matches, all forms' merged by position, then form. */
function startsByPatterns(text: string): number[] {
  const found: Array<[number, number, number]> = [];
  TARGET_FORMS.forEach((form, k) => {
    for (const m of text.matchAll(new RegExp(form.start.source, "g"))) found.push([m.index, m.index + m[0].length, k]);
  });
  return found.sort((a, b) => a[0] - b[0] || a[2] - b[2]).flat();
}
function quotedByRegex(text: string, index: number, end: number, chinese: boolean): boolean {
  const before = text.slice(Math.max(0, index - 200), index);
  if (before.lastIndexOf("《") > before.lastIndexOf("》")) return true;
  const open = Math.max(before.lastIndexOf("“"), before.lastIndexOf('"'));
  const close = before.lastIndexOf("”");
  if (open > close && open >= 0)
    return chinese || !(open === before.length - 1 && /^[”"]/.test(text.slice(end, end + 1)));
  return false;
}

const alphabet = [
  ...'0123456789.,一二两三十百千万壹拾个所人次至到-~“”"《》学校提升达到%，。 贯穿全年月底末内今季度半秋春分之',
];
const planText = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((cs) => cs.join(""));

describe("target candidate scanning", () => {
  it("finds the starts the reference pattern finds, the marks and the deadline anchors in one pass", () => {
    fc.assert(
      fc.property(planText, (text) => {
        expect(scanText(text)).toEqual({
          starts: startsByPatterns(text),
          marks: quoteMarks(text),
          anchors: anchorsOf(text),
        });
      }),
      { numRuns: 3000 },
    );
  });
  it("each target form declares the start its every candidate it can keep holds (so the scan skipping the rest loses none)", () => {
    fc.assert(
      fc.property(planText, (text) => {
        for (const form of TARGET_FORMS)
          for (let i = 0; i < text.length; i++) {
            form.candidate.lastIndex = i;
            const m = form.candidate.exec(text);
            if (!m || (form.units && !form.units.has(form.parts(m).unit))) continue;
            form.start.lastIndex = i;
            expect(form.start.test(text), `${form.name} at ${i} of ${text}`).toBe(true);
          }
      }),
      { numRuns: 2000 },
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
