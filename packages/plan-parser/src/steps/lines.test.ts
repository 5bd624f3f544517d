import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textToBlocks, textToLines, toLines } from "./lines.js";

/** Characters NFKC changes or composes, breaks, tabs, spaces, zero-width and circled numbers. */
const alphabet = [
  ..."a1 \t\n\r一（１）：，。",
  "\u00a0",
  "\u3000",
  "\u200b",
  "\ufeff",
  "\u2460",
  "\u2473",
  "\u0301",
  "\u0308",
  "e",
  "\u1100",
  "\u1161",
  "\u3131",
  "\ufb01",
  "\u33a1",
  "\u2026",
  "\uf900",
];

describe("textToLines", () => {
  it("lays out plain text as line-by-line normalisation does", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join("");
        expect(textToLines(text)).toEqual(toLines(textToBlocks(text)));
      }),
      { numRuns: 3000 },
    );
  });
  it("cuts long text into pieces without moving a line", () => {
    const line = "（１）完成时限：２０２４年６月\t①责任单位：\u200b教研室\r\n";
    const text = `${line.repeat(8000)}\n\r最后一行`;
    expect(text.length).toBeGreaterThan(3 * 65536);
    expect(textToLines(text)).toEqual(toLines(textToBlocks(text)));
  });
});
