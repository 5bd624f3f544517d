/**
 * Anchors: what a deadline rule cannot match without (a digit before 月, 年底, 季度…). Each rule declares its
 * own anchor words where it is defined (extract-deadlines), with `anchorBits`; the one-pass scanner
 * (target-starts) and the definition below (`anchorsOf`) are both derived from the words declared, so that a
 * new deadline phrase is one change: its rule and its anchor, side by side.
 *
 * An anchor word is literal text, where "#" stands for any ASCII digit: "#月", "年底", "贯穿全年", "20".
 */
export interface AnchorWord {
  word: string;
  bit: number;
}

const words: AnchorWord[] = [];

/** The bit of one anchor word, registering it on first use (at most 31 words). */
function bitOf(word: string): number {
  const known = words.find((w) => w.word === word);
  if (known) return known.bit;
  if (words.length >= 31) throw new Error("deadline anchors: more than 31 anchor words");
  if (!/^(?:#[^#\d]|\d{2}|[^#\d][^#\d]+)$/.test(word))
    throw new Error(`deadline anchors: "${word}" is neither "#" and a character, two digits, nor a word`);
  const bit = 1 << words.length;
  words.push({ word, bit });
  version++;
  return bit;
}

/** The bits a rule needs one of: the union of its anchor words' bits. */
export function anchorBits(...anchorWords: string[]): number {
  let bits = 0;
  for (const w of anchorWords) bits |= bitOf(w);
  return bits;
}

/** Every anchor word declared so far. */
export const anchorWords = (): readonly AnchorWord[] => words;

/** Moves on with every word declared, so that derived tables know when to rebuild. */
let version = 0;
export const anchorVersion = (): number => version;

const patterns = new Map<string, RegExp>();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The definition: the bits of every declared anchor word found in the text. */
export function anchorsOf(text: string): number {
  let bits = 0;
  for (const { word, bit } of words) {
    let re = patterns.get(word);
    if (!re) {
      re = new RegExp(escapeRegExp(word).replace("#", "\\d"));
      patterns.set(word, re);
    }
    if (re.test(text)) bits |= bit;
  }
  return bits;
}
