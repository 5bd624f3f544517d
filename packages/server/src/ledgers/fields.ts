import type { FieldDef, Fields, FieldValue, LedgerTypeDef } from "./ledger-type.js";

/** One refused field: its name and the stable code of what is wrong with it. */
export interface FieldProblem {
  field: string;
  code: "FIELD_UNKNOWN" | "FIELD_NOT_EDITABLE" | "FIELD_INVALID" | "FIELD_REQUIRED";
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const isValidDate = (value: string) => {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
};

/** Whether a value fits its field's kind (null clears a field). */
export function fitsField(def: FieldDef, value: FieldValue): boolean {
  if (value === null) return true;
  switch (def.kind) {
    case "text":
      return typeof value === "string" && value.trim().length > 0 && value.length <= def.maxLength;
    case "enum":
      return typeof value === "string" && def.values.includes(value);
    case "date":
      return typeof value === "string" && isValidDate(value);
    case "money":
      return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1e12;
    case "user":
      return typeof value === "string" && value.length > 0 && value.length <= 64;
    case "files":
      return (
        Array.isArray(value) &&
        value.length <= def.maxItems &&
        value.every((id) => typeof id === "string" && id.length > 0 && id.length <= 64) &&
        new Set(value).size === value.length
      );
  }
}

/**
 * The problems of a caller's input to a type: unknown fields, fields the step may not set, values
 * that do not fit. `allowed` names the fields the step accepts.
 */
export function inputProblems(def: LedgerTypeDef, input: Fields, allowed: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(input)) {
    const field = def.fields[name];
    if (!field) problems.push({ field: name, code: "FIELD_UNKNOWN" });
    else if (!allowed.includes(name) || field.system) problems.push({ field: name, code: "FIELD_NOT_EDITABLE" });
    else if (!fitsField(field, value)) problems.push({ field: name, code: "FIELD_INVALID" });
  }
  return problems;
}

/** Whether a field holds something (an empty list or null is nothing). */
export const filled = (value: FieldValue | undefined): boolean =>
  value !== null && value !== undefined && (!Array.isArray(value) || value.length > 0) && value !== "";

/** The fields a change set moves: name → { from, to } for each value that differs. */
export type Changes = Record<string, { from: FieldValue; to: FieldValue }>;

const same = (a: FieldValue | undefined, b: FieldValue | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function diffFields(before: Fields, after: Fields): Changes {
  const changes: Changes = {};
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!same(before[name], after[name])) changes[name] = { from: before[name] ?? null, to: after[name] ?? null };
  }
  return changes;
}

/** Fields with the changes applied (a change to null removes the field). */
export function applyChanges(fields: Fields, changes: Changes): Fields {
  const next: Fields = { ...fields };
  for (const [name, { to }] of Object.entries(changes)) {
    if (to === null) delete next[name];
    else next[name] = to;
  }
  return next;
}

/** Input merged over fields, nulls removing. */
export const mergeFields = (fields: Fields, input: Fields): Fields =>
  applyChanges(fields, diffFields(fields, { ...fields, ...input }));
