import { dictionary } from "@zxcvbn-ts/language-common";
import { registerErrors } from "../errors.js";

/**
 * The password policy for passwords people choose (self-service change, admin create and reset):
 * at least MIN_LENGTH characters, not in the common-password list (the ~49,000 entries zxcvbn-ts
 * ships as `passwords-common`, compared case-insensitively), not all of one character class, and
 * not the username. Seeding and the CLI (no actor) are not held to it.
 */
export const MIN_PASSWORD_LENGTH = 10;

const COMMON = new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));

export const PASSWORD_MESSAGES = {
  PASSWORD_TOO_SHORT: `密码至少需要${MIN_PASSWORD_LENGTH}个字符`,
  PASSWORD_COMMON: "密码过于常见，容易被猜中，请换一个",
  PASSWORD_ONE_CLASS: "密码不能只由一类字符组成，请混合字母、数字或符号",
  PASSWORD_IS_USERNAME: "密码不能与用户名相同",
} as const;

export type PasswordRule = keyof typeof PASSWORD_MESSAGES;

const passwordError = registerErrors("auth", PASSWORD_MESSAGES);

/** The first rule a password breaks, or null when it may be used. */
export function passwordProblem(password: string, username: string): PasswordRule | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "PASSWORD_TOO_SHORT";
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase()) return "PASSWORD_IS_USERNAME";
  if (COMMON.has(lower)) return "PASSWORD_COMMON";
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 2) return "PASSWORD_ONE_CLASS";
  return null;
}

export function assertPasswordAllowed(password: string, username: string): void {
  const rule = passwordProblem(password, username);
  if (rule) throw passwordError(rule, 400, { rule });
}
