import { type Chart, completionChart, statusChart } from "./bulletin-charts.js";
import type { indicatorRows, overdueAssignments } from "./figures.repository.js";
import { chineseDate, REASON_LABELS, STATUS_LABELS } from "./messages.js";
import { OfficialDoc } from "./official-docx.js";
import { percent, type UnitRank } from "./unit-ranking.js";
import { type SheetSpec, tablesToXlsx } from "./xlsx-table.js";

/** Everything a bulletin (通报) shows, gathered before any layout. */
export interface BulletinData {
  issuer: string;
  period: string;
  periodLabel: string;
  /** Day of the status snapshot the bulletin reports (成文日期 is the generation day). */
  asOf: string;
  issuedOn: string;
  units: UnitRank[];
  overdue: Awaited<ReturnType<typeof overdueAssignments>>;
  indicators: Awaited<ReturnType<typeof indicatorRows>>;
}

export const bulletinTitle = (d: Pick<BulletinData, "issuer" | "periodLabel">) =>
  `${d.issuer}关于${d.periodLabel}工作任务落实情况的通报`;

export function headline(d: BulletinData) {
  const sum = (k: "total" | "done" | "overdue" | "warning") => d.units.reduce((s, u) => s + u[k], 0);
  const total = sum("total");
  return {
    total,
    done: sum("done"),
    overdue: sum("overdue"),
    warning: sum("warning"),
    normal: total - sum("done") - sum("overdue") - sum("warning"),
    completion: total ? sum("done") / total : 0,
    indicators: d.indicators.length,
    indicatorsDone: d.indicators.filter((i) => i.status === "done").length,
  };
}

const reasonText = (reasons: string[]) =>
  reasons.map((r) => (r.startsWith("missing_report:") ? `${r.slice(15)}期未填报` : (REASON_LABELS[r] ?? r))).join("；");

const UNIT_HEADER = ["名次", "单位", "任务数", "已完成", "逾期", "预警", "完成率", "按时填报率"];
const unitRow = (u: UnitRank) => [
  String(u.rank),
  u.orgName,
  String(u.total),
  String(u.done),
  String(u.overdue),
  String(u.warning),
  percent(u.completion),
  percent(u.timeliness),
];

export async function bulletinDocx(d: BulletinData): Promise<{ bytes: Uint8Array; charts: Chart[] }> {
  const h = headline(d);
  const charts = await Promise.all([statusChart(h), completionChart(d.units)]);
  const doc = new OfficialDoc()
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
  doc.table(UNIT_HEADER, d.units.map(unitRow), [8, 28, 10, 10, 9, 9, 12, 14]);
  doc.image(bars.svg, bars.png, ...px(bars, 520));
  doc.heading("三、逾期任务");
  if (d.overdue.length === 0) doc.paragraph("本期无逾期任务。");
  else
    doc.table(
      ["序号", "任务", "责任单位", "完成时限", "情况"],
      d.overdue.map((o, i) => [
        String(i + 1),
        `${o.no} ${o.title}`,
        o.org_name,
        o.due_date ?? "",
        reasonText(o.reasons),
      ]),
      [8, 40, 18, 14, 20],
    );
  doc.heading("四、指标完成情况");
  if (d.indicators.length === 0) doc.paragraph("本期无监测指标。");
  else
    doc.table(
      ["任务", "指标", "进度", "状态"],
      d.indicators.map((i) => [i.no, i.text, i.progress === null ? "—" : `${i.progress}%`, STATUS_LABELS[i.status]]),
      [10, 56, 14, 20],
    );
  doc
    .heading("五、下一步要求")
    .paragraph("各单位要对照任务分解表，对逾期和预警任务逐项分析原因，明确整改措施和完成时限，按时报送进度。")
    .paragraph("特此通报。")
    .paragraph("附件：各单位工作任务落实情况统计表")
    .signature(d.issuer, chineseDate(d.issuedOn));
  return { bytes: await doc.toBuffer(bulletinTitle(d)), charts };
}

/** The appendix workbook: unit ranking, overdue tasks, indicators. */
export async function bulletinXlsx(d: BulletinData): Promise<Uint8Array> {
  const sheets: SheetSpec[] = [
    {
      name: "各单位完成情况",
      title: `附件  各单位工作任务落实情况统计表（${d.periodLabel}）`,
      header: UNIT_HEADER,
      rows: d.units.map((u) => [
        u.rank,
        u.orgName,
        u.total,
        u.done,
        u.overdue,
        u.warning,
        percent(u.completion),
        percent(u.timeliness),
      ]),
      widths: [8, 28, 10, 10, 8, 8, 12, 14],
    },
    {
      name: "逾期任务",
      title: `逾期任务清单（截至${chineseDate(d.asOf)}）`,
      header: ["序号", "任务", "责任单位", "完成时限", "情况"],
      rows: d.overdue.map((o, i) => [i + 1, `${o.no} ${o.title}`, o.org_name, o.due_date ?? "", reasonText(o.reasons)]),
      widths: [8, 50, 24, 14, 30],
    },
    {
      name: "指标完成情况",
      title: "指标完成情况",
      header: ["任务", "指标", "进度", "状态"],
      rows: d.indicators.map((i) => [
        i.no,
        i.text,
        i.progress === null ? "—" : `${i.progress}%`,
        STATUS_LABELS[i.status],
      ]),
      widths: [10, 60, 12, 12],
    },
  ];
  return tablesToXlsx(sheets);
}
