import {
  addFontFallbacks,
  BODY_PARAGRAPH,
  DEFAULT_FONTS,
  EXACT_LINE,
  FLUSH_LEFT_PARAGRAPH,
  PAGE_NUMBER_FONT,
  type PageNumberStyle,
  PORTRAIT_MARGINS,
  pageNumberParagraph,
  pageNumberRun,
  portraitPage,
  rightAlignedParagraph,
  runFont,
  SINGLE_BORDER,
  SIZE,
  textRun,
} from "@luoshi/ledger-export";
import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { LABELS } from "./messages.js";
import type { PlacementRun } from "./placement.js";
import { balanceLines, hashLines, statisticsTable } from "./presenters.js";

/**
 * The public notice (公示) in the GB/T 9704—2012 layout: A4, margins 37/35/28/26 mm, title 2号
 * 方正小标宋简体 centred, body 3号 仿宋_GB2312 with a 2-character first-line indent at a fixed
 * 28.95 pt line pitch (22 lines per page), level-1 headings 3号 黑体, signature and date right-aligned,
 * page numbers "— N —" in 4号 宋体 (odd pages right, even pages left, one character in).
 */

export interface NoticeOptions {
  /** e.g. 「××学校2025级七年级新生均衡编班结果公示」 */
  title?: string;
  addressee?: string;
  /** Issuing school or bureau (署名). */
  organization?: string;
  /** 成文日期 as YYYY年M月D日 (no leading zeros); see noticeDate. */
  date: string;
  /** Command that re-runs the verification, quoted in the notice. */
  verifyCommand?: string;
  /** Append the class lists (names) as 附件. */
  includeLists?: boolean;
  /** How a student appears in those lists; the name alone by default (the server adds a masked id). */
  studentLine?: (student: { id: string; name: string }) => string;
}

const { body: FONT_BODY, title: FONT_TITLE, heading: FONT_HEADING, latin: LATIN } = DEFAULT_FONTS;
/**
 * The standard portrait margins (@luoshi/ledger-export PORTRAIT_MARGINS), except the left at 1588 twips
 * rather than 28 mm's nearest 1587, so that the text block is exactly 156 mm (8844 twips) wide.
 */
const NOTICE_MARGINS = { ...PORTRAIT_MARGINS, left: 1588 };
/** Page numbers one character in from the outer edge only. */
const PAGE_NUMBER: PageNumberStyle = { latin: PAGE_NUMBER_FONT, indent: "outer" };

const run = (text: string, font: string, size: number, bold = false) =>
  new TextRun(textRun(text, font, LATIN, size, bold));

/** Characters of 2号 type on one 156 mm line. */
const TITLE_LINE = 20;

/** 成文日期 of a notice issued at `now` in Asia/Shanghai, as GB/T 9704 writes it: 2025年8月20日. */
export function noticeDate(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "numeric",
    day: "numeric",
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return `${part("year")}年${part("month")}月${part("day")}日`;
}

/**
 * Splits a long title into centred lines of similar length (the standard's 梯形/菱形 shape), breaking
 * after a unit of meaning (school or grade name, before 关于) when one lies near the balanced point.
 */
export function titleLines(text: string): string[] {
  if (text.length <= TITLE_LINE) return [text];
  const lines = Math.ceil(text.length / TITLE_LINE);
  const ideal = Math.floor(text.length / lines);
  const breaks = [...text.matchAll(/(学校|中学|小学|学院|教育局|年级|级|关于)/g)].map((m) =>
    m[0] === "关于" ? m.index! : m.index! + m[0].length,
  );
  const near = breaks
    .filter((b) => b <= TITLE_LINE && Math.abs(b - ideal) <= 3)
    .sort((a, b) => Math.abs(a - ideal) - Math.abs(b - ideal));
  const cut = near[0] ?? ideal;
  return [text.slice(0, cut), ...titleLines(text.slice(cut))];
}

export const title = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: EXACT_LINE,
    children: titleLines(text).map(
      (line, i) =>
        new TextRun({ text: line, break: i > 0 ? 1 : 0, size: SIZE.title, font: runFont(FONT_TITLE, LATIN) }),
    ),
  });
export const blank = () => new Paragraph({ ...FLUSH_LEFT_PARAGRAPH, children: [] });
export const body = (text: string) => new Paragraph({ ...BODY_PARAGRAPH, children: [run(text, FONT_BODY, SIZE.body)] });
export const heading = (text: string) =>
  new Paragraph({ ...BODY_PARAGRAPH, children: [run(text, FONT_HEADING, SIZE.body)] });
export const flushLeft = (text: string) =>
  new Paragraph({ ...FLUSH_LEFT_PARAGRAPH, children: [run(text, FONT_BODY, SIZE.body)] });
export const rightAligned = (text: string, charsFromRight: number) =>
  new Paragraph({ ...rightAlignedParagraph(charsFromRight), children: [run(text, FONT_BODY, SIZE.body)] });

function statisticsDocTable(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold: boolean) =>
    new TableCell({
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, FONT_BODY, SIZE.table, bold)] }),
      ],
    });
  const line = SINGLE_BORDER;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((t) => cell(t, false)) })),
    ],
  });
}

const pageNumberFooter = (side: "left" | "right") =>
  new Footer({
    children: [
      new Paragraph({ ...pageNumberParagraph(side, PAGE_NUMBER), children: [new TextRun(pageNumberRun(PAGE_NUMBER))] }),
    ],
  });

const SINGLE_STEP_SEED_TEXT =
  "编班所用的随机数全部由下列公开信息确定：学生名单与编班参数在摇号前固定并计算哈希值，现场公开摇出的数字在编班时录入，三者合并后再计算哈希值作为随机种子。相同的名单、参数和摇号数字必然得到完全相同的结果，任何人均可复核。";
const COMMITTED_SEED_TEXT =
  "编班分三步进行：先固定学生名单与编班参数并公布其哈希值（承诺），再在见证人监督下录入公开摇出的号码（摇号），最后只用承诺的名单、参数和摇号号码编班。随机种子由承诺哈希与摇号号码合并后计算哈希值得到。相同的输入必然得到完全相同的结果，任何人均可复核；承诺后改动名单、或在承诺前已知摇号号码，都无法通过验证。";
const supplementText = (baseResultHash: string) =>
  `本次为补录：只编排首次编班后新增的学生，编入各班剩余学位，不改变首次编班结果（首次编班结果哈希 ${baseResultHash}）。`;

/** Method paragraphs: what was balanced, how, and how the lottery is made verifiable. */
function methodParagraphs(placement: PlacementRun): Paragraph[] {
  const { inputs, classes } = placement.result;
  const capacities = [...new Set(inputs.capacities)].join("、");
  const withTeachers = classes.some((c) => c.headTeacher);
  return [
    heading("一、编班方法"),
    body(
      `本次共 ${inputs.studentCount} 名学生编入 ${inputs.classCount} 个班，班额 ${capacities} 人。编班不设重点班、快慢班，采用计算机均衡分组（反聚类交换法）：以各科成绩标准化后的均值和离散程度、性别及各类学生（如住校、特殊需要）人数为均衡指标，从随机初始分组出发，反复交换不同班级的学生，直至任何交换都不能再使各班更加均衡；共从 ${inputs.restarts} 个随机起点计算，取最均衡的结果。`,
    ),
    body("家长申请同班的多胞胎、兄弟姐妹作为一个整体编入同一班级，申请分开的学生编入不同班级；各班人数不超过班额。"),
    ...(withTeachers ? [body("各班学生确定后，再由同一随机种子抽签确定各班班主任（教师团队）。")] : []),
    heading("二、随机种子与验证"),
    body(inputs.commitmentHash ? COMMITTED_SEED_TEXT : SINGLE_STEP_SEED_TEXT),
    ...(inputs.supplementOf ? [body(supplementText(inputs.supplementOf.baseResultHash))] : []),
    ...hashLines(placement.result, placement.resultHash).map(body),
  ];
}

export async function publicNoticeDocx(placement: PlacementRun, options: NoticeOptions): Promise<Buffer> {
  const stats = statisticsTable(placement.result);
  const children: (Paragraph | Table)[] = [
    title(options.title ?? "新生均衡编班结果公示"),
    blank(),
    flushLeft(options.addressee ?? "各位家长、同学："),
    ...methodParagraphs(placement),
  ];
  if (options.verifyCommand) children.push(body(`复核命令：${options.verifyCommand}`));
  children.push(heading("三、各班统计"), statisticsDocTable(stats.header, stats.rows));
  children.push(heading("四、均衡情况"), ...balanceLines(placement.result).map(body));
  children.push(body("公示期间如有疑问，请向学校反映。"), body("特此公示。"));
  if (options.includeLists) children.push(blank(), body("附件：各班学生名单"));
  children.push(blank(), rightAligned(options.organization ?? "", 4), rightAligned(options.date, 4));
  if (options.includeLists) {
    children.push(new Paragraph({ ...FLUSH_LEFT_PARAGRAPH, children: [run("附件", FONT_HEADING, SIZE.body)] }));
    children.push(blank(), title("各班学生名单"));
    for (const c of placement.result.classes) {
      const head = c.headTeacher ? `（${LABELS.headTeacher}：${c.headTeacher.name}）` : "";
      children.push(
        heading(`${LABELS.className(c.classNo)}${head}`),
        body(c.students.map(options.studentLine ?? ((s) => s.name)).join("、")),
      );
    }
  }
  return noticeDocument(children);
}

/** A notice's paragraphs as an A4 GB/T 9704 document with page numbers. */
export async function noticeDocument(children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: { page: portraitPage(NOTICE_MARGINS) },
        footers: { default: pageNumberFooter("right"), even: pageNumberFooter("left") },
        children,
      },
    ],
  });
  // Declared fonts with fallbacks, so a machine without 仿宋_GB2312 prints 仿宋, not a default font.
  return Buffer.from(await addFontFallbacks(new Uint8Array(await Packer.toBuffer(doc)), DEFAULT_FONTS));
}
