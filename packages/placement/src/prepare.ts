import { PlacementInputError, type PlacementParams, type Roster, type TableRows } from "./model.js";
import { type ParamsInput, resolveParams } from "./params.js";
import { parseRosterRows } from "./roster-rows.js";
import { parseTeacherRows } from "./teachers.js";

export interface PrepareInput extends Omit<ParamsInput, "teams"> {
  students: TableRows;
  teachers?: TableRows;
}

/** Tables and options → a validated roster and parameters; every problem is reported at once. */
export function preparePlacement(input: PrepareInput): { roster: Roster; params: PlacementParams } {
  const { students, teachers: teacherRows, ...paramsInput } = input;
  const { roster, issues } = parseRosterRows(students);
  const teachers = teacherRows ? parseTeacherRows(teacherRows) : { teams: [], issues: [] };
  const resolved = resolveParams(roster, { ...paramsInput, teams: teachers.teams });
  const all = [...issues, ...teachers.issues, ...(issues.length === 0 ? resolved.issues : [])];
  if (all.length > 0) throw new PlacementInputError(all);
  return { roster, params: resolved.params };
}
