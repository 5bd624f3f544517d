/**
 * Text normalisation: NFKC folds full-width forms (（１） → (1), ：→ :, ，→ ,) so every later
 * step matches one spelling. Length changes are rare (ligatures, ㎡ → m2); spans refer to the
 * normalised source, which the parser returns.
 */
export function normalizeLine(text: string): string {
  // Circled numbers (①②) mark sub-items; NFKC would turn them into task numbers.
  return text
    .replace(/[^\u2460-\u2473]+/g, (part) => part.normalize("NFKC"))
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/\t/g, " ")
    .replace(/[ \u00a0\u3000]+/g, " ")
    .trim();
}

/** Removes spaces between two CJK characters (typesetting gaps, PDF extraction artefacts). */
export function dropCjkSpaces(text: string): string {
  return text.replace(
    /([\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’、。]) +(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’、。])/g,
    "$1",
  );
}
