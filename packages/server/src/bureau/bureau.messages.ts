import { registerErrors } from "../errors.js";

/** User-facing text of the bureau profile, keyed by stable codes. */
export const BUREAU_MESSAGES = {
  DOC_NUMBER_PATTERN_INVALID: "发文字号格式不正确",
  BUREAU_FIELD_EMPTY: "发文机关全称、简称、标志和署名不能为空",
} as const;

export type BureauCode = keyof typeof BUREAU_MESSAGES;

const raise = registerErrors("bureau", BUREAU_MESSAGES);
/** A refusal of the bureau profile (400), with its registered message unless one is given. */
export const bureauError = (code: BureauCode, details?: unknown, message?: string) =>
  raise(code, 400, details, message);
