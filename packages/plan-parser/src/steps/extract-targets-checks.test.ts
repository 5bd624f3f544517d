import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  asStart,
  ceilingAfter,
  checkPatterns,
  floorAfter,
  ordinalOrOperatorAfter,
  ordinalOrOperatorBefore,
  suffixAt,
} from "./extract-targets.js";

const testAt = (re: RegExp, text: string, at: number) => {
  re.lastIndex = at;
  return re.test(text);
};

/** Texts of the characters the checks read, and others. */
const text = fc
  .array(fc.constantFrom(..."第前+×*:：/aZ届级内1 0以上内下左右及 　\t学校的超大班人、。，"), { maxLength: 12 })
  .map((a) => a.join(""));

describe("target checks read as their patterns", () => {
  it("each character check answers as the pattern it stands for, at every position", () => {
    const P = checkPatterns;
    fc.assert(
      fc.property(text, (t) => {
        for (let at = 0; at <= t.length; at++) {
          expect(ordinalOrOperatorBefore(t, at), `before ${at} ${t}`).toBe(testAt(P.ORDINAL_OR_OPERATOR_BEFORE, t, at));
          expect(ordinalOrOperatorAfter(t, at), `after ${at} ${t}`).toBe(
            testAt(P.ORDINAL_OPERATOR_OR_SPAN_AFTER, t, at),
          );
          expect(floorAfter(t, at), `floor ${at} ${t}`).toBe(testAt(P.FLOOR_AFTER, t, at));
          expect(ceilingAfter(t, at), `ceiling ${at} ${t}`).toBe(testAt(P.CEILING_AFTER, t, at));
          expect(suffixAt(t, at), `suffix ${at} ${t}`).toBe(testAt(P.SUFFIX, t, at));
        }
        expect(asStart(t), `as ${t}`).toBe(P.AS_START.test(t));
      }),
      { numRuns: 3000 },
    );
  });
});
