/**
 * Text normalisation: NFKC folds full-width forms (（１） → (1), ：→ :, ，→ ,) so every later
 * step matches one spelling. Length changes are rare (ligatures, ㎡ → m2); spans refer to the
 * normalised source, which the parser returns. Each replacement runs only where its characters
 * occur: most lines need NFKC and a trim, nothing else.
 */
const CIRCLED = /[\u2460-\u2473]/;
const ZERO_WIDTH = /[\u200b-\u200d\ufeff]/g;
const SPACES = /[\t \u00a0\u3000]{2,}|[\t\u00a0\u3000]/g;

export function normalizeLine(text: string): string {
  // Circled numbers (①②) mark sub-items; NFKC would turn them into task numbers.
  let out = CIRCLED.test(text)
    ? text.replace(/[^\u2460-\u2473]+/g, (part) => part.normalize("NFKC"))
    : text.normalize("NFKC");
  if (out.includes("\u200b") || out.includes("\u200c") || out.includes("\u200d") || out.includes("\ufeff"))
    out = out.replace(ZERO_WIDTH, "");
  out = out.replace(SPACES, " ");
  return out.trim();
}

const CJK = "\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’、。";
const CJK_GAP = new RegExp(`([${CJK}]) +(?=[${CJK}])`, "g");

/** Removes spaces between two CJK characters (typesetting gaps, PDF extraction artefacts). */
export function dropCjkSpaces(text: string): string {
  return text.includes(" ") ? text.replace(CJK_GAP, "$1") : text;
}
