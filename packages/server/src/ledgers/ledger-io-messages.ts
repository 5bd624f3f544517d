import { registerErrors, registeredMessage } from "../errors.js";

/** Errors of a ledger's xlsx import and export, and the problems of one imported row (stable codes, Chinese messages). */
export const ledgerIoError = registerErrors("ledger-io", {
  LEDGER_IMPORT_UNREADABLE: "无法读取该文件，请上传 Excel（.xlsx）台账",
  LEDGER_IMPORT_NO_HEADER: "表格中找不到台账的表头（须有单位、状态及各必填项的列）",
  LEDGER_IMPORT_EMPTY: "表格中没有台账记录",
  LEDGER_IMPORT_TOO_MANY: "一次最多导入 20000 行，请分批导入",
  LEDGER_IMPORT_INVALID: "表格中有不符合要求的行，未导入任何记录；请按行号修改后重新导入，或选择仅导入有效行",
});

export const ROW_PROBLEMS = {
  ROW_VALUE_REQUIRED: "必填项未填写",
  ROW_ORG_UNKNOWN: "找不到该单位（请填写本县组织机构中的单位名称或别名）",
  ROW_ORG_NOT_ALLOWED: "无权导入该单位的记录",
  ROW_ORG_NOT_SCHOOL: "该台账只能登记在学校名下",
  ROW_ORG_CHANGED: "已有记录不能改到其他单位名下",
  ROW_STATE_UNKNOWN: "状态无法识别",
  ROW_STATE_CHANGED: "导入不能改变已有记录的状态，请在系统中办理",
  ROW_ENUM_UNKNOWN: "不是可选的值",
  ROW_DATE_INVALID: "日期无法识别（请填写如 2024-05-06）",
  ROW_NUMBER_INVALID: "不是有效的金额",
  ROW_TEXT_TOO_LONG: "内容过长",
  ROW_TEXT_INVALID: "内容不符合要求",
  ROW_USER_UNKNOWN: "找不到该人员（请填写本县用户的姓名或账号）",
  ROW_USER_AMBIGUOUS: "有多位同名人员，请写成“姓名（账号）”",
  ROW_FILE_NOT_FOUND: "附件编号不存在或无权使用",
  ROW_PERSONAL_MASKED: "个人信息为脱敏内容（含*），请填写完整信息",
  ROW_FIELD_NOT_EDITABLE: "该项由系统办理时记录，导入不能修改",
  ROW_ID_DUPLICATE: "编号在表中重复",
} as const;

/** A row problem's code: one of ROW_PROBLEMS, or a ledger type's invariant code (its message registered). */
export type RowProblemCode = keyof typeof ROW_PROBLEMS | (string & {});

/** The code and message of a row problem: “隐患等级：不是可选的值（可填：一般隐患、重大隐患）”. */
export function rowProblem(code: RowProblemCode, column: string, detail?: string) {
  const base = ROW_PROBLEMS[code as keyof typeof ROW_PROBLEMS] ?? registeredMessage(code) ?? code;
  const extra =
    detail === undefined ? "" : code === "ROW_TEXT_TOO_LONG" ? `（最多 ${detail} 字）` : `（可填：${detail}）`;
  return { code, message: `${column}：${base}${extra}` };
}
