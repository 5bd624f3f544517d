import { SYMPTOMS, type Symptom } from "@luoshi/contract";
import { healthError } from "./health-errors.js";

/**
 * The daily class check (晨午检, WS/T 772), pure: 应到, 实到, and each student absent because of
 * illness with their symptoms from the fixed taxonomy; symptom counts are derived from the named
 * students, never typed twice. A check with no illness absence is the zero report (无异常).
 */

export interface IllStudent {
  name: string;
  symptoms: Symptom[];
}

export interface ClassCheckInput {
  expected?: number;
  present?: number;
  students?: IllStudent[];
}

export interface ClassCheck {
  expected: number;
  present: number;
  illAbsent: number;
  symptoms: Partial<Record<Symptom, number>>;
  students: IllStudent[];
}

/** The check a 班主任's input makes, 应到 defaulting to the class's enrolment and 实到 to 应到. */
export function classCheck(input: ClassCheckInput, enrolled: number): ClassCheck {
  const expected = input.expected ?? enrolled;
  const present = input.present ?? expected;
  const students = (input.students ?? []).map((s) => ({ name: s.name.trim(), symptoms: [...new Set(s.symptoms)] }));
  if (present > expected || students.length > expected - present) throw healthError("CHECK_COUNTS_INVALID", 400);
  const names = new Set(students.map((s) => s.name));
  if (
    names.size !== students.length ||
    students.some((s) => s.name === "" || s.symptoms.length === 0 || s.symptoms.some((x) => !SYMPTOMS.includes(x)))
  )
    throw healthError("CHECK_STUDENTS_MISMATCH", 400);
  const symptoms: Partial<Record<Symptom, number>> = {};
  for (const s of students) for (const x of s.symptoms) symptoms[x] = (symptoms[x] ?? 0) + 1;
  return { expected, present, illAbsent: students.length, symptoms, students };
}

/** The class's roster with the names of a check added (first seen last), at most `max` names. */
export function rememberRoster(roster: readonly string[], students: readonly IllStudent[], max = 200): string[] {
  const added = students.map((s) => s.name).filter((n) => !roster.includes(n));
  return [...roster, ...added].slice(-max);
}
