/**
 * Text normalisation: NFKC folds full-width forms (（１） → (1), ：→ :, ，→ ,) so every later
 * step matches one spelling. Length changes are rare (ligatures, ㎡ → m2); spans refer to the
 * normalised source, which the parser returns. Each replacement runs only where its characters
 * occur: most lines need NFKC and a trim, nothing else.
 */
const CIRCLED = /[\u2460-\u2473]/;
const ZERO_WIDTH = /[\u200b-\u200d\ufeff]/g;
const HAS_ZERO_WIDTH = /[\u200b-\u200d\ufeff]/;
const SPACES = /[\t \u00a0\u3000]{2,}|[\t\u00a0\u3000]/g;

/** NFKC, except circled numbers (①②): they mark sub-items, and NFKC would turn them into task numbers. */
export function nfkc(text: string): string {
  return CIRCLED.test(text)
    ? text.replace(/[^\u2460-\u2473]+/g, (part) => part.normalize("NFKC"))
    : text.normalize("NFKC");
}

const CIRCLED_OR_ZERO_WIDTH = /[\u200b-\u200d\u2460-\u2473\ufeff]/;

/**
 * NFKC of a whole text, and whether it holds zero-width characters (so that its lines can skip looking for
 * them). NFKC neither makes nor drops zero-width characters, so one search of the input answers both.
 */
export function nfkcText(text: string): { normalized: string; zeroWidth: boolean } {
  if (!CIRCLED_OR_ZERO_WIDTH.test(text)) return { normalized: text.normalize("NFKC"), zeroWidth: false };
  return { normalized: nfkc(text), zeroWidth: HAS_ZERO_WIDTH.test(text) };
}

/**
 * The rest of a line's normalisation, on NFKC text: drops zero-width characters, turns tabs and space
 * runs into one space, trims. NFKC has already made no-break and ideographic spaces plain spaces.
 * `spaced` false says the text holds neither tab nor space.
 */
export function tidyLine(text: string, zeroWidth = true, spaced = true): string {
  if (!text) return text;
  let out = text;
  if (zeroWidth && HAS_ZERO_WIDTH.test(out)) out = out.replace(ZERO_WIDTH, "");
  if (spaced && (out.includes("\t") || out.includes("  "))) out = out.replace(SPACES, " ");
  return out.trim();
}

export const normalizeLine = (text: string): string => tidyLine(nfkc(text));

const CJK = "\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’、。";
const CJK_GAP = new RegExp(`([${CJK}]) +(?=[${CJK}])`, "g");

/** Removes spaces between two CJK characters (typesetting gaps, PDF extraction artefacts). */
export function dropCjkSpaces(text: string): string {
  return text.includes(" ") ? text.replace(CJK_GAP, "$1") : text;
}
