import type { Letterhead } from "@luoshi/contract";

/**
 * The bureau's letterhead (红头) as the documents use it, and its 发文字号 patterns.
 * Pure: no SQL, no HTTP.
 */
/** 发文机关全称 and 简称, the red 发文机关标志, the 发文字号 patterns, 署名 and contact line. */
export type { Letterhead } from "@luoshi/contract";

export type DocumentKind = "notice" | "bulletin";

/** What a region without a saved profile uses: its own name everywhere, generic numbers. */
export function defaultLetterhead(regionName: string): Letterhead {
  const name = regionName || "教育局";
  return {
    fullName: name,
    shortName: name,
    mark: `${name}文件`,
    noticeNumberPattern: "督办〔{year}〕{n}号",
    bulletinNumberPattern: "通报〔{year}〕{n}号",
    signature: name,
    contactLine: "",
    ccLine: "",
    printingOffice: "",
  };
}

/** The 版记 of a document issued on `date` (a Chinese date): 抄送, 印发机关 (else the 发文机关全称) and 印发日期. */
export const colophonOf = (letterhead: Letterhead, date: string) => ({
  cc: letterhead.ccLine ?? "",
  printer: letterhead.printingOffice || letterhead.fullName,
  printedOn: date,
});

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * Whether a pattern makes a 发文字号 GB/T 9704 §7.2.5 accepts: it names {year} and {n} once each,
 * the year sits in 六角括号 〔〕, and nothing else is in braces.
 */
export function patternProblem(pattern: string): string | null {
  const names = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]);
  if (names.some((n) => n !== "year" && n !== "n")) return "只能使用 {year} 和 {n} 两个占位符";
  if (names.filter((n) => n === "year").length !== 1 || names.filter((n) => n === "n").length !== 1)
    return "须各含一次 {year}（年份）和 {n}（序号）";
  if (/[{}]/.test(pattern.replace(PLACEHOLDER, ""))) return "花括号不成对";
  if (!pattern.includes("〔{year}〕")) return "年份须写在六角括号中，如〔{year}〕";
  if (/第\s*\{n\}/.test(pattern)) return "序号前不加“第”";
  return null;
}

/** 青教体督〔{year}〕{n}号 with 2026 and 7 → 青教体督〔2026〕7号 (no leading zeros, no 第). */
export const formatDocNumber = (pattern: string, year: number, n: number) =>
  pattern.replace("{year}", String(year)).replace("{n}", String(n));

export const numberPattern = (letterhead: Letterhead, kind: DocumentKind) =>
  kind === "notice" ? letterhead.noticeNumberPattern : letterhead.bulletinNumberPattern;
