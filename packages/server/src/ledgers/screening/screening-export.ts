import {
  BMI_CATEGORY_LABELS,
  FITNESS_GRADE_LABELS,
  FOLLOWUP_REASON_LABELS,
  type FollowupReason,
  LEDGER_METRIC_LABELS,
  SCREENING_RATE_METRICS,
  type ScreeningRateGroup,
  type ScreeningRates,
  type ScreeningResult,
} from "@luoshi/contract";
import { recordAudit } from "../../audit/audit.repository.js";
import type { Actor } from "../../auth/actor.js";
import type { Database } from "../../db/database.js";
import { todayInShanghai } from "../../progress/periods.js";
import { zhCompare } from "../../zh-order.js";
import type { Cell } from "../ledger-sheet.js";
import { type PrintTable, tablesToWorkbook } from "../ledger-xlsx.js";
import { gradeLabel, RATE_RULES, screeningFollowups, screeningRates, screeningStudents } from "./screening.service.js";

/**
 * The screening ledger as print-ready workbooks (the ledger xlsx helpers: A4 landscape, title and
 * header repeated on each page): the school's list of results with its 重点关注 sheet (names and
 * numbers masked, for the school and the department only, the export audited), and the bureau's
 * comparison of each rate across schools over three years (numerator/denominator in every cell).
 */

/** The most rows one export holds (a county's largest school has a few thousand students). */
const MAX_ROWS = 60_000;
const YEARS = 3;

const n = (v: number | null, digits: number): Cell => (v === null ? null : Number(v.toFixed(digits)));
const yesNo = (v: boolean | null) => (v === null ? "不能判定" : v ? "是" : "否");
const label = <T extends Record<string, string>>(labels: T, v: string | null) =>
  v === null ? null : (labels[v as keyof T] ?? v);

function resultRow(r: ScreeningResult, i: number): Cell[] {
  return [
    i + 1,
    r.orgName,
    gradeLabel(r.grade),
    r.className,
    r.name,
    r.studentNo ?? r.idNumber,
    r.sex === "male" ? "男" : "女",
    n(r.heightCm, 1),
    n(r.weightKg, 1),
    n(r.bmi, 1),
    label(BMI_CATEGORY_LABELS, r.bmiCategory),
    n(r.vaLeft, 1),
    n(r.vaRight, 1),
    yesNo(r.myopic),
    label(FITNESS_GRADE_LABELS, r.fitnessGrade),
    n(r.fitnessTotal, 1),
  ];
}

/** The school's list (学生筛查结果名单) and its 重点关注 sheet, masked; the export is audited. */
export async function exportScreeningList(
  db: Database,
  actor: Actor,
  q: { year: number; orgId?: string },
  now: () => Date,
): Promise<{ filename: string; bytes: Buffer; rows: number }> {
  const { results } = await screeningStudents(db, actor, { ...q, limit: MAX_ROWS, offset: 0 });
  const { followups } = await screeningFollowups(db, actor, q, now);
  const today = todayInShanghai(now());
  const school = q.orgId ? (results[0]?.orgName ?? "") : "";
  const subtitle = `导出日期：${today}（姓名、学籍号已脱敏）`;
  const tables: PrintTable[] = [
    {
      name: "筛查结果",
      title: `${school}${q.year}年度学生健康筛查结果名单`,
      subtitle,
      header: [
        "序号",
        "学校",
        "年级",
        "班级",
        "姓名",
        "学籍号",
        "性别",
        "身高(cm)",
        "体重(kg)",
        "BMI",
        "体重状况",
        "左眼裸眼视力",
        "右眼裸眼视力",
        "筛查性近视",
        "体质健康等级",
        "学年总分",
      ],
      widths: [6, 18, 8, 8, 10, 22, 6, 9, 9, 7, 9, 9, 9, 9, 10, 9],
      rows: results.map(resultRow),
    },
    {
      name: "重点关注",
      title: `${school}${q.year}年度重点关注学生名单`,
      subtitle,
      header: ["序号", "学校", "年级", "班级", "姓名", "学籍号", "列入原因", "干预措施", "复查日期", "复查情况"],
      widths: [6, 18, 8, 8, 10, 22, 24, 30, 12, 24],
      rows: followups.map((f, i) => [
        i + 1,
        f.result.orgName,
        gradeLabel(f.result.grade),
        f.result.className,
        f.result.name,
        f.result.studentNo ?? f.result.idNumber,
        f.reasons.map((r) => FOLLOWUP_REASON_LABELS[r as FollowupReason] ?? r).join("；"),
        f.interventions.map((x) => `${x.doneOn} ${x.note ?? ""}`.trim()).join("\n") || null,
        f.retestDue,
        f.retestedOn ? `${f.retestedOn} ${f.retestNote ?? ""}`.trim() : f.retestOverdue ? "逾期未复查" : null,
      ]),
    },
  ];
  const bytes = await tablesToWorkbook(tables);
  await recordAudit(db, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: "screening_result",
    entityId: q.orgId ?? actor.regionId,
    action: "export",
    after: { year: q.year, results: results.length, followups: followups.length, masked: true },
  });
  return { filename: `${school}${q.year}年度学生健康筛查结果名单.xlsx`, bytes, rows: results.length };
}

/** The line of RATE_RULES that states each rate's definition. */
const RULE_OF = { myopia_rate: 0, overweight_rate: 2, obesity_rate: 2, fitness_good_rate: 3, fitness_pass_rate: 3 };

const rateCell = (r: { value: number | null; numerator: number; denominator: number }): Cell =>
  r.value === null ? "—" : `${r.value}%（${r.numerator}/${r.denominator}）`;

/** One sheet per rate: a row per school, the rate of each of three years and the change from last year. */
export function comparisonTables(byYear: ScreeningRates[]): PrintTable[] {
  const years = byYear.map((r) => r.year);
  const last = byYear[byYear.length - 1];
  if (!last) return [];
  const schools = new Map<string, string>();
  for (const r of byYear) for (const g of r.groups) schools.set(g.key, g.label);
  const find = (r: ScreeningRates, key: string): ScreeningRateGroup | undefined => r.groups.find((g) => g.key === key);
  return SCREENING_RATE_METRICS.map((metric) => ({
    name: LEDGER_METRIC_LABELS[metric],
    title: `${years[0]}—${last.year}年各学校${LEDGER_METRIC_LABELS[metric]}对比`,
    subtitle: `单元格为比率（分子/分母），较上年变化单位为百分点。${RATE_RULES[RULE_OF[metric]]}`,
    header: ["学校", ...years.map((y) => `${y}年`), `${last.year}年较上年（百分点）`],
    widths: [26, ...years.map(() => 20), 16],
    rows: [...schools.entries()]
      .sort(([, a], [, b]) => zhCompare(a, b))
      .map(([key, name]) => {
        const cells = byYear.map((r) => {
          const g = find(r, key);
          return g ? rateCell(g.rates[metric]) : "—";
        });
        return [name, ...cells, find(last, key)?.rates[metric].change ?? null];
      }),
    footRows: [["合计", ...byYear.map((r) => rateCell(r.total.rates[metric])), last.total.rates[metric].change]],
  }));
}

/** The bureau's comparison of the rates across its schools over the three years ending `year`. */
export async function exportScreeningComparison(db: Database, actor: Actor, q: { year: number }) {
  const byYear: ScreeningRates[] = [];
  for (let y = q.year - YEARS + 1; y <= q.year; y++)
    byYear.push(await screeningRates(db, actor, { year: y, by: "school" }));
  const bytes = await tablesToWorkbook(comparisonTables(byYear));
  return { filename: `${q.year - YEARS + 1}—${q.year}年学生健康筛查比率对比.xlsx`, bytes };
}
