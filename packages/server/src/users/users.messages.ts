import { registerErrors } from "../errors.js";

/** User-facing text of account management, keyed by stable codes. */
export const USER_MESSAGES = {
  USER_NOT_FOUND: "用户不存在",
  USER_IS_SELF: "不能停用自己的账号或修改自己的角色、单位",
  USER_ORG_INVALID: "用户只能调整到本县（区）内的单位",
  USERS_IMPORT_UNREADABLE: "无法读取该文件，请上传 Excel（.xlsx）用户表",
  USERS_IMPORT_NO_HEADER: "表中找不到必需的列：用户名、姓名、单位、角色（可下载模板对照）",
  USERS_IMPORT_EMPTY: "表中没有用户数据",
  USERS_IMPORT_TOO_MANY: "一次最多导入 2000 个用户，请分批导入",
  USERS_IMPORT_INVALID: "用户表有错误，未导入任何用户；请按所列行号修改后重新上传",
} as const;

export type UserCode = keyof typeof USER_MESSAGES;

/** Errors of this module, registered with the shared AppError. */
export const userError = registerErrors("users", USER_MESSAGES);
