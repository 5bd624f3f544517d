import {
  HAZARD_CATEGORIES,
  HAZARD_CATEGORY_LABELS,
  HAZARD_GRADE_LABELS,
  HAZARD_GRADES,
  HAZARD_SOURCE_LABELS,
  HAZARD_SOURCES,
  type HazardGrade,
  type LedgerState,
  RISK_LEVEL_LABELS,
  RISK_LEVELS,
} from "@luoshi/contract";
import { addDays } from "../status/calendar.js";
import { filled } from "./fields.js";
import type { ActionContext, Fields, LedgerRecordState, LedgerTypeDef } from "./ledger-type.js";

/**
 * The campus safety hazard (校园安全隐患, ../shared/reference/campus-safety-hazards.md): found on an
 * inspection round, rectified by a responsible person by a deadline, re-inspected by someone other
 * than the fixer with photos after, and written off (销号); a failed re-inspection goes back to 整改.
 */

/** The five 落实 of a 重大 hazard's 治理方案: 责任、措施、资金、时限、预案. */
export const MAJOR_PLAN_FIELDS = ["planResponsible", "planMeasures", "planFunds", "planDeadline", "planContingency"];

export interface HazardSettings {
  /** Default rectification days from assignment, by grade (a 重大 hazard's plan deadline wins). */
  deadlineDays: Record<HazardGrade, number>;
}

export const DEFAULT_HAZARD_SETTINGS: HazardSettings = { deadlineDays: { general: 7, major: 30 } };

const text = (label: string, maxLength = 500, synonyms?: string[]) => ({
  kind: "text" as const,
  maxLength,
  label,
  ...(synonyms ? { synonyms } : {}),
});
const photos = (label: string) => ({ kind: "files" as const, maxItems: 20, label });

/** The deadline a step gives when the caller names none. */
function defaultDeadline(record: LedgerRecordState, ctx: ActionContext): string {
  const grade = record.fields.grade as HazardGrade;
  const days = (ctx.settings as Partial<HazardSettings>).deadlineDays ?? DEFAULT_HAZARD_SETTINGS.deadlineDays;
  const planDeadline = record.fields.planDeadline;
  if (grade === "major" && typeof planDeadline === "string") return planDeadline;
  return addDays(ctx.today, days[grade] ?? DEFAULT_HAZARD_SETTINGS.deadlineDays[grade]);
}

const RECTIFIED: readonly LedgerState[] = ["rectifying", "reviewing", "closed"];
const FIXED: readonly LedgerState[] = ["reviewing", "closed"];

/** What must hold of a hazard in its state; the first broken rule's code. */
export function hazardInvariant({ state, fields }: LedgerRecordState): string | null {
  if (!HAZARD.required.every((f) => filled(fields[f]))) return "FIELD_REQUIRED";
  if (typeof fields.deadline === "string" && fields.deadline < String(fields.foundOn)) return "DEADLINE_BEFORE_FOUND";
  if (RECTIFIED.includes(state)) {
    if (!filled(fields.responsibleId) || !filled(fields.deadline)) return "RECTIFICATION_INCOMPLETE";
    if (fields.grade === "major" && !MAJOR_PLAN_FIELDS.every((f) => filled(fields[f]))) return "MAJOR_PLAN_REQUIRED";
  }
  if (FIXED.includes(state)) {
    if (!filled(fields.afterPhotos)) return "AFTER_PHOTO_REQUIRED";
    if (!filled(fields.fixedBy)) return "FIXER_RECORDED_REQUIRED";
  }
  if (state === "closed" && (!filled(fields.reviewedBy) || fields.reviewedBy === fields.fixedBy))
    return "REVIEWER_IS_FIXER";
  return null;
}

const notTheFixer = (record: LedgerRecordState, ctx: ActionContext) =>
  record.fields.fixedBy === ctx.actorId ? "REVIEWER_IS_FIXER" : null;

const RECTIFICATION_INPUT = ["responsibleId", "contactPhone", "deadline", "tempMeasures", ...MAJOR_PLAN_FIELDS];

export const HAZARD: LedgerTypeDef = {
  type: "campus_hazard",
  states: ["found", "rectifying", "reviewing", "closed"],
  initial: "found",
  fields: {
    category: {
      kind: "enum",
      values: HAZARD_CATEGORIES,
      labels: HAZARD_CATEGORY_LABELS,
      label: "隐患类别",
      synonyms: ["类别", "隐患类型"],
    },
    subItem: text("子类", 100),
    location: text("位置", 200, ["隐患位置", "部位", "隐患部位"]),
    description: text("隐患描述", 2000, ["隐患内容", "存在问题", "隐患情况"]),
    source: {
      kind: "enum",
      values: HAZARD_SOURCES,
      labels: HAZARD_SOURCE_LABELS,
      label: "隐患性质",
      synonyms: ["隐患来源"],
    },
    grade: {
      kind: "enum",
      values: HAZARD_GRADES,
      labels: HAZARD_GRADE_LABELS,
      label: "隐患等级",
      synonyms: ["等级", "隐患级别"],
    },
    riskLevel: { kind: "enum", values: RISK_LEVELS, labels: RISK_LEVEL_LABELS, label: "风险等级" },
    foundOn: { kind: "date", label: "发现日期", synonyms: ["排查日期", "发现时间"] },
    beforePhotos: photos("整改前照片"),
    tempMeasures: text("临时措施", 1000),
    responsibleId: { kind: "user", label: "整改责任人" },
    contactPhone: { kind: "text", maxLength: 32, label: "责任人联系电话", personal: "phone" },
    deadline: { kind: "date", label: "整改时限", synonyms: ["整改期限", "整改完成时限"] },
    planResponsible: text("治理责任（机构和人员）"),
    planMeasures: text("治理措施", 2000),
    planFunds: text("经费和物资落实"),
    planDeadline: { kind: "date", label: "治理时限" },
    planContingency: text("安全措施和应急预案", 2000),
    afterPhotos: photos("整改后照片"),
    fixNote: text("整改情况", 2000),
    fixedBy: { kind: "user", label: "整改人", system: true },
    fixedOn: { kind: "date", label: "整改完成日期", system: true },
    reviewNote: text("复查意见", 2000),
    reviewedBy: { kind: "user", label: "复查人", system: true },
    closedOn: { kind: "date", label: "销号日期", system: true },
    roundId: { kind: "text", maxLength: 64, label: "排查记录", system: true },
  },
  required: ["category", "location", "description", "source", "grade", "foundOn"],
  transitions: {
    assign: {
      from: ["found"],
      to: "rectifying",
      input: RECTIFICATION_INPUT,
      derive: (record, ctx): Fields =>
        filled(record.fields.deadline) ? {} : { deadline: defaultDeadline(record, ctx) },
    },
    submit_fix: {
      from: ["rectifying"],
      to: "reviewing",
      input: ["afterPhotos", "fixNote"],
      derive: (_record, ctx) => ({ fixedBy: ctx.actorId, fixedOn: ctx.today }),
    },
    pass_review: {
      from: ["reviewing"],
      to: "closed",
      input: ["reviewNote"],
      guard: notTheFixer,
      derive: (_record, ctx) => ({ reviewedBy: ctx.actorId, closedOn: ctx.today }),
    },
    fail_review: {
      from: ["reviewing"],
      to: "rectifying",
      input: ["reviewNote", "deadline"],
      noteRequired: true,
      guard: notTheFixer,
      // Back to 整改: the next submission brings new photos after and names its own fixer.
      derive: (_record, ctx) => ({ reviewedBy: ctx.actorId, afterPhotos: null, fixedBy: null, fixedOn: null }),
    },
  },
  invariant: hazardInvariant,
};
