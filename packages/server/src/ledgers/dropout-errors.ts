/** The error codes of 控辍保学 and 学生资助 (issue 18), registered with the ledgers' own (ledger-errors.ts). */
export const DROPOUT_ERRORS = {
  PERSUASION_REQUIRED: "已辍学学生须至少有一次劝返记录，方可确认返校或安置",
  VISIT_INCOMPLETE: "劝返记录须填写日期、方式、人员和结果",
  VISIT_BEFORE_DROPOUT: "劝返日期不能早于确认辍学日期",
  RETURN_INCOMPLETE: "确认返校须填写返校日期和返校后在校天数",
  RETURN_NOT_CONFIRMED: "返校后在校天数未达到本县（区）规定的确认天数",
  RETURN_BEFORE_VISIT: "返校日期不能早于最近一次劝返日期",
  DATE_IN_FUTURE: "日期不能晚于今天",
  DROPOUT_DATE_REQUIRED: "须填写确认辍学日期",
  DROPOUT_BEFORE_FOUND: "确认辍学日期不能早于首次发现日期",
  PLACEMENT_INCOMPLETE: "其他安置须填写安置方式、日期并上传佐证材料",
  ALREADY_ESCALATED: "该案例已上报教育局",
  DROPOUT_CASE_OPEN: "该学籍号的学生已有未销号的控辍保学案例",
  LEDGER_ORG_NOT_SCHOOL_STUDENT: "学生台账只能登记在学校名下",
  AID_STAGE_MISMATCH: "资助项目与学段不符",
  AID_STANDARD_MISSING: "未设置该学年该项目的资助标准，请填写金额",
  AID_IDENTIFICATION_OPEN: "该学生本学年已有认定申请",
} as const;
