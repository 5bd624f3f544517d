/**
 * Personal data (issue 12): which fields hold it, and how each kind is masked. Plain data and pure
 * functions, so the server's answers and exports and the web's pages use the same declaration.
 * Who sees what in clear is the server's access policy (packages/server/src/privacy/).
 */

export { maskIdNumber, maskName, maskPersonal, maskPhone, WITHHELD } from "./mask.js";

/**
 * Every field of the system that holds personal data, declared in one place (issue 12). A field
 * is named `<record>.<field>`; its kind says how it is shown to someone who may not see it in clear.
 *  - id_number, name, phone: masked (maskIdNumber, maskName, maskPhone);
 *  - health, family, scores: withheld entirely — no masked form says anything safe.
 * Where a field may be seen in clear is the access policy's business (the server's privacy/access-policy.ts); which
 * routes answer which field is listed in the server's PERSONAL_ROUTES. The authorization matrix test fails when a
 * field here or a route answering one lacks its row.
 */
export type PersonalKind = "id_number" | "name" | "phone" | "health" | "family" | "scores";

export interface PersonalField {
  kind: PersonalKind;
  /** What it is, in Chinese, for documentation and the audit trail. */
  label: string;
}

export const PERSONAL_FIELDS = {
  /** The roster's identity column: 身份证号, 学籍号, 考号 or 学号, whichever the school used. */
  "placement.student.id": { kind: "id_number", label: "学生身份证号（学号）" },
  "placement.student.name": { kind: "name", label: "学生姓名" },
  /** Flag columns such as 特殊需要, 随班就读 (health) and 住校; exported only with the class lists. */
  "placement.student.tags": { kind: "health", label: "学生标签（特殊需要、随班就读、住校等）" },
  "placement.student.scores": { kind: "scores", label: "学生成绩" },
} as const satisfies Record<string, PersonalField>;

export type PersonalFieldKey = keyof typeof PERSONAL_FIELDS;

/** What a caller may see of a record's personal data (the server decides per role and organisation). */
export const PERSONAL_ACCESS_LABELS = {
  clear: "可查看完整信息",
  masked: "仅可查看脱敏信息",
  none: "不可查看",
} as const satisfies Record<string, string>;
export type PersonalAccess = keyof typeof PERSONAL_ACCESS_LABELS;

/** The audit action of every showing of personal data in clear (a reveal, a full class-list download). */
export const REVEAL_AUDIT_ACTION = "reveal";
export const REVEAL_AUDIT_LABEL = "查看完整个人信息";
