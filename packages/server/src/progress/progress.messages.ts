import { registerErrors } from "../errors.js";

/** User-facing text of progress reporting, keyed by stable codes. */
export const PROGRESS_MESSAGES = {
  REPORT_NARRATIVE_REQUIRED: "请填写进展情况说明（本计划要求每次填报都说明做了什么）",
  REPORT_EVIDENCE_REQUIRED: "本计划要求上传佐证材料（状态为“已完成”时或每次填报）",
} as const;

export type ProgressCode = keyof typeof PROGRESS_MESSAGES;

/** This module's refusals: AppErrors with the codes registered here. */
export const progressError = registerErrors("progress", PROGRESS_MESSAGES);
