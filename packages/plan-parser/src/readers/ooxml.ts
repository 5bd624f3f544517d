import { DomUtils, parseDocument } from "htmlparser2";

/** An element of an Office Open XML part (names keep their prefix: "w:p", "w:tbl"). */
export type XmlElement = Parameters<typeof DomUtils.getAttributeValue>[0];
export type XmlNode = Parameters<typeof DomUtils.isTag>[0];

export function parseXml(xml: string): XmlElement[] {
  return parseDocument(xml, { xmlMode: true, decodeEntities: true }).children.filter(DomUtils.isTag);
}

export function childElements(el: XmlElement, name?: string): XmlElement[] {
  return el.children.filter((c): c is XmlElement => DomUtils.isTag(c) && (name === undefined || c.name === name));
}

export function firstChild(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c): c is XmlElement => DomUtils.isTag(c) && c.name === name);
}

/** Follows a path of child names: `path(tc, "w:tcPr", "w:vMerge")`. */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  return names.reduce<XmlElement | undefined>((cur, name) => firstChild(cur, name), el);
}

/** The `w:val` attribute (or another) of an element, if both exist. */
export function attr(el: XmlElement | undefined, name = "w:val"): string | undefined {
  return el?.attribs[name];
}

export function descendants(roots: XmlElement[], name: string): XmlElement[] {
  return DomUtils.getElementsByTagName(name, roots, true);
}
