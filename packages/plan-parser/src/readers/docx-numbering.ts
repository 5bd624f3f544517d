import { formatCounter } from "./numbering-format.js";
import { attr, childElements, firstChild, parseXml, path, type XmlElement } from "./ooxml.js";

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  /** "Legal" numbering shows the higher levels as decimal (1.1 under 一、). */
  isLgl: boolean;
  /** Whether a space separates the marker from the text (w:suff tab or space). */
  separated: boolean;
}

interface NumInstance {
  abstractId: string;
  startOverrides: Map<number, number>;
}

interface NumRef {
  numId?: string;
  ilvl?: number;
}

const intOf = (s: string | undefined, fallback: number): number => {
  const n = Number.parseInt(s ?? "", 10);
  return Number.isFinite(n) ? n : fallback;
};

function numRefOf(pPr: XmlElement | undefined): NumRef {
  const numPr = firstChild(pPr, "w:numPr");
  const ilvl = attr(firstChild(numPr, "w:ilvl"));
  return { numId: attr(firstChild(numPr, "w:numId")), ilvl: ilvl === undefined ? undefined : intOf(ilvl, 0) };
}

/**
 * Word's automatic list numbering: the marker ("一、", "（1）", "1.") lives in numbering.xml,
 * not in the text, so we count paragraphs in document order and print it ourselves.
 */
export class Numbering {
  private readonly levels = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, NumInstance>();
  private readonly styles = new Map<string, NumRef & { basedOn?: string }>();
  private readonly counters = new Map<string, Map<number, number>>();
  private readonly seenNums = new Set<string>();

  constructor(numberingXml?: string, stylesXml?: string) {
    if (numberingXml) this.readNumbering(numberingXml);
    if (stylesXml) this.readStyles(stylesXml);
  }

  private readNumbering(xml: string): void {
    const root = parseXml(xml).find((e) => e.name === "w:numbering");
    if (!root) return;
    for (const abs of childElements(root, "w:abstractNum")) {
      const levels = new Map<number, Level>();
      for (const lvl of childElements(abs, "w:lvl")) {
        const suff = attr(firstChild(lvl, "w:suff")) ?? "tab";
        levels.set(intOf(attr(lvl, "w:ilvl"), 0), {
          start: intOf(attr(firstChild(lvl, "w:start")), 1),
          numFmt: attr(firstChild(lvl, "w:numFmt")) ?? "decimal",
          lvlText: attr(firstChild(lvl, "w:lvlText")) ?? "",
          isLgl: firstChild(lvl, "w:isLgl") !== undefined,
          separated: suff !== "nothing",
        });
      }
      this.levels.set(attr(abs, "w:abstractNumId") ?? "", levels);
    }
    for (const num of childElements(root, "w:num")) {
      const startOverrides = new Map<number, number>();
      for (const o of childElements(num, "w:lvlOverride")) {
        const start = attr(firstChild(o, "w:startOverride"));
        if (start !== undefined) startOverrides.set(intOf(attr(o, "w:ilvl"), 0), intOf(start, 1));
      }
      const abstractId = attr(firstChild(num, "w:abstractNumId")) ?? "";
      this.nums.set(attr(num, "w:numId") ?? "", { abstractId, startOverrides });
    }
  }

  private readStyles(xml: string): void {
    const root = parseXml(xml).find((e) => e.name === "w:styles");
    for (const style of root ? childElements(root, "w:style") : []) {
      const id = attr(style, "w:styleId");
      if (!id) continue;
      const ref = numRefOf(firstChild(style, "w:pPr"));
      this.styles.set(id, { ...ref, basedOn: attr(firstChild(style, "w:basedOn")) });
    }
  }

  /** The numbering a paragraph gets from its own properties or, failing that, its style chain. */
  private resolve(pPr: XmlElement | undefined): { numId: string; ilvl: number } | undefined {
    const own = numRefOf(pPr);
    let numId = own.numId;
    let ilvl = own.ilvl;
    let styleId = attr(path(pPr, "w:pStyle"));
    for (let depth = 0; styleId && depth < 10 && (numId === undefined || ilvl === undefined); depth++) {
      const style = this.styles.get(styleId);
      numId ??= style?.numId;
      ilvl ??= style?.ilvl;
      styleId = style?.basedOn;
    }
    return numId === undefined || numId === "0" ? undefined : { numId, ilvl: ilvl ?? 0 };
  }

  /** Counts the paragraph and returns its printed marker ("一、"), or "" if it has none. */
  markerFor(pPr: XmlElement | undefined): string {
    const ref = this.resolve(pPr);
    if (!ref) return "";
    const num = this.nums.get(ref.numId);
    const levels = num && this.levels.get(num.abstractId);
    const level = levels?.get(ref.ilvl);
    if (!num || !levels || !level || level.numFmt === "bullet") return "";

    let counters = this.counters.get(num.abstractId);
    if (!counters) {
      counters = new Map();
      this.counters.set(num.abstractId, counters);
    }
    if (!this.seenNums.has(ref.numId)) {
      this.seenNums.add(ref.numId);
      for (const [ilvl, start] of num.startOverrides) counters.set(ilvl, start - 1);
    }
    counters.set(ref.ilvl, (counters.get(ref.ilvl) ?? level.start - 1) + 1);
    for (const deeper of [...counters.keys()]) if (deeper > ref.ilvl) counters.delete(deeper);

    const text = level.lvlText.replace(/%(\d)/g, (_, d: string) => {
      const i = Number(d) - 1;
      const lvl = levels.get(i);
      const value = counters.get(i) ?? lvl?.start ?? 1;
      return formatCounter(value, lvl && !(level.isLgl && i !== ref.ilvl) ? lvl.numFmt : "decimal");
    });
    // "1" + tab reads as "1 完善…"; "一、" needs nothing after it.
    return text && level.separated && /[\p{L}\p{N}]$/u.test(text) ? `${text} ` : text;
  }
}
