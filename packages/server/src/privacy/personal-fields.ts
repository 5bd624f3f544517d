import { maskIdNumber, maskName, maskPhone } from "./mask.js";

/**
 * Every field of the system that holds personal data, declared in one place (issue 12). A field
 * is named `<record>.<field>`; its kind says how it is shown to someone who may not see it in clear.
 *  - id_number, name, phone: masked (maskIdNumber, maskName, maskPhone);
 *  - health, family, scores: withheld entirely — no masked form says anything safe.
 * Where a field may be seen in clear is the access policy's business (access-policy.ts); which
 * routes answer which field is listed in PERSONAL_ROUTES. The authorization matrix test fails when a
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

const MASKS: Partial<Record<PersonalKind, (value: string) => string>> = {
  id_number: maskIdNumber,
  name: maskName,
  phone: maskPhone,
};

/** The masked form of a value, or null when the field's kind is withheld rather than masked. */
export function maskedValue(field: PersonalFieldKey, value: string): string | null {
  const mask = MASKS[PERSONAL_FIELDS[field].kind];
  return mask ? mask(value) : null;
}

/**
 * The routes whose answers carry a declared personal field, and which. Downloads count: a class
 * list carries every student field. A route not listed here must not carry any (the matrix test
 * scans every route's answer for the test roster's values, clear and masked).
 */
export const PERSONAL_ROUTES: Record<string, readonly PersonalFieldKey[]> = {
  "GET /api/placements/:id/students": ["placement.student.id", "placement.student.name"],
  "POST /api/placements/:id/students/reveal": ["placement.student.id", "placement.student.name"],
  "GET /api/placements/:id/files/:kind": [
    "placement.student.id",
    "placement.student.name",
    "placement.student.tags",
    "placement.student.scores",
  ],
  // A failed verification names the first student placed differently (masked unless the caller sees clear).
  "POST /api/placements/:id/verify": ["placement.student.id"],
};
