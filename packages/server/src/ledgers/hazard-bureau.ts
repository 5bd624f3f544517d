import {
  HAZARD_CATEGORIES,
  HAZARD_CATEGORY_LABELS,
  HAZARD_GRADE_LABELS,
  HAZARD_GRADES,
  type HazardCounts,
  type HazardRiskRegister,
  type HazardSummary,
  LEDGER_STATE_LABELS,
  RISK_COLOURS,
  RISK_LEVEL_LABELS,
  RISK_LEVELS,
  type RiskLevel,
} from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { todayInShanghai } from "../progress/periods.js";
import { addDays } from "../status/calendar.js";
import { hazardIndex } from "./hazard-facts-cache.js";
import { summarize } from "./hazard-summary.js";
import * as repo from "./hazard-summary.repository.js";
import { HAZARD } from "./hazard-type.js";
import { orgScope } from "./ledger-access.js";
import type { Clock } from "./ledger-io.js";
import { type PrintTable, tablesToWorkbook } from "./ledger-xlsx.js";

/**
 * The bureau's views of the hazard ledger (issue 15): the summary by school, category, grade and
 * state with the rectification rate, overdue and 重大 open; the risk register (风险清单: open hazards
 * with an assessed risk level and colour); the quarterly statistics table as a print-ready xlsx.
 * Each covers the schools the caller reads (a school: its own; the bureau: every one).
 */

const RISK_LIMIT = 500;

export async function hazardSummary(
  db: Database,
  actor: Actor,
  q: { from: string; to: string },
  now: Clock,
): Promise<HazardSummary> {
  const today = todayInShanghai(now());
  const orgIds = orgScope(actor, undefined);
  const { facts, schools: all } = await hazardIndex(db, actor.regionId);
  const schools = orgIds ? all.filter((s) => orgIds.includes(s.id)) : all;
  const tallies = facts.tally({ from: q.from, to: q.to, today, ...(orgIds ? { orgIds } : {}) });
  return summarize({ ...q, asOf: today }, schools, tallies, {
    categories: HAZARD_CATEGORIES,
    grades: HAZARD_GRADES,
    states: HAZARD.states,
  });
}

export async function riskRegister(db: Database, actor: Actor, now: Clock): Promise<HazardRiskRegister> {
  const today = todayInShanghai(now());
  const orgIds = orgScope(actor, undefined);
  const scope = { regionId: actor.regionId, ...(orgIds ? { orgIds } : {}) };
  const [rows, levels] = await Promise.all([
    repo.openRisks(db, { ...scope, limit: RISK_LIMIT }),
    repo.openRiskLevels(db, scope),
  ]);
  const count = new Map(levels.map((l) => [l.risk_level, l.n]));
  return {
    asOf: today,
    levels: RISK_LEVELS.map((riskLevel) => ({ riskLevel, count: count.get(riskLevel) ?? 0 })),
    risks: rows.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      category: r.fields.category ?? "",
      location: r.fields.location ?? "",
      description: r.fields.description ?? "",
      grade: r.fields.grade ?? "",
      riskLevel: r.fields.riskLevel ?? "",
      state: r.state,
      foundOn: r.fields.foundOn ?? "",
      deadline: r.fields.deadline ?? null,
      overdue: r.state === "rectifying" && typeof r.fields.deadline === "string" && r.fields.deadline < today,
    })),
  };
}

// --- the quarterly table ------------------------------------------------------------------------

const COUNT_HEADER = ["发现隐患", "其中重大", "已整改销号", "未销号", "逾期未整改", "重大未销号", "整改率（%）"];
const countCells = (c: HazardCounts) => [c.found, c.major, c.closed, c.open, c.overdue, c.majorOpen, c.fixRate ?? "—"];

export const quarterBounds = (year: number, quarter: number) => {
  const from = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, "0")}-01`;
  const next = quarter === 4 ? `${year + 1}-01-01` : `${year}-${String(quarter * 3 + 1).padStart(2, "0")}-01`;
  return { from, to: addDays(next, -1) };
};

const QUARTER_NAMES = ["一", "二", "三", "四"];

export async function quarterlyReport(
  db: Database,
  actor: Actor,
  q: { year: number; quarter: number },
  now: Clock,
): Promise<{ bytes: Buffer; filename: string }> {
  const period = quarterBounds(q.year, q.quarter);
  const summary = await hazardSummary(db, actor, period, now);
  const risks = await riskRegister(db, actor, now);
  const label = `${q.year}年第${QUARTER_NAMES[q.quarter - 1]}季度`;
  const subtitle = `统计期间：${period.from} 至 ${period.to}　统计日期：${summary.asOf}`;
  const total = ["合计", ...countCells(summary.totals)];
  const tables: PrintTable[] = [
    {
      name: "分学校统计",
      title: `${label}校园安全隐患排查整治情况统计表（分学校）`,
      subtitle,
      header: ["序号", "学校", ...COUNT_HEADER],
      widths: [6, 28, 10, 10, 12, 10, 12, 12, 12],
      rows: summary.bySchool.map((s, i) => [i + 1, s.orgName, ...countCells(s)]),
      footRows: [["", ...total]],
    },
    {
      name: "分类别统计",
      title: `${label}校园安全隐患排查整治情况统计表（分类别）`,
      subtitle,
      header: ["隐患类别", ...COUNT_HEADER],
      widths: [24, 10, 10, 12, 10, 12, 12, 12],
      rows: [
        ...summary.byCategory.map((c) => [
          HAZARD_CATEGORY_LABELS[c.category as keyof typeof HAZARD_CATEGORY_LABELS] ?? c.category,
          ...countCells(c),
        ]),
      ],
      footRows: [total],
    },
    {
      name: "风险清单",
      title: `${label}校园安全风险清单（未销号隐患）`,
      subtitle: `统计日期：${risks.asOf}`,
      header: [
        "序号",
        "学校",
        "隐患类别",
        "位置",
        "隐患描述",
        "隐患等级",
        "风险等级",
        "颜色",
        "状态",
        "发现日期",
        "整改时限",
      ],
      widths: [6, 20, 14, 16, 30, 10, 10, 6, 10, 12, 12],
      rows: risks.risks.map((r, i) => [
        i + 1,
        r.orgName,
        HAZARD_CATEGORY_LABELS[r.category as keyof typeof HAZARD_CATEGORY_LABELS] ?? r.category,
        r.location,
        r.description,
        HAZARD_GRADE_LABELS[r.grade as keyof typeof HAZARD_GRADE_LABELS] ?? r.grade,
        RISK_LEVEL_LABELS[r.riskLevel as RiskLevel] ?? r.riskLevel,
        RISK_COLOURS[r.riskLevel as RiskLevel]?.label ?? "",
        (LEDGER_STATE_LABELS as Record<string, string>)[r.state] ?? r.state,
        r.foundOn,
        r.overdue ? `${r.deadline}（逾期）` : r.deadline,
      ]),
    },
  ];
  const bytes = await tablesToWorkbook(tables);
  await recordAudit(db, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: "ledger",
    entityId: HAZARD.type,
    action: "export",
    after: { report: "quarterly", year: q.year, quarter: q.quarter },
  });
  return { bytes, filename: `${label}校园安全隐患统计表.xlsx` };
}
