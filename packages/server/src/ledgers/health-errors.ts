import { registerErrors } from "../errors.js";

/** The daily health reports' and periodic returns' error codes and their Chinese messages. */
export const healthError = registerErrors("health", {
  CLASS_NOT_FOUND: "班级不存在或无权访问",
  CLASS_ORG_NOT_SCHOOL: "班级只能建在学校名下",
  HEAD_TEACHER_NOT_FOUND: "班主任不是本校的用户",
  CHECK_COUNTS_INVALID: "人数不符：实到人数不能大于应到人数，因病缺课人数不能大于未到人数",
  CHECK_STUDENTS_MISMATCH: "因病缺课人数须与登记的学生人数一致，每名学生至少选择一项症状",
  CHECK_DAY_CLOSED: "该日为学校不上课日，无需填报",
  CHECK_DATE_IN_FUTURE: "不能填报今天以后的晨午检",
  RETURN_NOT_FOUND: "该报告不存在或无权访问",
  RETURN_SCHEDULE_INVALID: "报送时间设置不符合要求",
  OUTBREAK_NOT_FOUND: "该传染病预警不存在或无权访问",
  OUTBREAK_RULE_NOT_FOUND: "该预警规则不存在",
  OUTBREAK_ALREADY_REPORTED: "该预警已确认报告，无需重复确认",
  SUMMARY_SCHOOL_ONLY: "学校汇总由学校疫情报告人提交（班主任只报本班）",
  SUMMARY_NO_CHECKS: "本时段尚无班级报送晨午检，无法汇总",
  RETURNS_RANGE_INVALID: "统计区间不符合要求（起止日期有误或超过一年）",
});
export type HealthErrorCode = Parameters<typeof healthError>[0];
