import { registerErrors } from "../errors.js";
import { DROPOUT_ERRORS } from "./dropout-errors.js";
import { ILLNESS_CASE_ERRORS } from "./illness-case-errors.js";

/** The ledgers' error codes and their Chinese messages. */
export const ledgerError = registerErrors("ledgers", {
  LEDGER_RECORD_NOT_FOUND: "台账记录不存在",
  FIELD_UNKNOWN: "台账中没有该字段",
  FIELD_NOT_EDITABLE: "该字段不能在此操作中填写或更正",
  FIELD_INVALID: "字段内容不符合要求",
  FIELD_REQUIRED: "必填字段未填写",
  TRANSITION_NOT_ALLOWED: "当前状态下不能执行该操作",
  NOTE_REQUIRED: "请填写说明",
  NOTHING_CHANGED: "更正内容与现有记录相同",
  MAJOR_PLAN_REQUIRED: "重大隐患须有治理方案（责任、措施、资金、时限、预案五落实）后方可下达整改",
  RECTIFICATION_INCOMPLETE: "整改中的隐患须有整改责任人和整改时限",
  AFTER_PHOTO_REQUIRED: "须上传整改后照片",
  FIXER_RECORDED_REQUIRED: "缺少整改人记录",
  REVIEWER_IS_FIXER: "复查人不能是整改人，请由其他人员复查",
  DEADLINE_BEFORE_FOUND: "整改时限不能早于发现日期",
  RESPONSIBLE_NOT_FOUND: "整改责任人不是本县（区）的用户",
  EVIDENCE_NOT_FOUND: "照片或附件不存在或无权使用",
  LEDGER_ORG_NOT_SCHOOL: "安全隐患台账只能登记在学校名下",
  ROUND_CATEGORY_UNKNOWN: "排查清单中有未知的隐患类别",
  LEDGER_SETTINGS_INVALID: "台账设置不符合要求",
  ...DROPOUT_ERRORS,
  ...ILLNESS_CASE_ERRORS,
});
export type LedgerErrorCode = Parameters<typeof ledgerError>[0];
