import { parseMarker } from "./numbering.js";

/**
 * Plan boundaries: a plan starts at its title ("…工作要点", "…工作计划", "…任务分解表", "…实施方案"),
 * and a wrapper "关于印发《X》的通知" names plan X. Tables of contents, breadcrumbs, link lists and
 * other page furniture are neither plans nor tasks.
 */
const TITLE_ENDINGS = [
  ..."要点 工作计划 工作安排 工作方案 实施方案 行动方案 行动计划 任务分解表 任务分解方案".split(" "),
  ..."任务清单 分解表 责任分工 重点工作 重点任务 工作任务 任务台账 工作思路".split(" "),
];
const TITLE_END = new RegExp(`(?:${TITLE_ENDINGS.join("|")})$`);
/** The last character of a title line: a title word's, a bracketed suffix's or a closing quote's. */
const TITLE_LAST_CHARS = new Set([...TITLE_ENDINGS.map((w) => w.at(-1)!), ...')）】》"”'].map((c) => c.charCodeAt(0)));
const TITLE_SUFFIX = /\s*[(（【](?:征求意见稿|试行|草案|讨论稿|修订稿|送审稿|全文|正式稿)[)）】]\s*$/;
const WRAPPER_RE = /关于印发(?:《(.+?)》|(.+?))的通知/;
const JUNK_RE =
  /^(?:推荐访问|相关文章|相关阅读|相关推荐|热点推荐|热门推荐|猜你喜欢|延伸阅读|上一篇|下一篇|版权所有|版权声明|copyright|©|当前位置|您的位置|来源[:：]|时间[:：]|发布时间|作者[:：]|责任编辑|编辑[:：]|分享到|打印本页|关闭窗口|【打印】|【关闭】|扫一扫|浏览次数|点击数|字号|首页\s*[>›»])/i;
const PAGE_NO_RE = /^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|\d{1,3})$/;

export function cleanTitle(text: string): string {
  return text
    .replace(TITLE_SUFFIX, "")
    .replace(/^[《"“]|[》"”]$/g, "")
    .trim();
}

/** The plan title a line announces, or null. */
export function titleOf(line: string): string | null {
  // Most lines end otherwise (。) and hold no wrapper (关于印发): they are no title, whatever their spacing.
  const end = line.trimEnd();
  if (!TITLE_LAST_CHARS.has(end.charCodeAt(end.length - 1)) && !line.includes("印")) return null;
  // A letter-spaced heading ("2 0 2 4 年 工 作 要 点") reads without its spaces.
  const text = /(?:^|\s)\S\s\S\s\S(?:\s|$)/.test(line) ? line.replace(/\s+/g, "") : line.trim();
  if (text.length < 4 || text.length > 70) return null;
  const wrapper = WRAPPER_RE.exec(text);
  if (wrapper) {
    const inner = cleanTitle((wrapper[1] ?? wrapper[2] ?? "").trim());
    return TITLE_END.test(inner) ? inner : null;
  }
  if (/[。;；!?！？:：,，>|]/.test(text) || JUNK_RE.test(text)) return null;
  if (parseMarker(text)) return null;
  const title = cleanTitle(text);
  if (title.length < 6 || !/20\d{2}|学年|局|县|市|区|省|州|旗|校|教育|体育/.test(title)) return null;
  return TITLE_END.test(title) ? title : null;
}

/** A table-of-contents entry: a title with a page number, or dot leaders. */
export function isTocEntry(line: string): boolean {
  // Ends in a digit (before any trailing space); trimEnd drops what \s matches.
  const end = line.trimEnd();
  const last = end.length > 0 ? end.charCodeAt(end.length - 1) : 0;
  if (!(last >= 48 && last <= 57)) return false;
  if (/(?:\.{4,}|…{2,}|·{4,})\s*\d+\s*$/.test(line)) return true;
  return /^\d{1,2}\s*[.、．]?\s*\S.*(?:要点|计划|方案|分解表|安排|清单)\s*\d{1,3}$/.test(line);
}

/** Page furniture, a page number or a 目录 heading: one search for the three (case folding changes none of the
 * last two, which hold no letter). */
const JUNK_LINE_RE = new RegExp(`${JUNK_RE.source}|${PAGE_NO_RE.source}|^目\\s*录$`, "i");

export function isJunk(line: string): boolean {
  return JUNK_LINE_RE.test(line);
}

/** "XX县教育和体育局" on the line before "2024年工作要点": the title's first half. */
export function isIssuerLine(line: string): boolean {
  return (
    line.length <= 24 && /(?:局|委员会|教育委员会|政府|办公室|教育厅|教育局)$/.test(line) && !/[。,，:：;；]/.test(line)
  );
}
