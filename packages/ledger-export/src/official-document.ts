import {
  AlignmentType,
  BorderStyle,
  type IParagraphOptions,
  type IRunOptions,
  LineRuleType,
  PageNumber,
  PageOrientation,
} from "docx";
import JSZip from "jszip";

/**
 * Official-document (GB/T 9704—2012) primitives shared by every Word output: A4 page setup with the
 * standard margins, the official fonts with their fallbacks, sizes, paragraph builders, the "— N —"
 * page-number footer and the font-table post-processing.
 *
 * Everything here is plain option data, never a docx object: each workspace installs its own copy of
 * docx, and its serializer recognises elements by instanceof, so a Paragraph made with this package's
 * copy would not serialize inside another package's Document. Callers write `new Paragraph(bodyParagraph(...))`.
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

/** Page numbers are set in 4号宋体. */
export const PAGE_NUMBER_FONT = "宋体";

/** Installed-everywhere substitutes written into the font table (w:altName). */
export const FONT_FALLBACKS: Record<string, string> = {
  方正小标宋简体: "宋体",
  仿宋_GB2312: "仿宋",
  楷体_GB2312: "楷体",
  黑体: "SimHei",
  宋体: "SimSun",
};

/** Millimetres to twips, rounded to the nearest (docx's own converter floors). */
export const mm = (x: number) => Math.round((x * 1440) / 25.4);

/** A4 in twips, given portrait; the docx library swaps them for landscape. */
export const A4 = { width: mm(210), height: mm(297) };

export interface PageMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
  footer: number;
}

/** Portrait: 天头 37 mm, 订口 28 mm, text block 156 × 225 mm; the footer at 28 mm. */
export const PORTRAIT_MARGINS: PageMargins = {
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
  footer: mm(28),
};
/** A wide table goes on landscape A4, so the portrait margins turn with the page: the binding edge (订口) is at the top. */
export const LANDSCAPE_MARGINS: PageMargins = {
  top: mm(28),
  bottom: mm(26),
  left: mm(37),
  right: mm(35),
  footer: mm(20),
};

/** Section page properties for portrait A4; a caller with its own exact twips passes them as `margin`. */
export const portraitPage = (margin: PageMargins = PORTRAIT_MARGINS) => ({
  size: { width: A4.width, height: A4.height },
  margin,
});

export const landscapePage = (margin: PageMargins = LANDSCAPE_MARGINS) => ({
  size: { ...A4, orientation: PageOrientation.LANDSCAPE },
  margin,
});

/** Text width between the side margins, in twips; landscape pages are A4.height wide. */
export const textWidth = (margin: PageMargins = PORTRAIT_MARGINS, pageWidth = A4.width) =>
  pageWidth - margin.left - margin.right;

/** Sizes in half-points: 二号 22 pt title, 三号 16 pt body, 四号 14 pt page number and 版记, 五号 10.5 pt table. */
export const SIZE = { title: 44, body: 32, pageNumber: 28, table: 21, colophon: 28 };

/** Fixed 28.95 pt line pitch (22 lines per page), in twips. */
export const LINE_PITCH = 579;
export const EXACT_LINE = { line: LINE_PITCH, lineRule: LineRuleType.EXACT };
/** Two characters of 三号 type (16 pt), in twips: the body's first-line indent. */
export const INDENT_2_CHARS = 640;
/** One character of 四号 type (14 pt), in twips: the page number's distance from the edge. */
export const ONE_CHAR_4 = 280;

/**
 * 22 lines × 28 characters (§5.2.1): the fixed line pitch gives the 22 lines; 28 characters of 三号
 * (16 pt) are 448 pt but the 156 mm 版心 holds 442 pt, so body text is condensed by 0.25 pt a
 * character (字符间距 紧缩, in twentieths of a point). A document grid would do the same in Word, but
 * LibreOffice and WPS snap every character to it, spreading titles and tables over several cells.
 */
export const BODY_CONDENSE = -5;

/** Red of the 发文机关标志 and the 版头分隔线. */
export const OFFICIAL_RED = "FF0000";

/** 发文机关标志 size in half-points: up to 初号 (42 pt), narrower when the name is long, never below 二号. */
export function markSize(mark: string, width = textWidth()): number {
  const chars = Math.max(1, [...mark].length);
  const fit = Math.floor((0.9 * width) / 20 / chars);
  return 2 * Math.max(22, Math.min(42, fit));
}

/** 发文机关标志 (§7.2.4): centred, its top edge 35 mm below the 版心 top. */
export const markParagraph = (mark: string) =>
  ({
    alignment: AlignmentType.CENTER,
    spacing: { before: mm(35) - Math.round((markSize(mark) / 2) * 20 * 0.2), after: 0 },
  }) satisfies IParagraphOptions;

/**
 * 发文字号 (§7.2.5) two lines below the 标志, centred, and the red 版头分隔线 (§7.2.7) 4 mm under it,
 * as the paragraph's bottom border across the whole 版心 width.
 */
export const docNumberParagraph = () =>
  ({
    alignment: AlignmentType.CENTER,
    spacing: { before: 2 * LINE_PITCH, ...EXACT_LINE },
    border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: OFFICIAL_RED, space: 11 } },
  }) satisfies IParagraphOptions;

/** The title sits two lines below the red line (§7.3.1). */
export const TITLE_AFTER_HEADER = 2 * LINE_PITCH;

export const SINGLE_BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
export const CELL_BORDERS = { top: SINGLE_BORDER, bottom: SINGLE_BORDER, left: SINGLE_BORDER, right: SINGLE_BORDER };
export const CELL_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

export type AlignValue = (typeof AlignmentType)[keyof typeof AlignmentType];

/** Font of a run: East Asian text in `font`, Latin text and digits in `latin`. */
export const runFont = (font: string, latin: string) => ({ eastAsia: font, ascii: latin, hAnsi: latin });

/** Run options in an East Asian font with Latin text and digits in `latin`. */
export const textRun = (text: string, font: string, latin: string, size: number, bold = false): IRunOptions => ({
  text,
  bold,
  size,
  font: runFont(font, latin),
  ...(size === SIZE.body ? { characterSpacing: BODY_CONDENSE } : {}),
});

/** Document default run: body font and size. */
export const documentStyles = (fonts: DocxFonts) => ({
  default: {
    document: {
      run: { font: runFont(fonts.body, fonts.latin), size: SIZE.body },
    },
  },
});

/** Body text (or a 一级标题 in the heading font): fixed line pitch, first line indented two characters. */
export const BODY_PARAGRAPH = {
  spacing: EXACT_LINE,
  indent: { firstLine: INDENT_2_CHARS },
} satisfies IParagraphOptions;

/** Flush-left text at the fixed line pitch, e.g. the 主送机关. */
export const FLUSH_LEFT_PARAGRAPH = { spacing: EXACT_LINE } satisfies IParagraphOptions;

/** Right-aligned text `chars` characters in from the right margin, e.g. 署名 and 成文日期. */
export const rightAlignedParagraph = (chars: number) =>
  ({
    alignment: AlignmentType.RIGHT,
    spacing: EXACT_LINE,
    indent: { right: (INDENT_2_CHARS / 2) * chars },
  }) satisfies IParagraphOptions;

export interface PageNumberStyle {
  /** Font for digits and dashes. */
  latin: string;
  /** "both": one character in from both edges; "outer": only from the outer edge. */
  indent?: "both" | "outer";
}

/**
 * The footer paragraph of "— N —" in 四号宋体 (GB/T 9704 §7.5): odd pages right (`default` footer),
 * even pages left (`even`; the Document needs evenAndOddHeaderAndFooters). Its one run is pageNumberRun.
 */
export function pageNumberParagraph(side: "left" | "right", style: PageNumberStyle) {
  const indent =
    style.indent === "outer"
      ? side === "right"
        ? { right: ONE_CHAR_4 }
        : { left: ONE_CHAR_4 }
      : { left: ONE_CHAR_4, right: ONE_CHAR_4 };
  return { alignment: side === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT, indent } satisfies IParagraphOptions;
}

export const pageNumberRun = (style: PageNumberStyle): IRunOptions => ({
  children: ["— ", PageNumber.CURRENT, " —"],
  size: SIZE.pageNumber,
  font: runFont(PAGE_NUMBER_FONT, style.latin),
});

const FONT_TABLE = "word/fontTable.xml";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A CJK font entry: GB2312 charset and an alternate name Word and WPS use when the font is missing. */
function fontEntry(name: string): string {
  const alt = FONT_FALLBACKS[name];
  const altName = alt ? `<w:altName w:val="${escapeXml(alt)}"/>` : "";
  return `<w:font w:name="${escapeXml(name)}">${altName}<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`;
}

/**
 * The docx library writes an empty font table; declaring the official fonts there with
 * their fallbacks lets a machine without 方正小标宋简体 or 仿宋_GB2312 substitute 宋体/仿宋.
 */
export async function addFontFallbacks(bytes: Uint8Array, fonts: DocxFonts): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(FONT_TABLE);
  if (!file) return bytes;
  const xml = await file.async("string");
  const names = [...new Set([fonts.title, fonts.body, fonts.heading, PAGE_NUMBER_FONT])];
  const entries = names.map(fontEntry).join("");
  const patched = xml.includes("</w:fonts>")
    ? xml.replace("</w:fonts>", `${entries}</w:fonts>`)
    : xml.replace(/<w:fonts([^>]*)\/>\s*$/, `<w:fonts$1>${entries}</w:fonts>`);
  zip.file(FONT_TABLE, patched);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
