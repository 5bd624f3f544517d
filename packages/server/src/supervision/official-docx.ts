import { DEFAULT_FONTS, type DocxFonts } from "@luoshi/ledger-export";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
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
 * Portrait GB/T 9704 page for notices and bulletins, with the fonts of the ledger export
 * (@luoshi/ledger-export DEFAULT_FONTS). Margins 37/35/28/26 mm, 三号仿宋 at a fixed 28.95 pt line.
 */
const mm = (x: number) => Math.round((x * 1440) / 25.4);
const PAGE = { width: mm(210), height: mm(297) };
const MARGINS = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(28) };
export const TEXT_WIDTH = PAGE.width - MARGINS.left - MARGINS.right;
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt. */
const SIZE = { title: 44, body: 32, small: 28, table: 21 };
const LINE = { line: 579, lineRule: LineRuleType.EXACT };
const INDENT_2 = 640;

type Block = Paragraph | Table;
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

export class OfficialDoc {
  readonly blocks: Block[] = [];
  constructor(readonly fonts: DocxFonts = DEFAULT_FONTS) {}

  private run(text: string, font: string, size: number, bold = false) {
    return new TextRun({
      text,
      bold,
      size,
      font: { eastAsia: font, ascii: this.fonts.latin, hAnsi: this.fonts.latin },
    });
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
        spacing: LINE,
        children: [this.run(text, this.fonts.body, SIZE.body)],
      }),
    );
    return this;
  }

  /** 主送机关: flush left, ends with a full-width colon. */
  addressee(text: string): this {
    this.blocks.push(new Paragraph({ spacing: LINE, children: [this.run(text, this.fonts.body, SIZE.body)] }));
    return this;
  }

  /** 一级标题 in 黑体, indented two characters like the body. */
  heading(text: string): this {
    this.blocks.push(
      new Paragraph({
        spacing: LINE,
        indent: { firstLine: INDENT_2 },
        children: [this.run(text, this.fonts.heading, SIZE.body)],
      }),
    );
    return this;
  }

  paragraph(text: string): this {
    this.blocks.push(
      new Paragraph({
        spacing: LINE,
        indent: { firstLine: INDENT_2 },
        children: [this.run(text, this.fonts.body, SIZE.body)],
      }),
    );
    return this;
  }

  /** 署名 and 成文日期, right-aligned four characters in. */
  signature(issuer: string, date: string): this {
    for (const text of ["", issuer, date]) {
      this.blocks.push(
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          spacing: LINE,
          indent: { right: INDENT_2 * 2 },
          children: [this.run(text, this.fonts.body, SIZE.body)],
        }),
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
    const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
    const borders = { top: border, bottom: border, left: border, right: border };
    const cell = (text: string, i: number, bold: boolean, align: Align) =>
      new TableCell({
        width: { size: widths[i] ?? 0, type: WidthType.DXA },
        borders,
        verticalAlign: VerticalAlign.CENTER,
        margins: { top: 40, bottom: 40, left: 80, right: 80 },
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
    const footer = (alignment: Align) =>
      new Footer({
        children: [
          new Paragraph({
            alignment,
            indent: { left: 280, right: 280 },
            children: [
              new TextRun({
                children: ["— ", PageNumber.CURRENT, " —"],
                size: SIZE.small,
                font: { eastAsia: "宋体", ascii: this.fonts.latin, hAnsi: this.fonts.latin },
              }),
            ],
          }),
        ],
      });
    const document = new Document({
      creator: "Luoshi",
      title,
      evenAndOddHeaderAndFooters: true,
      styles: {
        default: {
          document: {
            run: {
              font: { eastAsia: this.fonts.body, ascii: this.fonts.latin, hAnsi: this.fonts.latin },
              size: SIZE.body,
            },
          },
        },
      },
      sections: [
        {
          properties: { page: { size: PAGE, margin: MARGINS } },
          footers: { default: footer(AlignmentType.RIGHT), even: footer(AlignmentType.LEFT) },
          children: this.blocks,
        },
      ],
    });
    return new Uint8Array(await Packer.toBuffer(document));
  }
}
