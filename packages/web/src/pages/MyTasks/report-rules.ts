import type { ReportRules } from "../../api/types";

/** The plan's rules, as the server applies them (progress/report-rules.ts): words and evidence. */
export const narrativeNeeded = (rules: ReportRules, status: string): boolean =>
  rules.narrative === "always" || status === "blocked";

export const evidenceNeeded = (rules: ReportRules, status: string): boolean =>
  rules.evidence === "always" || (rules.evidence === "when_done" && status === "done");
