import type { PersonalKind } from "./personal-data.js";

/**
 * Masking of personal values for answers and exports. Pure functions: the same value always masks
 * the same way, so a masked list can be compared with a masked notice.
 */

const STAR = "*";
const stars = (n: number) => STAR.repeat(Math.max(0, n));
const chars = (value: string) => Array.from(value.normalize("NFC"));

/** Keeps `head` leading and `tail` trailing characters, one star for each character between. */
function keepEnds(value: string, head: number, tail: number): string {
  const c = chars(value);
  if (c.length <= head + tail) return stars(c.length);
  return c.slice(0, head).join("") + stars(c.length - head - tail) + c.slice(c.length - tail).join("");
}

/**
 * An identity number (身份证号) or any student number: 18-digit 身份证号 as 4301**********1234
 * (region prefix and last four kept); shorter numbers keep less, so a six-character 学号 shows
 * its first and last character only.
 */
export function maskIdNumber(value: string): string {
  const n = chars(value.trim()).length;
  if (n >= 12) return keepEnds(value.trim(), 4, 4);
  if (n >= 7) return keepEnds(value.trim(), 2, 2);
  if (n >= 3) return keepEnds(value.trim(), 1, 1);
  return stars(n);
}

/** A person's name as 张*明: the family name and the last character kept; two characters as 张*. */
export function maskName(value: string): string {
  const c = chars(value.trim());
  if (c.length <= 1) return stars(c.length);
  if (c.length === 2) return `${c[0]}${STAR}`;
  return keepEnds(value.trim(), 1, 1);
}

/** A phone number as 138****5678; a landline keeps its last four digits only. */
export function maskPhone(value: string): string {
  const digits = value.replace(/[\s-]/g, "");
  if (/^1\d{10}$/.test(digits)) return keepEnds(digits, 3, 4);
  return digits.length > 4 ? keepEnds(digits, 0, 4) : stars(digits.length);
}

/** What is shown instead of a withheld value (health, family, scores): nothing of it. */
export const WITHHELD = "***";

/**
 * Any personal value by its kind (personal-data.ts PersonalKind): an identity number, a name or a
 * phone masked as above; health, family and scores withheld entirely.
 */
export function maskPersonal(kind: PersonalKind, value: string): string {
  if (kind === "phone") return maskPhone(value);
  if (kind === "name") return maskName(value);
  if (kind === "id_number") return maskIdNumber(value);
  return WITHHELD;
}
