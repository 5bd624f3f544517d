import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anchorsOf, anchorWords } from "./deadline-anchors.js";
import { deadlineRules } from "./extract-deadlines.js";

/** Characters the deadline rules read, and every character of the anchor words they declare. */
const alphabet = [
  ...new Set([
    ..."0123456789",
    ...anchorWords()
      .map((w) => w.word.replace("#", ""))
      .join(""),
    ..."月年底末内今季度半秋贯穿全前之以完成份上下学期开至到-、和及与日号第一二三四力争取计划预计 ,.",
  ]),
];
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((cs) => cs.join(""));

describe("deadline anchors", () => {
  it("each rule declares an anchor word its every match holds (so skipping texts without it loses nothing)", () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const { re, needs } of deadlineRules()) {
          const global = new RegExp(re.source, "g");
          for (const m of t.matchAll(global)) expect(anchorsOf(m[0]) & needs, `${re} on ${m[0]}`).not.toBe(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("finds every declared word, also inside another (4年底, 2020年)", () => {
    const bit = (word: string) => anchorWords().find((w) => w.word === word)!.bit;
    expect(anchorsOf("4年底")).toBe(bit("#年") | bit("年底"));
    expect(anchorsOf("2020年")).toBe(bit("20") | bit("#年"));
    expect(anchorsOf("贯穿全年")).toBe(bit("贯穿全年"));
    expect(anchorsOf("常态化推进")).toBe(0);
  });
});
