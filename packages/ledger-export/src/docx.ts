import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  type ParagraphChild,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import {
  A4,
  COLUMN_SHARES,
  DEFAULT_FONTS,
  type DocxFonts,
  LANDSCAPE_MARGINS,
  SIZE,
  TABLE_WIDTH,
} from "./docx-style.js";
import { addFontFallbacks } from "./font-table.js";
import type { LedgerInput, LedgerPlan } from "./input.js";
import { ledgerRows, planTitle, rowCells } from "./ledger-rows.js";
import { LEDGER_COLUMNS, messages } from "./messages.js";
import { xmlSafe } from "./text.js";

export interface DocxOptions {
  fonts?: Partial<DocxFonts>;
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const CELL_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
const COLUMN_WIDTHS = COLUMN_SHARES.map((share) => Math.floor((TABLE_WIDTH * share) / 100));

/** The 任务分解表 as a Word document: one landscape A4 section per plan, header row repeated on each page. */
export async function ledgerToDocx(doc: LedgerInput, options: DocxOptions = {}): Promise<Uint8Array> {
  const fonts: DocxFonts = { ...DEFAULT_FONTS, ...options.fonts };
  const plans: LedgerPlan[] = doc.plans.length ? doc.plans : [{ title: messages.documentTitle, year: null, tasks: [] }];
  const document = new Document({
    creator: "Luoshi",
    title: xmlSafe(plans.map(planTitle).join("；")),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: { eastAsia: fonts.body, ascii: fonts.latin, hAnsi: fonts.latin }, size: SIZE.body },
        },
      },
    },
    sections: plans.map((plan) => ({
      properties: {
        page: {
          size: { ...A4, orientation: PageOrientation.LANDSCAPE },
          margin: LANDSCAPE_MARGINS,
        },
      },
      footers: {
        default: pageNumberFooter(fonts, AlignmentType.RIGHT),
        even: pageNumberFooter(fonts, AlignmentType.LEFT),
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
    children: [run(planTitle(plan), { font: fonts.title, latin: fonts.latin, size: SIZE.title })],
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
  return new TextRun({
    text: xmlSafe(text),
    bold: style.bold ?? false,
    size: style.size ?? SIZE.table,
    font: { eastAsia: style.font, ascii: style.latin, hAnsi: style.latin },
  });
}

type AlignValue = (typeof AlignmentType)[keyof typeof AlignmentType];

function cell(lines: string[], column: number, style: RunStyle & { align: AlignValue }): TableCell {
  return new TableCell({
    width: { size: COLUMN_WIDTHS[column] ?? 0, type: WidthType.DXA },
    borders: CELL_BORDERS,
    verticalAlign: style.align === AlignmentType.CENTER ? VerticalAlign.CENTER : VerticalAlign.TOP,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: lines.map((line) => new Paragraph({ alignment: style.align, children: [run(line, style)] })),
  });
}

/** "— N —" in 四号宋体: odd pages right, even pages left (GB/T 9704 §7.5). */
function pageNumberFooter(fonts: DocxFonts, alignment: AlignValue): Footer {
  const children: ParagraphChild[] = [
    new TextRun({
      children: ["— ", PageNumber.CURRENT, " —"],
      size: SIZE.pageNumber,
      font: { eastAsia: "宋体", ascii: fonts.latin, hAnsi: fonts.latin },
    }),
  ];
  return new Footer({ children: [new Paragraph({ alignment, indent: { left: 280, right: 280 }, children })] });
}
