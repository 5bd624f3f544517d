import { issueMessage } from "./messages.js";
import { compareCodeUnits, type PlacementIssue, type TableRows, type Teacher, type TeacherTeam } from "./model.js";
import { normalizeText } from "./roster-rows.js";

const key = (s: string) => normalizeText(s).toLowerCase().replace(/\s/g, "");
const NAME = ["姓名", "教师姓名", "班主任", "name", "teacher"];
const ID = ["工号", "编号", "id"];
const TEAM = ["团队", "教师团队", "组", "team"];
const ROLE = ["角色", "职务", "role"];
const SUBJECT = ["学科", "任教学科", "subject"];
const HEAD_ROLES = new Set(["班主任", "head", "headteacher"]);

export interface ParsedTeachers {
  teams: TeacherTeam[];
  issues: PlacementIssue[];
}

const byTeacher = (a: Teacher, b: Teacher) =>
  compareCodeUnits(a.subject, b.subject) || compareCodeUnits(a.name, b.name) || compareCodeUnits(a.id, b.id);

/**
 * Reads head teachers, optionally with subject-teacher teams (a 团队 column plus a 角色 column naming the 班主任).
 * Without a team column every row is a head teacher drawn alone. Teams come back in canonical order.
 */
export function parseTeacherRows(table: TableRows): ParsedTeachers {
  const issues: PlacementIssue[] = [];
  // A list of bare names (no header row) is accepted too: then every row is a teacher.
  const headerIndex = table.rows.findIndex((r) => r.cells.some((c) => NAME.includes(key(c))));
  const header = (table.rows[headerIndex]?.cells ?? []).map(key);
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const [nameCol, idCol, teamCol, roleCol, subjectCol] = [col(NAME), col(ID), col(TEAM), col(ROLE), col(SUBJECT)];
  const nameAt = Math.max(nameCol, 0);
  const teams = new Map<string, { head: Teacher | null; members: Teacher[] }>();
  for (const { row, cells } of table.rows.slice(headerIndex + 1)) {
    const cell = (c: number) => (c < 0 ? "" : normalizeText(cells[c] ?? ""));
    if (cells.every((c) => normalizeText(c) === "")) continue;
    const teacher: Teacher = { name: cell(nameAt), id: cell(idCol), subject: cell(subjectCol) };
    if (teacher.name === "") {
      issues.push({ code: "TEACHER_NAME_MISSING", message: issueMessage("TEACHER_NAME_MISSING"), row });
      continue;
    }
    const team = teamCol >= 0 && cell(teamCol) !== "" ? cell(teamCol) : teacher.id || teacher.name;
    const entry = teams.get(team) ?? { head: null, members: [] };
    teams.set(team, entry);
    const isHead = roleCol >= 0 ? HEAD_ROLES.has(key(cell(roleCol))) : entry.head === null;
    if (isHead && entry.head === null) entry.head = teacher;
    else entry.members.push(teacher);
  }
  const out: TeacherTeam[] = [];
  for (const [team, { head, members }] of teams) {
    if (head === null) {
      issues.push({ code: "TEAM_HEAD_MISSING", message: issueMessage("TEAM_HEAD_MISSING", { team }) });
      continue;
    }
    out.push({ team, head, members: [...members].sort(byTeacher) });
  }
  out.sort((a, b) => compareCodeUnits(a.team, b.team));
  return { teams: out, issues };
}
