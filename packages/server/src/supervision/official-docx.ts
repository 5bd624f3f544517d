import {
  type AlignValue,
  addFontFallbacks,
  BODY_PARAGRAPH,
  CELL_BORDERS,
  CELL_MARGINS,
  DEFAULT_FONTS,
  type DocxFonts,
  docNumberParagraph,
  documentStyles,
  EXACT_LINE,
  FLUSH_LEFT_PARAGRAPH,
  markParagraph,
  markSize,
  OFFICIAL_RED,
  ONE_CHAR_4,
  type PageNumberStyle,
  pageNumberParagraph,
  pageNumberRun,
  portraitPage,
  rightAlignedParagraph,
  SIZE,
  TITLE_AFTER_HEADER,
  textRun,
  textWidth,
  titleLines,
} from "@luoshi/ledger-export";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  type IParagraphOptions,
  LineRuleType,
  Packer,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";

/**
 * Portrait GB/T 9704 page for notices and bulletins, built from the official-document primitives
 * of @luoshi/ledger-export (page setup, 22 × 28 grid, fonts, sizes, paragraphs, page-number footer):
 * the 红头 (red 发文机关标志, 发文字号, red separator line), a title broken between words, the body,
 * 署名 and 成文日期, and the 附注 (contact line).
 */
export const TEXT_WIDTH = textWidth();

/** 版记 type is 4号 (14 pt); its lines: the first and last 0.35 mm thick, the middle 0.25 mm thin. */
const COLOPHON_PITCH = 560;
const COLOPHON_THICK = { style: BorderStyle.SINGLE, size: 8, color: "000000", space: 1 };
const COLOPHON_THIN = { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 };

/** Paragraphs stay options until the document is built, so a later block can keep them with it. */
type Block = IParagraphOptions | Table;

const pageNumberFooter = (side: "left" | "right", style: PageNumberStyle) =>
  new Footer({
    children: [new Paragraph({ ...pageNumberParagraph(side, style), children: [new TextRun(pageNumberRun(style))] })],
  });

export class OfficialDoc {
  readonly blocks: Block[] = [];
  constructor(readonly fonts: DocxFonts = DEFAULT_FONTS) {}

  private run(text: string, font: string, size: number) {
    return new TextRun(textRun(text, font, this.fonts.latin, size));
  }

  /** 版头: the red 发文机关标志, the 发文字号 two lines below and the red separator line under it. */
  redHeader(mark: string, docNo: string): this {
    this.blocks.push(
      {
        ...markParagraph(mark),
        children: [
          new TextRun({ ...textRun(mark, this.fonts.title, this.fonts.latin, markSize(mark)), color: OFFICIAL_RED }),
        ],
      },
      { ...docNumberParagraph(), children: [this.run(docNo, this.fonts.body, SIZE.body)] },
    );
    return this;
  }

  /**
   * 标题 in 2号小标宋, centred, its lines broken between words and even in length. With `newPage` it
   * starts a new page (several letters printed as one document, e.g. a class's 家长告知书).
   */
  title(text: string, opts: { newPage?: boolean } = {}): this {
    const afterHeader = this.blocks.length > 0 && !opts.newPage;
    this.blocks.push({
      alignment: AlignmentType.CENTER,
      ...(opts.newPage ? { pageBreakBefore: true } : {}),
      spacing: { before: afterHeader ? TITLE_AFTER_HEADER : 0, after: 579 },
      children: titleLines(text).map(
        (line, i) =>
          new TextRun({ ...textRun(line, this.fonts.title, this.fonts.latin, SIZE.title), break: i ? 1 : 0 }),
      ),
    });
    return this;
  }

  centered(text: string): this {
    this.blocks.push({
      alignment: AlignmentType.CENTER,
      spacing: EXACT_LINE,
      children: [this.run(text, this.fonts.body, SIZE.body)],
    });
    return this;
  }

  /** 主送机关: flush left, ends with a full-width colon. */
  addressee(text: string): this {
    this.blocks.push({ ...FLUSH_LEFT_PARAGRAPH, children: [this.run(text, this.fonts.body, SIZE.body)] });
    return this;
  }

  /** 一级标题 in 黑体, indented two characters like the body. */
  heading(text: string): this {
    this.blocks.push({ ...BODY_PARAGRAPH, keepNext: true, children: [this.run(text, this.fonts.heading, SIZE.body)] });
    return this;
  }

  paragraph(text: string): this {
    this.blocks.push({ ...BODY_PARAGRAPH, children: [this.run(text, this.fonts.body, SIZE.body)] });
    return this;
  }

  /** The last paragraph moves to the next page with the block that follows it. */
  private keepWithNext(): void {
    const last = this.blocks.length - 1;
    const block = this.blocks[last];
    if (block && !(block instanceof Table)) this.blocks[last] = { ...block, keepNext: true };
  }

  /** 署名 and 成文日期, right-aligned four characters in, never on a page without the text above them. */
  signature(issuer: string, date: string): this {
    this.keepWithNext();
    for (const text of ["", issuer, date]) {
      this.blocks.push({
        ...rightAlignedParagraph(4),
        keepNext: text !== date,
        children: [this.run(text, this.fonts.body, SIZE.body)],
      });
    }
    return this;
  }

  /** 附注 (§7.3.6): in parentheses, two characters in, on the line after the 成文日期; none when empty. */
  note(text: string): this {
    if (!text) return this;
    this.keepWithNext();
    return this.paragraph(`（${text.replace(/^[（(]|[）)]$/g, "")}）`);
  }

  /**
   * 版记 (§7.4) after the 署名 and 附注, on the same (last) page: the 抄送 line (none when `cc` is
   * empty) and the 印发机关 with the 印发日期, in 4号仿宋 between a thick first and last line, a thin
   * line between them. (A frame would pin it to the 版心's bottom edge, but LibreOffice 7.4 lays
   * framed paragraphs out inline, so the 版记 follows the text.)
   */
  colophon(c: { cc: string; printer: string; printedOn: string }): this {
    const cc = c.cc.trim().replace(/[。．.，,；;、\s]+$/, "");
    const spacing = { line: COLOPHON_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
    const run = (text: string) => this.run(text, this.fonts.body, SIZE.colophon);
    this.keepWithNext();
    const first = { ...spacing, before: COLOPHON_PITCH };
    if (cc)
      this.blocks.push({
        spacing: first,
        keepNext: true,
        keepLines: true,
        // 左空一字 as a full-width space: an indent would shorten the 版记 lines, which span the 版心.
        border: { top: COLOPHON_THICK, bottom: COLOPHON_THIN },
        children: [run(`\u3000抄送：${cc}。`)],
      });
    this.blocks.push({
      spacing: cc ? spacing : first,
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - ONE_CHAR_4 }],
      border: { ...(cc ? {} : { top: COLOPHON_THICK }), bottom: COLOPHON_THICK },
      // 印发机关 左空一字 (a full-width space), 印发日期 右空一字 (the tab stop).
      children: [run(`\u3000${c.printer}`), new TextRun({ children: [new Tab()] }), run(`${c.printedOn}印发`)],
    });
    return this;
  }

  /** A chart: SVG with a PNG fallback for readers without SVG support. */
  image(svg: string, png: Uint8Array | null, width: number, height: number): this {
    const transformation = { width, height };
    const run = png
      ? new ImageRun({ type: "svg", data: Buffer.from(svg), fallback: { type: "png", data: png }, transformation })
      : null;
    if (run) this.blocks.push({ alignment: AlignmentType.CENTER, children: [run] });
    return this;
  }

  /** A bordered table in 五号; the header row repeats on each page. Shares are column width percentages. */
  table(header: string[], rows: string[][], shares: number[]): this {
    const widths = shares.map((s) => Math.floor((TEXT_WIDTH * s) / 100));
    const cell = (text: string, i: number, bold: boolean, align: AlignValue) =>
      new TableCell({
        width: { size: widths[i] ?? 0, type: WidthType.DXA },
        borders: CELL_BORDERS,
        verticalAlign: VerticalAlign.CENTER,
        margins: CELL_MARGINS,
        children: text.split("\n").map(
          (line) =>
            new Paragraph({
              alignment: align,
              children: [this.run(line, bold ? this.fonts.heading : this.fonts.body, SIZE.table)],
            }),
        ),
      });
    this.blocks.push(
      new Table({
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        columnWidths: widths,
        layout: TableLayoutType.FIXED,
        rows: [
          new TableRow({
            tableHeader: true,
            cantSplit: true,
            children: header.map((h, i) => cell(h, i, true, AlignmentType.CENTER)),
          }),
          ...rows.map(
            (r) =>
              new TableRow({
                cantSplit: true,
                children: r.map((v, i) => cell(v, i, false, i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT)),
              }),
          ),
        ],
      }),
    );
    return this;
  }

  async toBuffer(title: string): Promise<Uint8Array> {
    const document = new Document({
      creator: "Luoshi",
      title,
      evenAndOddHeaderAndFooters: true,
      styles: documentStyles(this.fonts),
      sections: [
        {
          properties: { page: portraitPage() },
          footers: {
            default: pageNumberFooter("right", { latin: this.fonts.latin }),
            even: pageNumberFooter("left", { latin: this.fonts.latin }),
          },
          children: this.blocks.map((b) => (b instanceof Table ? b : new Paragraph(b))),
        },
      ],
    });
    return addFontFallbacks(new Uint8Array(await Packer.toBuffer(document)), this.fonts);
  }
}
