import { type PlanErrorCode, PlanParseError } from "../errors.js";
import type { Block } from "../model.js";

/**
 * How much of a document a reader will read. Readers check these while they read, so a
 * hostile file fails as soon as it passes one, before it has cost much time or memory.
 */
export interface ReadLimits {
  /** PDF pages. */
  maxPages: number;
  /** Worksheets in a workbook. */
  maxSheets: number;
  /** Table rows in all (sheets ×) rows together. */
  maxRows: number;
  /** Paragraphs (lines of text, `w:p` elements). */
  maxParagraphs: number;
  /** Characters of text read. */
  maxTextChars: number;
  /** Bytes a zip-based file (docx, xlsx) unpacks to, all entries together. */
  maxUnzippedBytes: number;
  /** Unpacked : packed size of any zip entry over 1 MB unpacked. */
  maxZipRatio: number;
  /** Element nesting of HTML and XML. */
  maxDepth: number;
}

/** Far above any real work plan (a county's runs to a few hundred tasks on a few dozen pages). */
export const DEFAULT_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxPages: 2000,
  maxSheets: 100,
  maxRows: 100_000,
  maxParagraphs: 200_000,
  maxTextChars: 5_000_000,
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxZipRatio: 200,
  maxDepth: 256,
});

export function readLimits(overrides: Partial<ReadLimits> = {}): ReadLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof ReadLimits, number | undefined][]) {
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}

const ASK = "如确需导入，请联系管理员调高上限";

const wan = (n: number): string => (n >= 10_000 ? `${Number((n / 10_000).toFixed(1))} 万` : String(n));

/** The message of each limit: what was passed and what to do about it. */
const LIMIT_MESSAGES = {
  DOCUMENT_TOO_LARGE: (n: number) =>
    `文件文字超过上限（最多 ${wan(n)} 字）。请只保留工作要点正文，或拆分为多个文件分别导入；${ASK}`,
  TOO_MANY_PAGES: (n: number) => `PDF 页数超过上限（最多 ${n} 页）。请删去附件等无关页面或拆分后再上传；${ASK}`,
  TOO_MANY_SHEETS: (n: number) => `工作簿的工作表数量超过上限（最多 ${n} 个）。请删去无关的工作表后再上传；${ASK}`,
  TOO_MANY_ROWS: (n: number) =>
    `表格行数超过上限（所有表格合计最多 ${wan(n)} 行）。请删去无关的工作表和空行，或拆分后再上传；${ASK}`,
  TOO_MANY_PARAGRAPHS: (n: number) => `文档段落数超过上限（最多 ${wan(n)} 段）。请删去无关内容或拆分后再上传；${ASK}`,
  TOO_DEEPLY_NESTED: (n: number) =>
    `网页的标签嵌套超过上限（最多 ${n} 层），不像正常的网页。请在浏览器中复制正文，另存为 Word 文档或纯文本后再上传`,
  ZIP_BOMB: (n: number) =>
    `文件解压后超过上限（最多 ${Math.round(n / 1024 / 1024)} MB）或压缩比异常，不像正常的 Word/Excel 文件。请用 Office 或 WPS 打开后另存，再上传`,
  PARSE_TIMEOUT: (n: number) =>
    `解析文件超时（超过 ${Math.round(n / 1000)} 秒）。请删去无关内容、拆分文件，或另存为纯文本后再上传；${ASK}`,
  PARSE_OUT_OF_MEMORY: (n: number) => `解析文件所需内存超过上限（${n} MB）。请删去无关内容或拆分文件后再上传；${ASK}`,
} satisfies Partial<Record<PlanErrorCode, (limit: number) => string>>;

export type LimitCode = keyof typeof LIMIT_MESSAGES;

/** The error for a passed limit, its Chinese message naming the limit. */
export function limitError(code: LimitCode, limit: number, detail?: string): PlanParseError {
  return new PlanParseError(code, detail ?? `limit ${limit}`, { messageZh: LIMIT_MESSAGES[code](limit) });
}

/** Counts what a reader produces and throws the moment a limit is passed. */
export class LimitGuard {
  private paragraphCount = 0;
  private rowCount = 0;
  private chars = 0;

  constructor(readonly limits: ReadLimits = DEFAULT_LIMITS) {}

  paragraphs(n = 1): void {
    this.paragraphCount += n;
    if (this.paragraphCount > this.limits.maxParagraphs) {
      throw limitError("TOO_MANY_PARAGRAPHS", this.limits.maxParagraphs);
    }
  }

  rows(n = 1): void {
    this.rowCount += n;
    if (this.rowCount > this.limits.maxRows) throw limitError("TOO_MANY_ROWS", this.limits.maxRows);
  }

  text(chars: number): void {
    this.chars += chars;
    if (this.chars > this.limits.maxTextChars) throw limitError("DOCUMENT_TOO_LARGE", this.limits.maxTextChars);
  }

  /** Bytes of text about to be decoded: each character takes at most four, so more than four per allowed one is too many. */
  textBytes(bytes: number): void {
    if (bytes > this.limits.maxTextChars * 4) throw limitError("DOCUMENT_TOO_LARGE", this.limits.maxTextChars);
  }

  count(code: "TOO_MANY_PAGES" | "TOO_MANY_SHEETS" | "TOO_DEEPLY_NESTED", n: number): void {
    const max =
      code === "TOO_MANY_PAGES"
        ? this.limits.maxPages
        : code === "TOO_MANY_SHEETS"
          ? this.limits.maxSheets
          : this.limits.maxDepth;
    if (n > max) throw limitError(code, max);
  }
}

/**
 * The limits over a reader's finished blocks: readers that count as they read have already
 * thrown; this catches a reader that does not (yet) count.
 */
export function checkBlocks(blocks: readonly Block[], limits: ReadLimits): void {
  const guard = new LimitGuard(limits);
  for (const b of blocks) {
    if (b.kind === "paragraph") {
      guard.paragraphs();
      guard.text(b.text.length);
    } else {
      guard.rows();
      for (const c of b.cells) guard.text(c.length);
    }
  }
}
