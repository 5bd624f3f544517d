import { registerErrors } from "../errors.js";

/** User-facing text of safe publishing, keyed by stable codes. */
export const PUBLISHING_MESSAGES = {
  PLAN_HAS_GAPS: "有任务尚未明确责任单位或完成时限；请先分配，或确认“仍然发布”（这些任务将列入待分配）",
  PLAN_NOT_PUBLISHED: "只有已发布的计划可以执行此操作",
  PLAN_NOT_DELETABLE: "已发布的计划不能删除，请使用“撤回”或“归档”",
  TASKS_NOT_IN_PLAN: "所选任务不属于该计划",
  NOTHING_TO_ASSIGN: "请至少选择一项要分配的内容（责任单位、完成时限或填报周期）",
  LEAD_UNIT_REQUIRED: "请至少选择一个牵头单位",
  INDICATOR_NOT_IN_TASK_EDIT: "要修改的指标不属于该任务",
} as const;

export type PublishingCode = keyof typeof PUBLISHING_MESSAGES;

/** This module's refusals: AppErrors with the codes registered here. */
export const publishingError = registerErrors("publishing", PUBLISHING_MESSAGES);
