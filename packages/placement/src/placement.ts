import { balanceClasses } from "./balance.js";
import { ALGORITHM, canonicalJson, deriveSeed, type SeedInputs, sha256Hex } from "./canonical.js";
import type { CommittedInputs } from "./ceremony-model.js";
import { issueMessage, LABELS, VERIFY_REASONS } from "./messages.js";
import { PlacementInputError, type PlacementParams, type Roster, type Teacher, type TeacherTeam } from "./model.js";
import { Xoshiro128 } from "./prng.js";
import { type BalanceReport, type ClassStats, evaluateAssignment, roundNumbers } from "./stats.js";

export const RESULT_FORMAT = "luoshi-placement-result/1";

export interface PlacedClass {
  classNo: number;
  capacity: number;
  /** Drawn after balancing; absent when no teachers were given. */
  team?: string;
  headTeacher?: Teacher;
  teachers?: Teacher[];
  students: { id: string; name: string; gender: string }[];
}

/** What the seed was made from; a committed run (format 2) also names its commitment and draw record. */
export type ResultInputs = SeedInputs & {
  classCount: number;
  capacities: number[];
  restarts: number;
  studentCount: number;
} & Partial<CommittedInputs>;

export interface PlacementResult {
  format: string;
  algorithm: string;
  inputs: ResultInputs;
  classes: PlacedClass[];
  statistics: ClassStats[];
  balance: BalanceReport;
}

export interface PlacementRun {
  result: PlacementResult;
  /** The canonical JSON text of the result: exactly the bytes published as result.json. */
  json: string;
  resultHash: string;
}

/** Teacher lottery: the teams in canonical order are shuffled by the "teachers" stream; class i gets team i. */
export function drawTeachers(teams: TeacherTeam[], seed: string): TeacherTeam[] {
  return Xoshiro128.fromSeed(seed, "teachers").shuffle([...teams]);
}

/**
 * The whole placement from published inputs: seed → balanced classes → teacher draw → statistics.
 * Deterministic: the same roster, parameters and draw give the same bytes on any machine.
 */
export function runPlacement(roster: Roster, params: PlacementParams, draw: string): PlacementRun {
  const inputs = deriveSeed(roster, params, draw);
  if (inputs.draw === "") {
    throw new PlacementInputError([{ code: "DRAW_EMPTY", message: issueMessage("DRAW_EMPTY") }]);
  }
  return placeSeeded(roster, params, inputs, RESULT_FORMAT);
}

/** The placement for seed inputs already derived (single-step or committed); `format` names the result's version. */
export function placeSeeded(
  roster: Roster,
  params: PlacementParams,
  inputs: SeedInputs & Partial<CommittedInputs>,
  format: string,
): PlacementRun {
  const { assignment } = balanceClasses(roster, params, inputs.seed);
  const { classes, stats, report } = evaluateAssignment(roster, assignment, params.capacities);
  const teams = params.teams.length > 0 ? drawTeachers(params.teams, inputs.seed) : [];
  const placed: PlacedClass[] = classes.map((members, c) => {
    const team = teams[c];
    return {
      classNo: c + 1,
      capacity: params.capacities[c]!,
      ...(team ? { team: team.team, headTeacher: team.head, teachers: team.members } : {}),
      students: members.map((i) => {
        const s = roster.students[i]!;
        return { id: s.id, name: s.name, gender: s.gender === "M" ? LABELS.male : LABELS.female };
      }),
    };
  });
  const result: PlacementResult = {
    format,
    algorithm: ALGORITHM,
    inputs: {
      ...inputs,
      classCount: params.classCount,
      capacities: params.capacities,
      restarts: params.restarts,
      studentCount: roster.students.length,
    },
    classes: placed,
    statistics: roundNumbers(stats),
    balance: roundNumbers(report),
  };
  const json = canonicalJson(result);
  return { result, json, resultHash: sha256Hex(json) };
}

export type VerifyOutcome = { ok: true; run: PlacementRun } | { ok: false; reasons: string[] };

function firstDifference(published: PlacementResult, actual: PlacementResult): string {
  const where = new Map<string, number>();
  for (const c of published.classes ?? []) for (const s of c.students ?? []) where.set(s.id, c.classNo);
  for (const c of actual.classes) {
    for (const s of c.students) {
      const p = where.get(s.id);
      if (p !== c.classNo) {
        return VERIFY_REASONS.studentMoved(
          s.id,
          p === undefined ? "—" : LABELS.className(p),
          LABELS.className(c.classNo),
        );
      }
    }
  }
  for (const c of actual.classes) {
    const p = published.classes?.find((x) => x.classNo === c.classNo);
    if (canonicalJson(p?.headTeacher ?? null) !== canonicalJson(c.headTeacher ?? null))
      return VERIFY_REASONS.teachers(c.classNo);
  }
  return "";
}

/**
 * Re-runs the placement from the published inputs and compares with a published result.json text.
 * Input hashes are checked first, so a changed roster is named as such rather than as a different result.
 */
export function verifyPlacement(
  roster: Roster,
  params: PlacementParams,
  draw: string,
  publishedText: string,
): VerifyOutcome {
  let published: PlacementResult;
  try {
    published = JSON.parse(publishedText) as PlacementResult;
  } catch {
    return { ok: false, reasons: [VERIFY_REASONS.resultUnreadable] };
  }
  if (published === null || typeof published !== "object" || typeof published.inputs !== "object") {
    return { ok: false, reasons: [VERIFY_REASONS.resultUnreadable] };
  }
  const run = runPlacement(roster, params, draw);
  const actual = run.result.inputs;
  const pub = published.inputs;
  const reasons: string[] = [];
  if (pub.rosterHash !== actual.rosterHash)
    reasons.push(VERIFY_REASONS.rosterHash(String(pub.rosterHash), actual.rosterHash));
  if (pub.paramsHash !== actual.paramsHash)
    reasons.push(VERIFY_REASONS.paramsHash(String(pub.paramsHash), actual.paramsHash));
  if (pub.draw !== actual.draw) reasons.push(VERIFY_REASONS.draw(String(pub.draw), actual.draw));
  if (reasons.length === 0 && pub.seed !== actual.seed) reasons.push(VERIFY_REASONS.seed);
  if (reasons.length > 0) return { ok: false, reasons };
  const mismatch = resultMismatch(published, publishedText, run);
  return mismatch === null ? { ok: true, run } : { ok: false, reasons: [mismatch] };
}

/** Null when the published text is exactly the recomputed result; otherwise the first difference in words. */
export function resultMismatch(published: PlacementResult, publishedText: string, run: PlacementRun): string | null {
  if (publishedText.trimEnd() === run.json) return null;
  const diff = firstDifference(published, run.result);
  return diff === "" ? VERIFY_REASONS.bytes : VERIFY_REASONS.assignment(diff);
}
