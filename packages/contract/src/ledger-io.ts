import { type Static, Type } from "@sinclair/typebox";
import { Nullable, OneOf } from "./common.js";
import { HazardQuery } from "./ledgers.js";

/**
 * A ledger's 台账 as xlsx, out and back in, and the bureau's views of the hazard ledger (issue 15):
 * the summary by school, category, grade and state, the risk register and the quarterly table.
 */

export const IMPORT_MODE_LABELS = {
  check: "只检查，不导入",
  all: "全部导入（有任何错误行则不导入）",
  valid: "仅导入有效行",
} as const satisfies Record<string, string>;
export type ImportMode = keyof typeof IMPORT_MODE_LABELS;

/** A sheet row kept out of an import: its row number as Excel shows it, the column, a stable code. */
export const LedgerRowProblem = Type.Object({
  row: Type.Integer(),
  column: Type.Optional(Type.String()),
  code: Type.String(),
  message: Type.String(),
  value: Type.Optional(Type.String()),
});
export type LedgerRowProblem = Static<typeof LedgerRowProblem>;

export const LedgerImportAnswer = Type.Object({
  mode: OneOf(Object.keys(IMPORT_MODE_LABELS) as ImportMode[]),
  total: Type.Integer({ description: "读到的数据行数" }),
  created: Type.Integer({ description: "新增记录数" }),
  corrected: Type.Integer({ description: "更正的已有记录数" }),
  unchanged: Type.Integer({ description: "与系统一致、未改动的记录数" }),
  skipped: Type.Integer({ description: "因有错误而未导入的行数" }),
  problems: Type.Array(LedgerRowProblem),
  problemCount: Type.Integer(),
});
export type LedgerImportAnswer = Static<typeof LedgerImportAnswer>;

/** The hazard ledger's filters, without paging, and whether personal fields are wanted in clear. */
export const HazardExportQuery = Type.Object({
  orgId: HazardQuery.properties.orgId,
  category: HazardQuery.properties.category,
  grade: HazardQuery.properties.grade,
  state: HazardQuery.properties.state,
  overdue: HazardQuery.properties.overdue,
  foundFrom: HazardQuery.properties.foundFrom,
  foundTo: HazardQuery.properties.foundTo,
  reveal: Type.Optional(Type.Boolean({ description: "导出完整个人信息（仅有权查看者，记入审计）" })),
});
export type HazardExportQuery = Static<typeof HazardExportQuery>;

const IsoDate = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });

export const HazardSummaryQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
});
export type HazardSummaryQuery = Static<typeof HazardSummaryQuery>;

/** Counts of hazards found in the period: how many fixed, open, overdue, 重大 open, and the rate. */
export const HazardCounts = Type.Object({
  found: Type.Integer(),
  closed: Type.Integer(),
  open: Type.Integer(),
  overdue: Type.Integer(),
  major: Type.Integer(),
  majorOpen: Type.Integer(),
  /** 已销号 ÷ 发现, percent; null when none was found. */
  fixRate: Nullable(Type.Number()),
});
export type HazardCounts = Static<typeof HazardCounts>;

export const HazardSummary = Type.Object({
  from: Type.String(),
  to: Type.String(),
  asOf: Type.String(),
  totals: HazardCounts,
  bySchool: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), ...HazardCounts.properties })),
  byCategory: Type.Array(Type.Object({ category: Type.String(), ...HazardCounts.properties })),
  byGrade: Type.Array(Type.Object({ grade: Type.String(), ...HazardCounts.properties })),
  byState: Type.Array(Type.Object({ state: Type.String(), count: Type.Integer() })),
  /** Found and written off per week (weeks from Monday). */
  trend: Type.Array(Type.Object({ week: Type.String(), found: Type.Integer(), closed: Type.Integer() })),
});
export type HazardSummary = Static<typeof HazardSummary>;

/** The risk register (风险清单): open hazards with an assessed risk level, the gravest first. */
export const HazardRisk = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  category: Type.String(),
  location: Type.String(),
  description: Type.String(),
  grade: Type.String(),
  riskLevel: Type.String(),
  state: Type.String(),
  foundOn: Type.String(),
  deadline: Nullable(Type.String()),
  overdue: Type.Boolean(),
});
export const HazardRiskRegister = Type.Object({
  asOf: Type.String(),
  levels: Type.Array(Type.Object({ riskLevel: Type.String(), count: Type.Integer() })),
  risks: Type.Array(HazardRisk),
});
export type HazardRiskRegister = Static<typeof HazardRiskRegister>;

export const QuarterQuery = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  quarter: Type.Integer({ minimum: 1, maximum: 4 }),
});
export type QuarterQuery = Static<typeof QuarterQuery>;
