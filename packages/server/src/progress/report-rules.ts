import { ReportRulesInput } from "@luoshi/contract";
import type { ReportRulesJson, ReportStatus } from "../db/schema.js";

/**
 * What a progress report must carry, set per plan. The defaults refuse an untouched form: a
 * report says in words what was done (a status and a slider alone are not a report).
 */
export const ReportRules = ReportRulesInput;

export type ReportRules = Required<ReportRulesJson>;

export const DEFAULT_REPORT_RULES: ReportRules = { narrative: "always", evidence: "never" };

export const reportRulesOf = (stored: ReportRulesJson | null | undefined): ReportRules => ({
  ...DEFAULT_REPORT_RULES,
  ...(stored ?? {}),
});

export type ReportRuleCode = "REPORT_NARRATIVE_REQUIRED" | "REPORT_EVIDENCE_REQUIRED";

/** The first rule a report breaks, or null. Whitespace is no narrative. */
export function brokenRule(
  rules: ReportRules,
  report: { status: ReportStatus; narrative: string; fileCount: number },
): ReportRuleCode | null {
  const wordsNeeded = rules.narrative === "always" || report.status === "blocked";
  if (wordsNeeded && report.narrative.trim() === "") return "REPORT_NARRATIVE_REQUIRED";
  const evidenceNeeded = rules.evidence === "always" || (rules.evidence === "when_done" && report.status === "done");
  if (evidenceNeeded && report.fileCount === 0) return "REPORT_EVIDENCE_REQUIRED";
  return null;
}
