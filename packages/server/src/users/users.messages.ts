import { registerErrors } from "../errors.js";

/** User-facing text of account management, keyed by stable codes. */
export const USER_MESSAGES = {
  USER_NOT_FOUND: "用户不存在",
  USER_IS_SELF: "不能停用自己的账号或修改自己的角色、单位",
  USER_ORG_INVALID: "用户只能调整到本县（区）内的单位",
} as const;

export type UserCode = keyof typeof USER_MESSAGES;

/** Errors of this module, registered with the shared AppError. */
export const userError = registerErrors("users", USER_MESSAGES);
