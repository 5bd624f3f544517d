import { SYMPTOM_LABELS, SYMPTOMS, type Symptom } from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { todayInShanghai } from "../progress/periods.js";
import { illnessBySymptom } from "./health-day.repository.js";
import { healthError } from "./health-errors.js";
import { orgScope } from "./ledger-access.js";
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
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
  if (Number.isNaN(days) || days < 0 || days > 366) throw healthError("RETURNS_RANGE_INVALID", 400);
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
  const orgIds = orgScope(actor, q.orgId);
  const rows = await illnessBySymptom(db, {
    regionId: actor.regionId,
    from: q.from,
    to: q.to,
    ...(orgIds ? { orgIds } : {}),
  });
  const names = new Map(day.schools.map((s) => [s.orgId, s.orgName]));
  const pivot = (key: (r: (typeof rows)[number]) => string) => {
    const table = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const k = key(r);
      const row = table.get(k) ?? new Map<string, number>();
      row.set(r.symptom, (row.get(r.symptom) ?? 0) + r.n);
      table.set(k, row);
    }
    return table;
  };
  const line = (row: Map<string, number>): Cell[] => [row.get("") ?? 0, ...SYMPTOMS.map((s) => row.get(s) ?? 0)];
  const header = ["因病缺课（人次）", ...SYMPTOMS.map((s) => SYMPTOM_LABELS[s])];
  const widths = [12, ...SYMPTOMS.map(() => 8)];
  const range = `${q.from} 至 ${q.to}`;
  const byDay = [...pivot((r) => r.period)].sort(([a], [b]) => a.localeCompare(b));
  const bySchool = [...pivot((r) => r.orgId)];
  const total = pivot(() => "");
  const foot = total.get("") ? [["合计", ...line(total.get("")!)]] : [];
  return {
    filename: `晨午检统计_${q.from}_${q.to}.xlsx`,
    bytes: await tablesToWorkbook([
      dayTable,
      {
        name: "按日症状",
        title: `因病缺课按症状统计（${range}，按日）`,
        subtitle: exported,
        header: ["日期", ...header],
        widths: [12, ...widths],
        rows: byDay.map(([d, row]) => [d, ...line(row)]),
        footRows: foot,
      },
      {
        name: "按校症状",
        title: `因病缺课按症状统计（${range}，按学校）`,
        subtitle: exported,
        header: ["学校", ...header],
        widths: [28, ...widths],
        rows: bySchool.map(([orgId, row]) => [names.get(orgId) ?? orgId, ...line(row)]),
        footRows: foot,
      },
    ]),
  };
}
