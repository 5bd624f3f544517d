import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type LaidOut, textToBlocks, textToLines, toLines } from "./lines.js";

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

/** The lines and the source (the pieces a source was laid out in differ by the way it was read). */
const laidOut = ({ lines, source }: LaidOut) => ({ lines, source });

describe("textToLines", () => {
  it("lays out plain text as line-by-line normalisation does", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join("");
        expect(laidOut(textToLines(text))).toEqual(laidOut(toLines(textToBlocks(text))));
      }),
      { numRuns: 3000 },
    );
  });
  it("cuts long text into pieces without moving a line", () => {
    const line = "（１）完成时限：２０２４年６月\t①责任单位：\u200b教研室\r\n";
    const text = `${line.repeat(8000)}\n\r最后一行`;
    expect(text.length).toBeGreaterThan(3 * 65536);
    const pieces = textToLines(text);
    expect(laidOut(pieces)).toEqual(laidOut(toLines(textToBlocks(text))));
    // A view across a cut reads as the source does.
    const cut = pieces.lines.findIndex((l, i) => i > 0 && l.start > 65536) - 1;
    const { start } = pieces.lines[cut - 1]!;
    const { end } = pieces.lines[cut + 1]!;
    expect(pieces.pieces.slice(start, end)).toBe(pieces.source.slice(start, end));
    expect(pieces.pieces.slice(start, pieces.lines[cut + 1]!.start)).toBe(
      pieces.source.slice(start, pieces.lines[cut + 1]!.start),
    );
  });
});
