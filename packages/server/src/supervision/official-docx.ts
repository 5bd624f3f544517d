import {
  type AlignValue,
  addFontFallbacks,
  BODY_PARAGRAPH,
  CELL_BORDERS,
  CELL_MARGINS,
  DEFAULT_FONTS,
  type DocxFonts,
  documentStyles,
  EXACT_LINE,
  FLUSH_LEFT_PARAGRAPH,
  type PageNumberStyle,
  pageNumberParagraph,
  pageNumberRun,
  portraitPage,
  rightAlignedParagraph,
  SIZE,
  textRun,
  textWidth,
} from "@luoshi/ledger-export";
import {
  AlignmentType,
  Document,
  Footer,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";

/**
 * Portrait GB/T 9704 page for notices and bulletins, built from the official-document primitives
 * of @luoshi/ledger-export (page setup, fonts, sizes, paragraphs, page-number footer).
 */
export const TEXT_WIDTH = textWidth();

type Block = Paragraph | Table;

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

  title(text: string): this {
    this.blocks.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 579 },
        children: [this.run(text, this.fonts.title, SIZE.title)],
      }),
    );
    return this;
  }

  centered(text: string): this {
    this.blocks.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: EXACT_LINE,
        children: [this.run(text, this.fonts.body, SIZE.body)],
      }),
    );
    return this;
  }

  /** 主送机关: flush left, ends with a full-width colon. */
  addressee(text: string): this {
    this.blocks.push(
      new Paragraph({ ...FLUSH_LEFT_PARAGRAPH, children: [this.run(text, this.fonts.body, SIZE.body)] }),
    );
    return this;
  }

  /** 一级标题 in 黑体, indented two characters like the body. */
  heading(text: string): this {
    this.blocks.push(new Paragraph({ ...BODY_PARAGRAPH, children: [this.run(text, this.fonts.heading, SIZE.body)] }));
    return this;
  }

  paragraph(text: string): this {
    this.blocks.push(new Paragraph({ ...BODY_PARAGRAPH, children: [this.run(text, this.fonts.body, SIZE.body)] }));
    return this;
  }

  /** 署名 and 成文日期, right-aligned four characters in. */
  signature(issuer: string, date: string): this {
    for (const text of ["", issuer, date]) {
      this.blocks.push(
        new Paragraph({ ...rightAlignedParagraph(4), children: [this.run(text, this.fonts.body, SIZE.body)] }),
      );
    }
    return this;
  }

  /** A chart: SVG with a PNG fallback for readers without SVG support. */
  image(svg: string, png: Uint8Array | null, width: number, height: number): this {
    const transformation = { width, height };
    const run = png
      ? new ImageRun({ type: "svg", data: Buffer.from(svg), fallback: { type: "png", data: png }, transformation })
      : null;
    if (run) this.blocks.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run] }));
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
          children: this.blocks,
        },
      ],
    });
    return addFontFallbacks(new Uint8Array(await Packer.toBuffer(document)), this.fonts);
  }
}
