/** The illness-absence case's error codes (issue 16) and their Chinese messages, part of the ledgers' codes. */
export const ILLNESS_CASE_ERRORS = {
  SYMPTOMS_INVALID: "请从症状清单中选择至少一项症状",
  ONSET_AFTER_ABSENCE: "发病日期不能晚于缺课开始日期",
  FOLLOW_UP_INCOMPLETE: "随访须填写随访日期和随访情况",
  FOLLOW_UP_BEFORE_ONSET: "随访日期不能早于发病日期",
  RESUME_BEFORE_ABSENCE: "复课日期不能早于缺课开始日期",
  RESUME_INCOMPLETE: "申请复课须填写复课日期",
  CERTIFICATE_REQUIRED: "传染病或未明确诊断的学生复课须上传医疗机构出具的复课证明并填写出具机构",
  VERIFIER_NOT_SCHOOL_DOCTOR: "复课证明须由学校疫情报告人（校医）查验",
  VERIFIER_IS_REQUESTER: "复课证明查验人不能是复课申请人",
  ILLNESS_DATE_IN_FUTURE: "日期不能晚于今天",
  ILLNESS_CASE_OPEN: "该学生已有未复课的因病缺课记录，请在原记录中随访",
} as const;
