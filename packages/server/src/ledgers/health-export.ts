import { DIAGNOSES, DIAGNOSIS_LABELS, SYMPTOM_LABELS, SYMPTOMS, type Symptom } from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { todayInShanghai } from "../progress/periods.js";
import { trendRows } from "./health-trends.service.js";
import type { Cell } from "./ledger-sheet.js";
import { type PrintTable, tablesToWorkbook } from "./ledger-xlsx.js";
import type { Clock } from "./returns.service.js";
import { returnsDay } from "./returns.service.js";

/**
 * The bureau's health views as a print-ready workbook (issue 16 item 6): the day's submissions by
 * school (submitted / zero / late / missing / pending, completeness, illness absences and symptoms),
 * and illness absences by symptom over a date range, by day and by school. Counts only, no names.
 */

const pct = (v: number | null) => (v === null ? "—" : `${v}%`);
const symptomText = (symptoms: Partial<Record<string, number>> | undefined) =>
  Object.entries(symptoms ?? {})
    .map(([s, n]) => `${SYMPTOM_LABELS[s as Symptom] ?? s}${n}`)
    .join("、");

export async function healthWorkbook(
  db: Database,
  actor: Actor,
  q: { from: string; to: string; date?: string; orgId?: string },
  now: Clock,
): Promise<{ filename: string; bytes: Buffer }> {
  const trends = await trendRows(db, actor, q);
  const date = q.date ?? q.to;
  const exported = `导出日期：${todayInShanghai(now())}`;
  const { day } = await returnsDay(db, actor, { type: "health_check", date }, now);
  const dayTable: PrintTable = {
    name: "当日报送",
    title: `晨午检报送情况（${date}）`,
    subtitle: exported,
    header: [
      "学校",
      "应报",
      "已报",
      "零报告",
      "逾期报",
      "未报",
      "未到截止",
      "完整率",
      "及时率",
      "因病缺课（人）",
      "症状（人）",
    ],
    widths: [28, 8, 8, 8, 8, 8, 10, 10, 10, 12, 30],
    rows: day.schools.map((s) => [
      s.orgName,
      s.expected,
      s.submitted,
      s.zero,
      s.late,
      s.missing,
      s.pending,
      pct(s.completeness),
      pct(s.timeliness),
      s.illAbsent ?? 0,
      symptomText(s.symptoms),
    ]),
    footRows: [
      [
        "合计",
        day.summary.expected,
        day.summary.submitted,
        day.summary.zero,
        day.summary.late,
        day.summary.missing,
        day.summary.pending,
        pct(day.summary.completeness),
        pct(day.summary.timeliness),
        day.schools.reduce((n, s) => n + (s.illAbsent ?? 0), 0),
        "",
      ],
    ],
  };
  const names = new Map(day.schools.map((s) => [s.orgId, s.orgName]));
  const range = `${q.from} 至 ${q.to}`;
  /** A sheet by day and one by school of counts per key, the keys as columns after the total. */
  const pivots = (
    rows: readonly { period: string; orgId: string; key: string; n: number }[],
    what: { name: string; title: string; total: string; keys: readonly string[]; label: (k: string) => string },
  ): PrintTable[] => {
    const pivot = (key: (r: (typeof rows)[number]) => string) => {
      const table = new Map<string, Map<string, number>>();
      for (const r of rows) {
        const k = key(r);
        const row = table.get(k) ?? new Map<string, number>();
        row.set(r.key, (row.get(r.key) ?? 0) + r.n);
        table.set(k, row);
      }
      return table;
    };
    const line = (row: Map<string, number>): Cell[] => [row.get("") ?? 0, ...what.keys.map((k) => row.get(k) ?? 0)];
    const header = [what.total, ...what.keys.map(what.label)];
    const widths = [12, ...what.keys.map(() => 8)];
    const total = pivot(() => "").get("");
    const footRows = total ? [["合计", ...line(total)]] : [];
    const byDay = [...pivot((r) => r.period)].sort(([a], [b]) => a.localeCompare(b));
    return [
      {
        name: `按日${what.name}`,
        title: `${what.title}（${range}，按日）`,
        subtitle: exported,
        header: ["日期", ...header],
        widths: [12, ...widths],
        rows: byDay.map(([d, row]) => [d, ...line(row)]),
        footRows,
      },
      {
        name: `按校${what.name}`,
        title: `${what.title}（${range}，按学校）`,
        subtitle: exported,
        header: ["学校", ...header],
        widths: [28, ...widths],
        rows: [...pivot((r) => r.orgId)].map(([orgId, row]) => [names.get(orgId) ?? orgId, ...line(row)]),
        footRows,
      },
    ];
  };
  // Symptom '' is already the number of students; a case has one diagnosis, so '' is their sum.
  const cases = trends.diagnoses.flatMap((r) => [
    { period: r.period, orgId: r.orgId, key: r.diagnosis, n: r.n },
    { period: r.period, orgId: r.orgId, key: "", n: r.n },
  ]);
  return {
    filename: `晨午检统计_${q.from}_${q.to}.xlsx`,
    bytes: await tablesToWorkbook([
      dayTable,
      ...pivots(
        trends.symptoms.map((r) => ({ period: r.period, orgId: r.orgId, key: r.symptom, n: r.n })),
        {
          name: "症状",
          title: "因病缺课按症状统计",
          total: "因病缺课（人次）",
          keys: SYMPTOMS,
          label: (k) => SYMPTOM_LABELS[k as Symptom],
        },
      ),
      ...pivots(cases, {
        name: "病种",
        title: "因病缺勤病例按诊断统计（按发病日期）",
        total: "病例数",
        keys: DIAGNOSES,
        label: (k) => DIAGNOSIS_LABELS[k as keyof typeof DIAGNOSIS_LABELS],
      }),
    ]),
  };
}
