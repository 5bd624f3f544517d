import { PlanParseError } from "../errors.js";
import type { Block } from "../model.js";
import { loadZip, partText } from "./docx.js";
import { attr, childElements, parseXml, path, type XmlElement, type XmlNode } from "./ooxml.js";
import { type GridCell, layoutGrid, spanOf } from "./table-grid.js";
import { cellText } from "./text-utils.js";

/** Elements whose text is not printed in the body flow: notes, annotations, frames, change records. */
const SKIPPED = new Set([
  "text:note",
  "office:annotation",
  "office:annotation-end",
  "draw:frame",
  "draw:custom-shape",
  "text:tracked-changes",
  "text:deletion",
  "text:sequence-decls",
  "text:variable-decls",
  "text:user-field-decls",
  "office:forms",
  "text:table-of-content-source",
  "text:bookmark-ref",
]);

/** Inline content of a paragraph as printed lines (text:line-break starts a new one). */
function inlineText(node: XmlNode, out: string[]): void {
  if ("data" in node && !("name" in node)) {
    out[out.length - 1] += String(node.data);
    return;
  }
  if (!("name" in node)) return;
  const el = node as XmlElement;
  switch (el.name) {
    case "text:s":
      out[out.length - 1] += " ".repeat(Math.min(spanOf(attr(el, "text:c"), 100), 100));
      return;
    case "text:tab":
      out[out.length - 1] += " ";
      return;
    case "text:line-break":
      out.push("");
      return;
    default:
      if (SKIPPED.has(el.name)) return;
      for (const child of el.children) inlineText(child, out);
  }
}

/** How many times a table row or cell repeats (spreadsheets repeat empty ones by the million). */
const repeats = (el: XmlElement, name: string, max: number): number => spanOf(attr(el, name), max);

class OdtWalker {
  readonly blocks: Block[] = [];
  private tables = 0;

  paragraphLines(p: XmlElement): string[] {
    const lines = [""];
    for (const child of p.children) inlineText(child, lines);
    return lines.map(cellText);
  }

  /** Body content in order: paragraphs, headings, lists, sections and tables. */
  walk(container: XmlElement): void {
    for (const el of childElements(container)) {
      if (SKIPPED.has(el.name)) continue;
      if (el.name === "text:p" || el.name === "text:h") {
        for (const text of this.paragraphLines(el)) if (text) this.blocks.push({ kind: "paragraph", text });
      } else if (el.name === "table:table") {
        this.table(el);
      } else {
        this.walk(el);
      }
    }
  }

  private cellText(cell: XmlElement): string {
    const inner = new OdtWalker();
    inner.walk(cell);
    return inner.blocks.map((b) => (b.kind === "paragraph" ? b.text : b.cells.join(" "))).join(" ");
  }

  private rowElements(container: XmlElement): XmlElement[] {
    return childElements(container).flatMap((el) => {
      if (el.name === "table:table-row")
        return Array.from({ length: repeats(el, "table:number-rows-repeated", 100) }, () => el);
      if (/^table:table-(header-rows|rows|row-group)$/.test(el.name)) return this.rowElements(el);
      return [];
    });
  }

  /** Rows on the table grid; covered cells are filled from the cell that spans them. */
  private table(tbl: XmlElement): void {
    const table = this.tables++;
    const rows: GridCell[][] = this.rowElements(tbl).map((tr) =>
      childElements(tr, "table:table-cell").flatMap((td) => {
        const cell: GridCell = {
          text: this.cellText(td),
          rowSpan: spanOf(attr(td, "table:number-rows-spanned"), 1000),
          colSpan: spanOf(attr(td, "table:number-columns-spanned"), 100),
        };
        return Array.from({ length: repeats(td, "table:number-columns-repeated", 100) }, () => cell);
      }),
    );
    for (const cells of layoutGrid(rows)) {
      while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
      if (cells.length > 0) this.blocks.push({ kind: "row", cells, table });
    }
  }
}

/** An OpenDocument text (.odt, LibreOffice's and WPS's native format): the body's paragraphs and tables. */
export async function readOdt(bytes: Uint8Array): Promise<Block[]> {
  const zip = await loadZip(bytes);
  const xml = await partText(zip, "content.xml");
  if (xml === undefined) throw new PlanParseError("CORRUPT_DOCUMENT", "no content.xml");
  const text = path(
    parseXml(xml).find((e) => e.name === "office:document-content"),
    "office:body",
    "office:text",
  );
  if (!text) throw new PlanParseError("CORRUPT_DOCUMENT", "no office:text in content.xml");
  const walker = new OdtWalker();
  walker.walk(text);
  return walker.blocks;
}

const NUMBERED_LIST = /<text:list-level-style-number\b[^>]*style:num-format="[^"]+"/;
const NUMBERED_OUTLINE = /<text:outline-level-style\b[^>]*style:num-format="[^"]+"/;

/**
 * Whether the document numbers lists or headings automatically: this reader prints the text, not
 * the numbers, so a converter (which writes them out) reads such a file better.
 */
export async function odtLosesLayout(bytes: Uint8Array): Promise<boolean> {
  const zip = await loadZip(bytes);
  const content = (await partText(zip, "content.xml")) ?? "";
  const styles = (await partText(zip, "styles.xml")) ?? "";
  const lists = content.includes("<text:list ") && (NUMBERED_LIST.test(content) || NUMBERED_LIST.test(styles));
  return lists || (content.includes("<text:h ") && NUMBERED_OUTLINE.test(styles));
}
