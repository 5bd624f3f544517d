import {
  maskIdNumber,
  maskName,
  maskPhone,
  PERSONAL_FIELDS,
  type PersonalFieldKey,
  type PersonalKind,
} from "@luoshi/contract";

export { PERSONAL_FIELDS, type PersonalFieldKey };

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
