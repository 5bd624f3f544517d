import { SPACE_CODE } from "./char-table.js";
import { parseMarker } from "./numbering.js";

/**
 * Plan boundaries: a plan starts at its title ("…工作要点", "…工作计划", "…任务分解表", "…实施方案"),
 * and a wrapper "关于印发《X》的通知" names plan X. Tables of contents, breadcrumbs, link lists and
 * other page furniture are neither plans nor tasks.
 */
const TITLE_ENDINGS = [
  ..."要点 要點 计划 計劃 計畫 工作安排 工作方案 实施方案 行动方案 行动计划 任务分解表 任务分解方案".split(" "),
  ..."任务清单 分解表 责任分工 重点工作 重点任务 工作任务 任务台账 工作思路".split(" "),
];
const TITLE_END = new RegExp(`(?:${TITLE_ENDINGS.join("|")})$`);
/** The last character of a title line: a title word's, a bracketed suffix's or a closing quote's. */
const TITLE_LAST_CHARS = new Set([...TITLE_ENDINGS.map((w) => w.at(-1)!), ...')）】》"”'].map((c) => c.charCodeAt(0)));
const TITLE_SUFFIX = /\s*[(（【](?:征求意见稿|试行|草案|讨论稿|修订稿|送审稿|全文|正式稿)[)）】]\s*$/;
const WRAPPER_RE = /关于印发(?:《(.+?)》|(.+?))的通知/;
const JUNK_RE =
  /^(?:推荐访问|相关文章|相关阅读|相关推荐|相关链接|相关新闻|相关文件|热点推荐|热门推荐|热点新闻|热门文章|热门新闻|最新文章|最新更新|推荐阅读|友情链接|猜你喜欢|延伸阅读|上一篇|下一篇|版权所有|版权声明|copyright|©|当前位置|您的位置|您当前的位置|您当前位置|来源[:：]|时间[:：]|发布时间|作者[:：]|责任编辑|编辑[:：]|分享到|打印本页|关闭窗口|【打印】|【关闭】|扫一扫|浏览次数|点击数|字号|首页\s*[>›»])/i;
const PAGE_NO_RE = /^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|\d{1,3})$/;

export function cleanTitle(text: string): string {
  return text
    .replace(TITLE_SUFFIX, "")
    .replace(/^[《"“]|[》"”]$/g, "")
    .trim();
}

/** "篇一：", "篇1:", "第二篇：": a compilation's numbering before a plan title. */
const COMPILATION_PREFIX = /^(?:篇[一二三四五六七八九十\d]{1,3}|第[一二三四五六七八九十\d]{1,3}篇)\s*[:：、.．]?\s*/;
/** What a model-essay site adds after a title: "模板", "范文", "（精选5篇）". */
const SITE_SUFFIX =
  /\s*(?:[(（【]?(?:精选|通用)?\d*篇?[)）】]?)?(?:模板|范文|范本|样本)(?:[(（【][^)）】]*[)）】])?$|\s*[(（【](?:精选|通用)?\d+篇[)）】]$/;
const SUBTITLE_DASH = /\s*(?:——|--|—)/;
const [BAN, BEN, WEN, PIAN, DI] = ["板", "本", "文", "篇", "第"].map((c) => c.charCodeAt(0));
/** The last characters SITE_SUFFIX can end with. */
const SUFFIX_LAST = new Set([BAN, BEN, WEN, ...[...")）】"].map((c) => c.charCodeAt(0))]);
const CLAUSE_MARKS = /[。;；!?！？:：,，>|]/;

/** The plan title a line announces, or null. */
export function titleOf(line: string): string | null {
  // A title is at most 90 characters, twice that letter-spaced: a longer line is none (most body lines).
  if (line.length > 180) return null;
  // Most lines end otherwise (。) and hold no wrapper (关于印发): they are no title, whatever their spacing.
  const end = line.trimEnd();
  const last = end.charCodeAt(end.length - 1);
  if (
    !TITLE_LAST_CHARS.has(last) &&
    !line.includes("印") &&
    !(line.length <= 90 && line.includes("—")) &&
    last !== BAN &&
    last !== BEN &&
    last !== WEN &&
    line.charCodeAt(0) !== PIAN
  )
    return null;
  // A letter-spaced heading ("2 0 2 4 年 工 作 要 点") reads without its spaces.
  let text = /(?:^|\s)\S\s\S\s\S(?:\s|$)/.test(line) ? line.replace(/\s+/g, "") : line.trim();
  if (text.length < 4 || text.length > 90) return null;
  const wrapper = WRAPPER_RE.exec(text);
  if (wrapper) {
    const inner = cleanTitle((wrapper[1] ?? wrapper[2] ?? "").trim());
    return TITLE_END.test(inner) ? inner : null;
  }
  const first = text.charCodeAt(0);
  if (first === PIAN || first === DI) text = text.replace(COMPILATION_PREFIX, "");
  // "…工作要点——奋力谱写…": the subtitle after the dash is not the title.
  const dash = text.includes("—") || text.includes("--") ? SUBTITLE_DASH.exec(text) : null;
  if (dash && dash.index >= 6) {
    const head = titleOf(text.slice(0, dash.index));
    if (head) return head;
  }
  if (CLAUSE_MARKS.test(text)) return null;
  if (SUFFIX_LAST.has(text.charCodeAt(text.length - 1))) text = text.replace(SITE_SUFFIX, "");
  if (text.length > 70 || JUNK_RE.test(text)) return null;
  if (parseMarker(text)) return null;
  const title = cleanTitle(text);
  if (title.length < 6 || !/20\d{2}|学年|學年|局|县|縣|市|区|區|省|州|旗|校|教育|体育|體育/.test(title)) return null;
  return TITLE_END.test(title) ? title : null;
}

/** A table-of-contents entry: a title with a page number, or dot leaders. */
export function isTocEntry(line: string): boolean {
  // Ends in a digit (before any trailing space: what \s matches, as trimEnd drops).
  let e = line.length - 1;
  while (e >= 0 && SPACE_CODE[line.charCodeAt(e)] === 1) e--;
  const last = e >= 0 ? line.charCodeAt(e) : 0;
  if (!(last >= 48 && last <= 57)) return false;
  if (/(?:\.{4,}|…{2,}|·{4,})\s*\d+\s*$/.test(line)) return true;
  return /^\d{1,2}\s*[.、．]?\s*\S.*(?:要点|计划|方案|分解表|安排|清单)\s*\d{1,3}$/.test(line);
}

/** Page furniture, a page number or a 目录 heading: one search for the three (case folding changes none of the
 * last two, which hold no letter). */
const JUNK_LINE_RE = new RegExp(`${JUNK_RE.source}|${PAGE_NO_RE.source}|^目\\s*录$`, "i");

/**
 * The characters a junk line can start with: each alternative's first (the page-number forms start with a
 * dash, 第 or a digit). A line starting otherwise, as nearly all do, is not tried against the pattern.
 */
const JUNK_FIRST = new Uint8Array(0x10000);
for (const alt of JUNK_RE.source.slice(4, JUNK_RE.source.indexOf(")")).split("|")) {
  const c = alt.replace(/^\\/, "")[0]!;
  JUNK_FIRST[c.charCodeAt(0)] = 1;
  JUNK_FIRST[c.toUpperCase().charCodeAt(0)] = 1;
}
for (const c of "-—–第0123456789目") JUNK_FIRST[c.charCodeAt(0)] = 1;

export function isJunk(line: string): boolean {
  return JUNK_FIRST[line.charCodeAt(0)] === 1 && JUNK_LINE_RE.test(line);
}

/** "XX县教育和体育局" on the line before "2024年工作要点": the title's first half. */
export function isIssuerLine(line: string): boolean {
  return (
    line.length <= 24 && /(?:局|委员会|教育委员会|政府|办公室|教育厅|教育局)$/.test(line) && !/[。,，:：;；]/.test(line)
  );
}

/** A heading of a list of links: the numbered lines under it are links, not tasks. */
const LINK_LIST =
  /^(?:推荐访问|相关文章|相关阅读|相关推荐|相关链接|相关新闻|相关文件|热点推荐|热门推荐|热点新闻|热门文章|热门新闻|最新文章|最新更新|推荐阅读|友情链接|猜你喜欢|延伸阅读)/;

export const isLinkListHeading = (line: string): boolean => LINK_LIST.test(line);
