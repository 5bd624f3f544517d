import { issueMessage, type PlacementIssueCode } from "./messages.js";
import type { PlacementIssue, PlacementParams, Roster, TeacherTeam } from "./model.js";

/** Restarts of the exchange search; part of the published parameters, so changing it changes the hash. */
export const DEFAULT_RESTARTS = 3;

export interface ParamsInput {
  classCount: number;
  /** One capacity for every class. */
  capacity?: number;
  /** One capacity per class; wins over `capacity`. */
  capacities?: number[];
  teams?: TeacherTeam[];
  restarts?: number;
}

const isPositiveInt = (n: number) => Number.isInteger(n) && n > 0;
const issue = (code: PlacementIssueCode, args: Record<string, string | number> = {}): PlacementIssue => ({
  code,
  message: issueMessage(code, args),
});

/**
 * Resolves and checks parameters against the roster: class count, capacities that hold everyone,
 * groups that fit a class, one teacher team per class. Without capacities the classes are sized evenly.
 */
export function resolveParams(
  roster: Roster,
  input: ParamsInput,
): { params: PlacementParams; issues: PlacementIssue[] } {
  const issues: PlacementIssue[] = [];
  const k = input.classCount;
  const n = roster.students.length;
  const teams = input.teams ?? [];
  const restarts = input.restarts ?? DEFAULT_RESTARTS;
  if (!isPositiveInt(k)) {
    issues.push(issue("CLASS_COUNT_INVALID", { value: String(k) }));
    return { params: { classCount: 0, capacities: [], teams, restarts }, issues };
  }
  let capacities: number[];
  if (input.capacities !== undefined) {
    capacities = input.capacities;
    if (capacities.length !== k)
      issues.push(issue("CAPACITY_COUNT_MISMATCH", { given: capacities.length, classes: k }));
  } else {
    capacities = new Array<number>(k).fill(input.capacity ?? Math.max(1, Math.ceil(n / k)));
  }
  for (const c of capacities) if (!isPositiveInt(c)) issues.push(issue("CAPACITY_INVALID", { value: String(c) }));
  const total = capacities.reduce((a, b) => a + b, 0);
  if (issues.length === 0 && total < n) issues.push(issue("CAPACITY_TOO_SMALL", { capacity: total, students: n }));

  const maxCapacity = capacities.reduce((a, b) => Math.max(a, b), 0);
  const groups = new Map<string, { size: number; row: number }>();
  for (const s of roster.students) {
    if (s.group === "") continue;
    const g = groups.get(s.group) ?? { size: 0, row: s.row };
    g.size += 1;
    g.row = Math.min(g.row, s.row);
    groups.set(s.group, g);
  }
  for (const [group, { size, row }] of groups) {
    if (size > maxCapacity) issues.push({ ...issue("GROUP_TOO_LARGE", { group, size, capacity: maxCapacity }), row });
  }
  if (teams.length > 0 && teams.length !== k)
    issues.push(issue("TEACHER_COUNT_MISMATCH", { teams: teams.length, classes: k }));
  return { params: { classCount: k, capacities, teams, restarts }, issues };
}

/** Class sizes as even as the capacities allow: one seat at a time to the emptiest class (lowest number first). */
export function targetSizes(studentCount: number, capacities: number[]): number[] {
  const sizes = capacities.map(() => 0);
  for (let placed = 0; placed < studentCount; placed++) {
    let best = -1;
    for (let c = 0; c < capacities.length; c++) {
      if (sizes[c]! < capacities[c]! && (best < 0 || sizes[c]! < sizes[best]!)) best = c;
    }
    if (best < 0) break;
    sizes[best]! += 1;
  }
  return sizes;
}
