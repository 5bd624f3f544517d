import { registerErrors } from "../../errors.js";

/** The screening ledger's error codes and their Chinese messages. */
export const screeningError = registerErrors("screening", {
  SCREENING_IMPORT_UNREADABLE: "无法读取该文件，请上传 Excel（.xlsx）或 CSV 文件",
  SCREENING_IMPORT_NO_HEADER: "表格中没有找到学籍号（或身份证号）列和身高体重、视力或体测成绩列",
  SCREENING_IMPORT_EMPTY: "表格中没有学生数据",
  SCREENING_IMPORT_TOO_MANY: "一次最多导入 60000 行，请分批导入",
  SCREENING_IMPORT_INVALID: "表格中有错误的行，未导入任何数据；请按行号改正后重新导入，或选择只导入无误的行",
  SCREENING_ORG_NOT_SCHOOL: "筛查数据只能导入到学校名下",
  SCREENING_RESULT_NOT_FOUND: "筛查记录不存在",
  SCREENING_FOLLOWUP_NOT_FOUND: "重点关注记录不存在",
  SCREENING_DATE_IN_FUTURE: "日期不能晚于今天",
});
