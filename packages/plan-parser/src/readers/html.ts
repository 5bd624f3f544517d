import { DomUtils } from "htmlparser2";
import type { Block } from "../model.js";
import { decodeText } from "./decode.js";
import { isLinkList, linkDensities, mainContent } from "./html-content.js";
import { parseLimited } from "./limited-dom.js";
import { LimitGuard } from "./limits.js";
import { type GridCell, layoutGrid, spanOf } from "./table-grid.js";
import { cellText } from "./text-utils.js";

type AnyNode = Parameters<typeof DomUtils.isTag>[0];
type Element = Parameters<typeof DomUtils.getAttributeValue>[0];

/** Page furniture that never holds plan text. */
const DROP_TAGS = new Set([
  "head",
  "script",
  "style",
  "nav",
  "header",
  "footer",
  "aside",
  "form",
  "iframe",
  "noscript",
  "template",
  "svg",
  "object",
  "button",
  "select",
  "textarea",
]);
const BLOCK_TAGS = new Set([
  "p",
  "div",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "section",
  "article",
  "main",
  "blockquote",
  "pre",
  "center",
  "address",
  "figure",
  "figcaption",
  "caption",
  "hr",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "td",
  "th",
]);
/** Containers too big to be judged by their class (a body class "has-sidebar" must not drop the page). */
const NEVER_JUNK = new Set(["html", "body", "main", "article"]);
/** Class or id words of navigation, breadcrumbs (当前位置 = dqwz), sidebars, footers, sharing, recommendations. */
const JUNK_TOKEN =
  /^(nav\w*|menu\w*|bread\w*|crumbs?|foot|footer\w*|sidebar|side|share\w*|related|relate|recommend\w*|hot\w*|comments?|copyright|login|dqwz|weizhi)$/i;
const JUNK_WORD = /breadcrumb|navigation|navbar|sidebar|footer|copyright|recommend/i;

function isJunk(el: Element): boolean {
  if (NEVER_JUNK.has(el.name)) return false;
  const names = `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`;
  if (JUNK_WORD.test(names)) return true;
  const tokens = names.replace(/([a-z])([A-Z])/g, "$1 $2").split(/[\s_-]+/);
  return tokens.some((t) => JUNK_TOKEN.test(t));
}

type LinkStats = ReturnType<typeof linkDensities>;

/** Elements that may be boxes of links (related articles, 相关链接) rather than text. */
const LINK_BOXES = new Set(["ul", "ol", "dl", "div", "section", "table", "p", "td", "span"]);

/** Collects paragraphs and table rows in document order. */
class Collector {
  readonly blocks: Block[] = [];
  private line = "";
  private tables = 0;
  /** Depth of <pre> elements: there a line break in the source is a line break on the page. */
  private pre = 0;

  constructor(
    private readonly links: LinkStats,
    private readonly inArticle = false,
  ) {}

  text(data: string): void {
    if (this.pre === 0) {
      this.line += data;
      return;
    }
    const lines = data.split(/\r\n|\r|\n/);
    lines.forEach((line, i) => {
      if (i > 0) this.flush();
      this.line += line;
    });
  }

  flush(): void {
    const text = cellText(this.line);
    if (text) this.blocks.push({ kind: "paragraph", text });
    this.line = "";
  }

  rows(rows: string[][]): void {
    this.flush();
    const table = this.tables++;
    for (const cells of rows) {
      if (cells.some((c) => c !== "")) this.blocks.push({ kind: "row", cells, table });
    }
  }

  walk(node: AnyNode, inArticle = this.inArticle): void {
    if (DomUtils.isText(node)) {
      this.text(node.data);
      return;
    }
    if (!DomUtils.isTag(node)) {
      if (DomUtils.hasChildren(node)) for (const child of node.children) this.walk(child, inArticle);
      return;
    }
    const name = node.name.toLowerCase();
    // A <header> inside an article usually carries the document title.
    if ((DROP_TAGS.has(name) && !(name === "header" && inArticle)) || isJunk(node)) return;
    if (LINK_BOXES.has(name) && isLinkList(this.links.get(node))) return;
    if (name === "br") {
      this.flush();
      return;
    }
    if (name === "table" && isDataTable(node)) {
      this.rows(tableRows(node, this.links));
      return;
    }
    const block = BLOCK_TAGS.has(name);
    if (block) this.flush();
    const childInArticle = inArticle || name === "article" || name === "main";
    if (name === "pre") this.pre++;
    for (const child of node.children) this.walk(child, childInArticle);
    if (name === "pre") this.pre--;
    if (block) this.flush();
  }
}

/** A data table has cells side by side and no nested tables; otherwise it only lays out the page. */
function isDataTable(table: Element): boolean {
  // findOne stops at the first nested table: counting them all was quadratic in nested tables.
  if (DomUtils.findOne((el) => el.name === "table", table.children, true)) return false;
  return DomUtils.getElementsByTagName("tr", table.children, true).some((tr) => cellsOf(tr).length >= 2);
}

function cellsOf(tr: Element): Element[] {
  return tr.children.filter((c): c is Element => DomUtils.isTag(c) && (c.name === "td" || c.name === "th"));
}

function tableRows(table: Element, links: LinkStats): string[][] {
  const rows: GridCell[][] = DomUtils.getElementsByTagName("tr", table.children, true).map((tr) =>
    cellsOf(tr).map((td) => {
      const inner = new Collector(links, true);
      for (const child of td.children) inner.walk(child);
      inner.flush();
      const text = inner.blocks.map((b) => (b.kind === "paragraph" ? b.text : b.cells.join(" "))).join(" ");
      return { text, rowSpan: spanOf(td.attribs.rowspan, 1000), colSpan: spanOf(td.attribs.colspan, 100) };
    }),
  );
  return layoutGrid(rows);
}

/** The charset a page declares in <meta charset> or <meta http-equiv content="…; charset=…">. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString("latin1");
  return /<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.-]+)/i.exec(head)?.[1];
}

/**
 * The page's text: when a known article container holds it (WeChat's #js_content, a portal's
 * .TRS_Editor or #zoom), only that container under the headline above it; otherwise the whole
 * page without its navigation, furniture and boxes of links. Nesting past the limit fails while
 * parsing, before the recursive walks below could overflow the stack.
 */
export function htmlToBlocks(html: string, guard = new LimitGuard()): Block[] {
  const doc = parseLimited(html, { decodeEntities: true, lowerCaseTags: true }, guard);
  const collector = new Collector(linkDensities(doc.children));
  const main = mainContent(doc.children);
  if (main?.headline) collector.walk(main.headline, true);
  collector.flush();
  collector.walk(main ? main.container : doc, main !== undefined);
  collector.flush();
  return collector.blocks;
}

/** An HTML page: the plan's paragraphs and tables without the site's navigation and furniture. */
export function readHtml(bytes: Uint8Array, guard = new LimitGuard()): Block[] {
  guard.textBytes(bytes.length);
  return htmlToBlocks(decodeText(bytes, declaredCharset(bytes)), guard);
}
