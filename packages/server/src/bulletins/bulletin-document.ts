import { SUPERVISION_STATUS_LABELS as STATUS_LABELS, STATUS_REASON_LABELS } from "@luoshi/contract";
import { type SheetSpec, tablesToXlsx } from "@luoshi/ledger-export";
import { colophonOf, type Letterhead } from "../bureau/letterhead.js";
import { chineseDate } from "../supervision/messages.js";
import { OfficialDoc } from "../supervision/official-docx.js";
import { type Chart, completionChart, statusChart } from "./bulletin-charts.js";
import { type BulletinFigures, percent, type UnitRank } from "./unit-figures.js";

/** Everything a bulletin (通报) shows, gathered before any layout. */
export interface BulletinData extends BulletinFigures {
  issuer: string;
  period: string;
  periodLabel: string;
  /** 成文日期: the generation day; the figures describe `asOf` (the period's last day, or today). */
  issuedOn: string;
}

/** A bulletin as it is sent: its data under the bureau's letterhead and its number. */
export interface BulletinDocument extends BulletinData {
  /** The bureau's 红头, 署名 and contact line (系统管理 › 公文设置). */
  letterhead: Letterhead;
  /** 发文字号, e.g. 青教体通〔2026〕3号. */
  docNo: string;
}

export const bulletinTitle = (d: Pick<BulletinData, "issuer" | "periodLabel">) =>
  `${d.issuer}关于${d.periodLabel}工作任务落实情况的通报`;

/** The stored summary: the totals, the day they describe and the grouped overdue list. */
export const headline = (d: BulletinData) => ({ ...d.totals, asOf: d.asOf, overdueByUnit: d.overdue });

const reasonText = (reasons: string[]) =>
  reasons
    .map((r) =>
      r.startsWith("missing_report:")
        ? `${r.slice(15)}期未填报`
        : (STATUS_REASON_LABELS[r as keyof typeof STATUS_REASON_LABELS] ?? r),
    )
    .join("；");

const UNIT_HEADER = ["名次", "单位", "任务数", "已完成", "逾期", "预警", "完成率", "按时填报率"];
const unitCells = (u: UnitRank) => [
  u.rank,
  u.orgName,
  u.total,
  u.done,
  u.overdue,
  u.warning,
  percent(u.completion),
  percent(u.timeliness),
];

const OVERDUE_HEADER = ["序号", "责任单位", "任务", "完成时限", "情况"];
/** One row per overdue task, numbered 1…n, grouped by unit; the unit is named on its first row. */
export function overdueRows(d: Pick<BulletinData, "overdue">, repeatUnit: boolean): (string | number)[][] {
  const rows = d.overdue.flatMap((g) =>
    g.tasks.map((t, i) => [
      i === 0 || repeatUnit ? `${g.orgName}${i === 0 ? `（${g.tasks.length}项）` : ""}` : "",
      `${t.taskNo} ${t.taskTitle}`,
      t.dueDate ?? "",
      reasonText(t.reasons),
    ]),
  );
  return rows.map((cells, i) => [i + 1, ...cells]);
}

const indicatorCells = (i: BulletinData["indicators"][number]) => [
  i.task_no,
  // A value computed from a ledger carries its arithmetic (ledgers/ledger-actuals.ts).
  "derivation" in i && i.derivation ? `${i.text}\n${i.derivation}` : i.text,
  i.progress === null ? "—" : `${i.progress}%`,
  STATUS_LABELS[i.status],
];

const strings = (rows: (string | number)[][]) => rows.map((r) => r.map(String));

export async function bulletinDocx(d: BulletinDocument): Promise<{ bytes: Uint8Array; charts: Chart[] }> {
  const h = d.totals;
  const charts = await Promise.all([statusChart(h), completionChart(d.units)]);
  const doc = new OfficialDoc()
    .redHeader(d.letterhead.mark, d.docNo)
    .title(bulletinTitle(d))
    .addressee("各股室、各学校：")
    .paragraph(`现将${d.periodLabel}年度工作任务落实情况通报如下（数据截至${chineseDate(d.asOf)}）。`)
    .heading("一、总体情况")
    .paragraph(
      `全局共分解落实任务${h.total}项（按责任单位计），已完成${h.done}项，完成率${percent(h.completion)}；` +
        `正常推进${h.normal}项，预警${h.warning}项，逾期${h.overdue}项。` +
        `监测指标${h.indicators}项，已达标${h.indicatorsDone}项。`,
    );
  const [pie, bars] = charts as [Chart, Chart];
  const px = (c: Chart, width: number) => [width, Math.round((c.height * width) / c.width)] as const;
  doc.image(pie.svg, pie.png, ...px(pie, 400));
  doc.heading("二、各单位完成情况").paragraph("按任务完成率、按时填报率排序如下。");
  doc.table(UNIT_HEADER, strings(d.units.map(unitCells)), [8, 28, 10, 10, 9, 9, 12, 14]);
  doc.image(bars.svg, bars.png, ...px(bars, 520));
  doc.heading("三、逾期任务");
  if (d.overdue.length === 0) doc.paragraph("本期无逾期任务。");
  else {
    doc.paragraph(`截至${chineseDate(d.asOf)}，${d.overdue.length}个单位共有逾期任务${h.overdue}项，按单位列出如下。`);
    doc.table(OVERDUE_HEADER, strings(overdueRows(d, false)), [8, 20, 38, 14, 20]);
  }
  doc.heading("四、指标完成情况");
  if (d.indicators.length === 0) doc.paragraph("本期无监测指标。");
  else doc.table(["任务", "指标", "进度", "状态"], strings(d.indicators.map(indicatorCells)), [10, 56, 14, 20]);
  doc
    .heading("五、下一步要求")
    .paragraph("各单位要对照任务分解表，对逾期和预警任务逐项分析原因，明确整改措施和完成时限，按时报送进度。")
    .paragraph("特此通报。")
    .paragraph("附件：各单位工作任务落实情况统计表")
    .signature(d.letterhead.signature, chineseDate(d.issuedOn))
    .note(d.letterhead.contactLine)
    .colophon(colophonOf(d.letterhead, chineseDate(d.issuedOn)));
  return { bytes: await doc.toBuffer(bulletinTitle(d)), charts };
}

/** The appendix workbook: unit ranking, overdue tasks (the unit on every row, for filtering), indicators. */
export async function bulletinXlsx(d: BulletinData): Promise<Uint8Array> {
  const sheets: SheetSpec[] = [
    {
      name: "各单位完成情况",
      title: `附件  各单位工作任务落实情况统计表（${d.periodLabel}，截至${chineseDate(d.asOf)}）`,
      header: UNIT_HEADER,
      rows: d.units.map(unitCells),
      widths: [8, 28, 10, 10, 8, 8, 12, 14],
    },
    {
      name: "逾期任务",
      title: `逾期任务清单（截至${chineseDate(d.asOf)}，共${d.totals.overdue}项）`,
      header: OVERDUE_HEADER,
      rows: overdueRows(d, true),
      widths: [8, 28, 50, 14, 30],
    },
    {
      name: "指标完成情况",
      title: "指标完成情况",
      header: ["任务", "指标", "进度", "状态"],
      rows: d.indicators.map(indicatorCells),
      widths: [10, 60, 12, 12],
    },
  ];
  return tablesToXlsx(sheets);
}
