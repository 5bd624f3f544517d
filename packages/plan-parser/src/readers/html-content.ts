import { DomUtils } from "htmlparser2";

type AnyNode = Exclude<Parameters<typeof DomUtils.textContent>[0], unknown[]>;
/** An element's children as the DomUtils helpers take them. */
const childrenOf = (el: Element): AnyNode[] => el.children as AnyNode[];
type Element = Parameters<typeof DomUtils.getAttributeValue>[0];

/**
 * Containers that hold an article's text on the sites plans are published on: WeChat articles
 * (#js_content), TRS and UCAP government portals (.TRS_Editor, #zoom, #UCAP-CONTENT) and the like.
 */
const CONTENT_ID = /^(js_content|zoom|UCAP-CONTENT|fontzoom|article_content|news_content|mainText)$/i;
const CONTENT_CLASS =
  /^(rich_media_content|TRS_Editor|TRS_UEDITOR|article-content|article_content|pages_content|news_content|ewb-article-info)$/;
/** The headline above the article (WeChat's #activity-name, a portal's h1 or .title). */
const TITLE_NAME = /^(activity-name|rich_media_title|title|article-title|article_title|news_title|bt|biaoti)$/i;

const tokens = (el: Element): string[] => `${el.attribs.class ?? ""} ${el.attribs.id ?? ""}`.split(/\s+/);

function isContentContainer(el: Element): boolean {
  return (
    CONTENT_ID.test(el.attribs.id ?? "") || (el.attribs.class ?? "").split(/\s+/).some((c) => CONTENT_CLASS.test(c))
  );
}

function isHeadline(el: Element): boolean {
  return /^h[1-3]$/.test(el.name) || tokens(el).some((t) => TITLE_NAME.test(t));
}

const textOf = (node: AnyNode): string => DomUtils.textContent(node).replace(/\s+/g, "");

/**
 * The page's main content when a known container holds it (with enough text to be the article):
 * the container, and the headline printed above it outside it, if any.
 */
export function mainContent(root: AnyNode[]): { headline?: Element; container: Element } | undefined {
  const container = DomUtils.findOne(isContentContainer, root, true);
  if (!container || textOf(container as AnyNode).length < 20) return undefined;
  let headline: Element | undefined;
  const all = DomUtils.findAll(() => true, root);
  for (const el of all) {
    if (el === container) break;
    if (isHeadline(el) && !DomUtils.findOne(isHeadline, childrenOf(el), true)) {
      const text = textOf(el as AnyNode);
      if (text.length >= 4 && text.length <= 100) headline = el;
    }
  }
  return headline ? { headline, container } : { container };
}

/** Link text and all text under each element, measured in one pass. */
export function linkDensities(root: AnyNode[]): Map<Element, { text: number; link: number; links: number }> {
  const stats = new Map<Element, { text: number; link: number; links: number }>();
  const visit = (node: AnyNode, inLink: boolean): { text: number; link: number; links: number } => {
    if (DomUtils.isText(node)) {
      const n = node.data.replace(/\s+/g, "").length;
      return { text: n, link: inLink ? n : 0, links: 0 };
    }
    const sum = { text: 0, link: 0, links: 0 };
    if (!DomUtils.hasChildren(node)) return sum;
    const isLink = DomUtils.isTag(node) && node.name === "a" && node.attribs.href !== undefined;
    for (const child of node.children) {
      const s = visit(child, inLink || isLink);
      sum.text += s.text;
      sum.link += s.link;
      sum.links += s.links;
    }
    if (isLink) sum.links++;
    if (DomUtils.isTag(node)) stats.set(node, sum);
    return sum;
  };
  for (const node of root) visit(node, false);
  return stats;
}

/** A list or box of links (related articles, 相关链接, site maps): three links or more and little else. */
export function isLinkList(stats: { text: number; link: number; links: number } | undefined): boolean {
  return stats !== undefined && stats.links >= 3 && stats.link >= stats.text * 0.7;
}
