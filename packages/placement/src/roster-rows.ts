import { issueMessage, type PlacementIssueCode } from "./messages.js";
import {
  compareCodeUnits,
  type Gender,
  type PlacementIssue,
  type Roster,
  type Student,
  type TableRows,
} from "./model.js";

/** Full-width to half-width, trimmed, inner whitespace collapsed — one spelling per value. */
export function normalizeText(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, " ").trim();
}

const headerKey = (s: string) =>
  normalizeText(s)
    .toLowerCase()
    .replace(/[\s_\-()（）]/g, "");

const ALIASES = {
  name: ["姓名", "学生姓名", "name", "studentname"],
  id: ["学号", "身份证号", "身份证号码", "身份证", "考号", "准考证号", "学籍号", "id", "studentid", "number"],
  gender: ["性别", "gender", "sex"],
  tags: ["标签", "tags", "tag"],
  group: ["同班组", "双胞胎组", "多胞胎组", "同班", "group", "siblinggroup", "twins", "twingroup"],
  apart: ["分开", "分班回避", "不同班", "apart", "keepapart"],
} as const;
type Role = keyof typeof ALIASES;

/** Yes/no columns that become a tag named by the canonical (Chinese) tag name. */
const FLAG_TAGS: Record<string, string> = {
  住校: "住校",
  寄宿: "住校",
  住宿: "住校",
  boarding: "住校",
  特殊需要: "特殊需要",
  特殊需求: "特殊需要",
  随班就读: "随班就读",
  specialneeds: "特殊需要",
};

const KNOWN_SCORES = [
  "语文",
  "数学",
  "英语",
  "总分",
  "总成绩",
  "成绩",
  "分数",
  "score",
  "total",
  "chinese",
  "math",
  "english",
];
const TOTAL_SCORES = ["总分", "总成绩", "total", "totalscore"];
const IGNORED = ["序号", "备注", "no", "remark", "remarks", "note", "notes"];
const FALSY = new Set(["", "否", "0", "n", "no", "false", "x", "×", "无"]);
const LIST_SEPARATORS = /[、,，;；|/\s]+/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

interface ColumnPlan {
  roles: Partial<Record<Role, number>>;
  flags: { col: number; tag: string }[];
  scores: { col: number; name: string }[];
}

export interface ParsedRoster {
  roster: Roster;
  issues: PlacementIssue[];
}

function issue(code: PlacementIssueCode, row: number | undefined, args: Record<string, string | number> = {}) {
  const out: PlacementIssue = { code, message: issueMessage(code, args) };
  if (row !== undefined) out.row = row;
  if (typeof args.column === "string") out.column = args.column;
  return out;
}

function findHeader(table: TableRows): number {
  const idOrName = new Set<string>([...ALIASES.id, ...ALIASES.name]);
  const limit = Math.min(table.rows.length, 10);
  for (let i = 0; i < limit; i++) {
    if (table.rows[i]!.cells.some((c) => idOrName.has(headerKey(c)))) return i;
  }
  return 0;
}

function planColumns(header: string[], body: string[][]): ColumnPlan {
  const plan: ColumnPlan = { roles: {}, flags: [], scores: [] };
  header.forEach((raw, col) => {
    const key = headerKey(raw);
    if (key === "" || IGNORED.includes(key)) return;
    const role = (Object.keys(ALIASES) as Role[]).find((r) => (ALIASES[r] as readonly string[]).includes(key));
    if (role !== undefined) {
      if (plan.roles[role] === undefined) plan.roles[role] = col;
      return;
    }
    const flag = FLAG_TAGS[key];
    if (flag !== undefined) {
      plan.flags.push({ col, tag: flag });
      return;
    }
    const values = body.map((cells) => normalizeText(cells[col] ?? "")).filter((v) => v !== "");
    const numeric = values.filter((v) => NUMBER.test(v)).length;
    if (KNOWN_SCORES.includes(key) || (values.length > 0 && numeric * 2 > values.length)) {
      plan.scores.push({ col, name: normalizeText(raw) });
    }
  });
  return plan;
}

export function parseGender(value: string): Gender | null {
  const v = normalizeText(value).toLowerCase();
  if (["男", "m", "male", "1", "男生"].includes(v)) return "M";
  if (["女", "f", "female", "2", "女生"].includes(v)) return "F";
  return null;
}

const splitList = (v: string) =>
  normalizeText(v)
    .split(LIST_SEPARATORS)
    .filter((s) => s !== "");
const uniqueSorted = (xs: string[]) => [...new Set(xs)].sort(compareCodeUnits);

/** Parses one row, pushing row-level issues; `valid` is false when the row cannot be placed. */
function parseRow(
  plan: ColumnPlan,
  row: number,
  cells: string[],
  issues: PlacementIssue[],
): { student: Student; valid: boolean } {
  const cell = (col: number | undefined) => (col === undefined ? "" : normalizeText(cells[col] ?? ""));
  const before = issues.length;
  const id = cell(plan.roles.id);
  const name = cell(plan.roles.name);
  if (id === "") issues.push(issue("ID_MISSING", row));
  if (name === "") issues.push(issue("NAME_MISSING", row));
  const gender = parseGender(cell(plan.roles.gender));
  if (gender === null) issues.push(issue("GENDER_INVALID", row, { value: cell(plan.roles.gender) }));
  const scores = plan.scores.map(({ col, name: column }) => {
    const v = cell(col);
    if (v === "") issues.push(issue("SCORE_MISSING", row, { column }));
    else if (!NUMBER.test(v)) issues.push(issue("SCORE_NOT_NUMERIC", row, { column, value: v }));
    return Number(v);
  });
  const tags = plan.roles.tags === undefined ? [] : splitList(cell(plan.roles.tags));
  for (const { col, tag } of plan.flags) if (!FALSY.has(cell(col).toLowerCase())) tags.push(tag);
  const apart = plan.roles.apart === undefined ? [] : uniqueSorted(splitList(cell(plan.roles.apart)));
  const student: Student = {
    id,
    name,
    gender: gender ?? "M",
    scores,
    tags: uniqueSorted(tags),
    group: cell(plan.roles.group),
    apart,
    row,
  };
  return { student, valid: issues.length === before };
}

/** Cross-row rules: groups of two or more, keep-apart ids that exist and do not contradict groups. */
function checkRelations(students: Student[], issues: PlacementIssue[]): void {
  const byId = new Map<string, Student>();
  for (const s of students) if (s.id !== "" && !byId.has(s.id)) byId.set(s.id, s);
  const groupSizes = new Map<string, number>();
  for (const s of students) if (s.group !== "") groupSizes.set(s.group, (groupSizes.get(s.group) ?? 0) + 1);
  for (const s of students) {
    if (s.group !== "" && groupSizes.get(s.group) === 1)
      issues.push(issue("GROUP_SINGLETON", s.row, { group: s.group }));
    for (const other of s.apart) {
      const o = byId.get(other);
      if (other === s.id) issues.push(issue("APART_SELF", s.row));
      else if (!o) issues.push(issue("APART_UNKNOWN_ID", s.row, { id: other }));
      else if (s.group !== "" && o.group === s.group) issues.push(issue("APART_SAME_GROUP", s.row, { id: other }));
    }
  }
}

/** Keep-apart is symmetric: a pair written on either row binds both students. */
function symmetrizeApart(students: Student[]): void {
  const byId = new Map(students.map((s) => [s.id, s] as const));
  const sets = new Map(students.map((s) => [s.id, new Set(s.apart)] as const));
  for (const s of students) for (const o of s.apart) if (byId.has(o)) sets.get(o)!.add(s.id);
  for (const s of students) s.apart = [...sets.get(s.id)!].sort(compareCodeUnits);
}

/** Turns table rows into a canonical roster (sorted by id) plus row-level issues in Chinese. */
export function parseRosterRows(table: TableRows): ParsedRoster {
  const issues: PlacementIssue[] = [];
  const headerIndex = findHeader(table);
  const header = table.rows[headerIndex]?.cells ?? [];
  const bodyRows = table.rows.slice(headerIndex + 1).filter((r) => r.cells.some((c) => normalizeText(c) !== ""));
  const plan = planColumns(
    header,
    bodyRows.map((r) => r.cells),
  );
  const headerRow = table.rows[headerIndex]?.row ?? 1;
  for (const role of ["id", "name", "gender"] as const) {
    if (plan.roles[role] === undefined) {
      issues.push(issue("COLUMN_MISSING", headerRow, { column: ALIASES[role][0], accepted: ALIASES[role].join("/") }));
    }
  }
  const empty: Roster = { scoreNames: [], totalScore: null, tagNames: [], students: [] };
  if (issues.length > 0) return { roster: empty, issues };
  if (bodyRows.length === 0) return { roster: empty, issues: [issue("EMPTY_ROSTER", undefined)] };

  // Duplicates are found on every row with an id, even rows rejected for other reasons.
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of bodyRows) {
    const id = normalizeText(cells[plan.roles.id!] ?? "");
    const first = firstRowOf.get(id);
    if (id === "") continue;
    if (first === undefined) firstRowOf.set(id, row);
    else issues.push(issue("ID_DUPLICATE", row, { id, firstRow: first }));
  }
  const parsed = bodyRows.map(({ row, cells }) => parseRow(plan, row, cells, issues));
  // Relations are checked on every row, so one pass shows all problems; only valid rows are placed.
  checkRelations(
    parsed.map((p) => p.student),
    issues,
  );
  const students = parsed.filter((p) => p.valid).map((p) => p.student);
  symmetrizeApart(students);
  students.sort((a, b) => compareCodeUnits(a.id, b.id));
  const scoreNames = plan.scores.map((s) => s.name);
  const totalIndex = scoreNames.findIndex((n) => TOTAL_SCORES.includes(headerKey(n)));
  const roster: Roster = {
    scoreNames,
    totalScore: totalIndex >= 0 ? totalIndex : null,
    tagNames: uniqueSorted(students.flatMap((s) => s.tags)),
    students,
  };
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { roster, issues };
}
