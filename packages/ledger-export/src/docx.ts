import {
  AlignmentType,
  Document,
  Footer,
  HeightRule,
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
import { COLUMN_SHARES, TABLE_WIDTH } from "./docx-style.js";
import type { LedgerInput, LedgerPlan } from "./input.js";
import { ledgerRows, planTitle, rowCells } from "./ledger-rows.js";
import { LEDGER_COLUMNS, messages } from "./messages.js";
import {
  type AlignValue,
  addFontFallbacks,
  CELL_BORDERS,
  CELL_MARGINS,
  DEFAULT_FONTS,
  type DocxFonts,
  documentStyles,
  landscapePage,
  type PageNumberStyle,
  pageNumberParagraph,
  pageNumberRun,
  SIZE,
  textRun,
} from "./official-document.js";
import { xmlSafe } from "./text.js";
import { titleLines } from "./title-lines.js";

export interface DocxOptions {
  fonts?: Partial<DocxFonts>;
}

const COLUMN_WIDTHS = COLUMN_SHARES.map((share) => Math.floor((TABLE_WIDTH * share) / 100));

/** The 任务分解表 as a Word document: one landscape A4 section per plan, header row repeated on each page. */
export async function ledgerToDocx(doc: LedgerInput, options: DocxOptions = {}): Promise<Uint8Array> {
  const fonts: DocxFonts = { ...DEFAULT_FONTS, ...options.fonts };
  const plans: LedgerPlan[] = doc.plans.length ? doc.plans : [{ title: messages.documentTitle, year: null, tasks: [] }];
  const document = new Document({
    creator: "Luoshi",
    title: xmlSafe(plans.map(planTitle).join("；")),
    evenAndOddHeaderAndFooters: true,
    styles: documentStyles(fonts),
    sections: plans.map((plan) => ({
      properties: { page: landscapePage() },
      footers: {
        default: pageNumberFooter("right", { latin: fonts.latin }),
        even: pageNumberFooter("left", { latin: fonts.latin }),
      },
      children: planChildren(plan, fonts),
    })),
  });
  const bytes = new Uint8Array(await Packer.toBuffer(document));
  return addFontFallbacks(bytes, fonts);
}

function planChildren(plan: LedgerPlan, fonts: DocxFonts): (Paragraph | Table)[] {
  const rows = ledgerRows(plan);
  const title = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    // Landscape: 225 mm of 二号 holds 28 characters a line; longer titles break between words.
    children: titleLines(planTitle(plan), 28).map(
      (line, i) =>
        new TextRun({
          ...textRun(xmlSafe(line), fonts.title, fonts.latin, SIZE.title),
          break: i ? 1 : 0,
        }),
    ),
  });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    height: { value: 480, rule: HeightRule.ATLEAST },
    children: LEDGER_COLUMNS.map((label, i) =>
      cell([label], i, { font: fonts.heading, latin: fonts.latin, bold: true, align: AlignmentType.CENTER }),
    ),
  });
  const body = rows.map(
    (row) =>
      new TableRow({
        children: rowCells(row).map((text, i) =>
          cell(text.split("\n"), i, {
            font: fonts.body,
            latin: fonts.latin,
            align: i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT,
          }),
        ),
      }),
  );
  const table = new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMN_WIDTHS,
    layout: TableLayoutType.FIXED,
    rows: [header, ...body],
  });
  const children: (Paragraph | Table)[] = [title, table];
  if (!rows.length)
    children.push(
      new Paragraph({ children: [run(messages.noTasks, { font: fonts.body, latin: fonts.latin, size: SIZE.table })] }),
    );
  return children;
}

interface RunStyle {
  font: string;
  latin: string;
  size?: number;
  bold?: boolean;
}

function run(text: string, style: RunStyle): TextRun {
  return new TextRun(textRun(xmlSafe(text), style.font, style.latin, style.size ?? SIZE.table, style.bold ?? false));
}

function cell(lines: string[], column: number, style: RunStyle & { align: AlignValue }): TableCell {
  return new TableCell({
    width: { size: COLUMN_WIDTHS[column] ?? 0, type: WidthType.DXA },
    borders: CELL_BORDERS,
    verticalAlign: style.align === AlignmentType.CENTER ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: CELL_MARGINS,
    children: lines.map((line) => new Paragraph({ alignment: style.align, children: [run(line, style)] })),
  });
}

const pageNumberFooter = (side: "left" | "right", style: PageNumberStyle) =>
  new Footer({
    children: [new Paragraph({ ...pageNumberParagraph(side, style), children: [new TextRun(pageNumberRun(style))] })],
  });
