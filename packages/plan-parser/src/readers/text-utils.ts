/** Han ideographs, CJK and full-width punctuation: the characters Chinese text sets without spaces. */
const CJK =
  "\\u2e80-\\u2fff\\u3000-\\u303f\\u3040-\\u30ff\\u3100-\\u312f\\u3200-\\u33ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef\\u2018-\\u201f\\u2026\\u2014";
const SPACE_AFTER_CJK = new RegExp(`([${CJK}])[ \\t\\u00a0]+(?=\\S)`, "g");
const SPACE_BEFORE_CJK = new RegExp(`(\\S)[ \\t\\u00a0]+(?=[${CJK}])`, "g");

/**
 * Removes the spaces extraction (PDF text layers, HTML source line breaks) leaves next to
 * Chinese characters; spaces between Latin words and numbers stay.
 */
export function normalizeCjkSpaces(text: string): string {
  return text.replace(SPACE_AFTER_CJK, "$1").replace(SPACE_BEFORE_CJK, "$1");
}

/** Collapses runs of white space (including no-break space) to one space and trims. */
export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, " ").trim();
}

/** A table cell as one line of text: the source text joins cells by tab and blocks by newline. */
export function cellText(text: string): string {
  return normalizeCjkSpaces(collapseSpaces(text));
}
