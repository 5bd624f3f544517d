import type { PlacementIssueCode } from "./messages.js";

export type Gender = "M" | "F";

/** One student after parsing and normalisation. */
export interface Student {
  id: string;
  name: string;
  gender: Gender;
  /** Score values in the order of `Roster.scoreNames`. */
  scores: number[];
  /** Sorted, unique tag names (e.g. 住校, 特殊需要). */
  tags: string[];
  /** Students sharing a non-empty group id are always placed in the same class. */
  group: string;
  /** Sorted ids of students who must not share this student's class. */
  apart: string[];
  /** Row of the source table (1-based, as a spreadsheet shows it); not part of the canonical roster. */
  row: number;
}

/** A roster in canonical order: students sorted by id (code-unit order). */
export interface Roster {
  scoreNames: string[];
  /** Index into scoreNames of the score used for the S-shape order (总分 if present). */
  totalScore: number | null;
  tagNames: string[];
  students: Student[];
}

/** A table as read from csv/xlsx: the reader knows cells, not meaning. */
export interface TableRows {
  rows: { row: number; cells: string[] }[];
}

export interface Teacher {
  name: string;
  id: string;
  subject: string;
}

/** A head teacher with an optional subject-teacher team, drawn into a class as one unit. */
export interface TeacherTeam {
  team: string;
  head: Teacher;
  members: Teacher[];
}

export interface PlacementParams {
  classCount: number;
  capacities: number[];
  teams: TeacherTeam[];
  restarts: number;
}

export interface PlacementIssue {
  code: PlacementIssueCode;
  message: string;
  /** Source row (1-based), absent for issues about parameters. */
  row?: number;
  column?: string;
}

export class PlacementInputError extends Error {
  readonly issues: PlacementIssue[];
  constructor(issues: PlacementIssue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.name = "PlacementInputError";
    this.issues = issues;
  }
}

export function formatIssue(issue: PlacementIssue): string {
  const where = issue.row === undefined ? "" : `第 ${issue.row} 行：`;
  return `[${issue.code}] ${where}${issue.message}`;
}

export function isPlacementInputError(e: unknown): e is PlacementInputError {
  return e instanceof PlacementInputError;
}

/** Class index (0-based) per student, in roster order. */
export type Assignment = Int32Array;

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
