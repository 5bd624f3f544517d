/**
 * Official-document (GB/T 9704—2012) settings for the Word ledger. A wide table goes on
 * landscape A4 pages, so the portrait margins turn with the page: the binding edge (订口) is at the top.
 */
export interface DocxFonts {
  /** 标题: 方正小标宋简体 is not a Windows font; Word substitutes by the fallback below when it is missing. */
  title: string;
  body: string;
  heading: string;
  /** Digits and Latin text. */
  latin: string;
}

export const DEFAULT_FONTS: DocxFonts = {
  title: "方正小标宋简体",
  body: "仿宋_GB2312",
  heading: "黑体",
  latin: "Times New Roman",
};

/** Installed-everywhere substitutes written into the font table (w:altName). */
export const FONT_FALLBACKS: Record<string, string> = {
  方正小标宋简体: "宋体",
  仿宋_GB2312: "仿宋",
  楷体_GB2312: "楷体",
  黑体: "SimHei",
  宋体: "SimSun",
};

const mm = (x: number) => Math.round((x * 1440) / 25.4);

/** A4 in twips, given portrait; the docx library swaps them for landscape. */
export const A4 = { width: mm(210), height: mm(297) };
export const LANDSCAPE_MARGINS = { top: mm(28), bottom: mm(26), left: mm(37), right: mm(35), footer: mm(20) };
export const TABLE_WIDTH = A4.height - LANDSCAPE_MARGINS.left - LANDSCAPE_MARGINS.right;
/** Shares of the table width, in LEDGER_COLUMNS order; they sum to 100. */
export const COLUMN_SHARES = [5, 12, 13, 30, 9, 11, 9, 11];

/** Sizes in half-points: 二号 22 pt title, 三号 16 pt body, 五号 10.5 pt table, 四号 14 pt page number. */
export const SIZE = { title: 44, body: 32, table: 21, pageNumber: 28 };
