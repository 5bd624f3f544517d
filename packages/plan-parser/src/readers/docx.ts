import { PlanParseError } from "../errors.js";
import type { Block } from "../model.js";
import { Numbering } from "./docx-numbering.js";
import { parseLimited } from "./limited-dom.js";
import { LimitGuard } from "./limits.js";
import { attr, childElements, descendants, firstChild, path, type XmlElement, type XmlNode } from "./ooxml.js";
import { cellText } from "./text-utils.js";
import { LimitedZip } from "./zip.js";

/** Subtrees whose text Word does not print in the body flow (or prints twice, as fallbacks). */
const SKIPPED = new Set(["w:pPr", "w:rPr", "mc:Fallback", "w:txbxContent", "w:delText", "w:instrText"]);

/** Runs of a paragraph as text; soft line breaks split it into lines. */
function runText(node: XmlNode, out: string[]): void {
  if (!("name" in node)) return;
  const el = node as XmlElement;
  switch (el.name) {
    case "w:t":
      for (const c of el.children) if ("data" in c) out[out.length - 1] += String(c.data);
      return;
    case "w:tab":
      out[out.length - 1] += " ";
      return;
    case "w:noBreakHyphen":
      out[out.length - 1] += "-";
      return;
    case "w:cr":
      out.push("");
      return;
    case "w:br":
      if (attr(el, "w:type") !== "page" && attr(el, "w:type") !== "column") out.push("");
      return;
    default:
      if (SKIPPED.has(el.name)) return;
      for (const child of el.children) runText(child, out);
  }
}

class DocxWalker {
  readonly blocks: Block[] = [];
  private tables = 0;

  constructor(private readonly numbering: Numbering) {}

  /** A paragraph's printed lines, the list marker Word would print in front of the first. */
  paragraphLines(p: XmlElement): string[] {
    const lines = [this.numbering.markerFor(firstChild(p, "w:pPr"))];
    for (const child of p.children) runText(child, lines);
    return lines.map(cellText);
  }

  /** Body-level content in order: paragraphs, tables, and content controls wrapping them. */
  walk(container: XmlElement): void {
    for (const el of childElements(container)) {
      if (el.name === "w:p") {
        for (const text of this.paragraphLines(el)) if (text) this.blocks.push({ kind: "paragraph", text });
      } else if (el.name === "w:tbl") {
        this.table(el);
      } else if (el.name === "w:sdt") {
        const content = firstChild(el, "w:sdtContent");
        if (content) this.walk(content);
      } else if (el.name === "w:customXml" || el.name === "w:ins" || el.name === "w:smartTag") {
        this.walk(el);
      }
    }
  }

  private cellText(tc: XmlElement): string {
    return descendants([tc], "w:p")
      .flatMap((p) => this.paragraphLines(p))
      .filter(Boolean)
      .join(" ");
  }

  /**
   * Rows on the table grid: gridSpan fills several columns; a vMerge continuation repeats the
   * text of the cell above, so a category merged down the rows appears on each row.
   */
  private table(tbl: XmlElement): void {
    const table = this.tables++;
    let above: string[] = [];
    const rows = childElements(tbl, "w:tr").concat(
      childElements(tbl, "w:sdt").flatMap((sdt) => descendants([sdt], "w:tr")),
    );
    for (const tr of rows) {
      const gridBefore = Number.parseInt(attr(path(tr, "w:trPr", "w:gridBefore")) ?? "0", 10) || 0;
      const row: string[] = Array.from({ length: Math.min(gridBefore, 100) }, () => "");
      const cells = childElements(tr).flatMap((c) =>
        c.name === "w:tc" ? [c] : c.name === "w:sdt" ? descendants([c], "w:tc") : [],
      );
      for (const tc of cells) {
        const span = Math.min(
          Math.max(Number.parseInt(attr(path(tc, "w:tcPr", "w:gridSpan")) ?? "1", 10) || 1, 1),
          100,
        );
        const vMerge = path(tc, "w:tcPr", "w:vMerge");
        const continues = vMerge !== undefined && attr(vMerge) !== "restart";
        const text = continues ? undefined : this.cellText(tc);
        if (continues) this.cellText(tc); // keeps list counters in step with what Word prints
        const col = row.length;
        for (let k = 0; k < span; k++) row.push(text ?? above[col + k] ?? "");
      }
      above = row;
      if (row.some((c) => c !== "")) this.blocks.push({ kind: "row", cells: row, table });
    }
  }
}

/** A zip-based document (docx, odt) within the limits: sizes checked before unpacking, capped while unpacking. */
export async function loadZip(bytes: Uint8Array, guard = new LimitGuard()): Promise<LimitedZip> {
  return new LimitedZip(bytes, guard.limits);
}

export async function partText(zip: LimitedZip, name: string): Promise<string | undefined> {
  return zip.text(name);
}

/**
 * A Word document's body: paragraphs and tables in order. Headers and footers are not read.
 * Within the limits: the archive's sizes before unpacking, paragraphs and rows as the XML is parsed.
 */
export function readDocx(bytes: Uint8Array, guard = new LimitGuard()): Block[] {
  const zip = new LimitedZip(bytes, guard.limits);
  if (zip.has("EncryptedPackage")) throw new PlanParseError("ENCRYPTED_DOCUMENT");
  const documentXml = zip.text("word/document.xml");
  if (documentXml === undefined) throw new PlanParseError("CORRUPT_DOCUMENT", "no word/document.xml");
  const numbering = new Numbering(zip.text("word/numbering.xml"), zip.text("word/styles.xml"));
  const dom = parseLimited(documentXml, { xmlMode: true, decodeEntities: true }, guard, (name) => {
    if (name === "w:p") guard.paragraphs();
    else if (name === "w:tr") guard.rows();
  });
  const body = path(
    dom.children.find((e): e is XmlElement => "name" in e && e.name === "w:document"),
    "w:body",
  );
  if (!body) throw new PlanParseError("CORRUPT_DOCUMENT", "no w:body in word/document.xml");
  const walker = new DocxWalker(numbering);
  walker.walk(body);
  return walker.blocks;
}
