import { AppError } from "../errors.js";
import type { ErrorCode } from "../messages.js";

/** User-facing text of the bureau profile, keyed by stable codes. */
export const BUREAU_MESSAGES = {
  DOC_NUMBER_PATTERN_INVALID: "发文字号格式不正确",
  BUREAU_FIELD_EMPTY: "发文机关全称、简称、标志和署名不能为空",
} as const;

export type BureauCode = keyof typeof BUREAU_MESSAGES;

/** This module's codes travel through the shared AppError unchanged, like the supervision module's. */
export const bureauError = (code: BureauCode, details?: unknown, message?: string) =>
  new AppError(code as unknown as ErrorCode, 400, details, message ?? BUREAU_MESSAGES[code]);
