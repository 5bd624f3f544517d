import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as anchor from "./deadline-anchors.js";

/** Each anchor's definition, tested one by one. */
const DEFINITIONS: Array<[number, RegExp]> = [
  [anchor.THROUGHOUT, /贯穿全年/],
  [anchor.MONTH, /\d月/],
  [anchor.YEAR_DIGITS, /20/],
  [anchor.YEAR_END, /年[底末]/],
  [anchor.THIS_YEAR, /年内|今年/],
  [anchor.PRINTED_YEAR, /\d年/],
  [anchor.QUARTER, /季度/],
  [anchor.HALF_YEAR, /半年/],
  [anchor.AUTUMN, /秋季/],
];

describe("anchorsOf", () => {
  it("finds every anchor, also inside another (4年底, 2020年)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(..."0124贯穿全年月底末内今季度半秋上下 ,"), { maxLength: 30 }), (chars) => {
        const text = chars.join("");
        const expected = DEFINITIONS.reduce((bits, [bit, re]) => (re.test(text) ? bits | bit : bits), 0);
        expect(anchor.anchorsOf(text)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
