import {
  ALGORITHM,
  canonicalJson,
  canonicalParams,
  canonicalRosterCsv,
  normalizeDraw,
  sha256Hex,
} from "./canonical.js";
import { CEREMONY_ERRORS, type CeremonyErrorCode, CHECK_TEXT } from "./ceremony-messages.js";
import {
  type CeremonyCheck,
  COMMITMENT_FORMAT,
  COMMITTED_RESULT_FORMAT,
  type Commitment,
  DRAW_FORMAT,
  type DrawRecord,
  type Sealed,
  type SupplementOf,
  type Witness,
} from "./ceremony-model.js";
import type { PlacementParams, Roster, TeacherTeam } from "./model.js";
import { type PlacementResult, type PlacementRun, placeSeeded, resultMismatch } from "./placement.js";

/** A refusal of a ceremony step, with a stable code; `checks` when inputs disagree with the commitment. */
export class CeremonyError extends Error {
  readonly code: CeremonyErrorCode;
  readonly checks: CeremonyCheck[];
  constructor(code: CeremonyErrorCode, message: string, checks: CeremonyCheck[] = []) {
    super(message);
    this.name = "CeremonyError";
    this.code = code;
    this.checks = checks;
  }
}

/** Free text as typed (names, plans, sources): whitespace collapsed, punctuation kept as written. */
const tidy = (s: string) => s.replace(/\s+/g, " ").trim();

export const isCeremonyError = (e: unknown): e is CeremonyError => e instanceof CeremonyError;

const fail = (code: Exclude<CeremonyErrorCode, "CEREMONY_MISMATCH" | `SUPPLEMENT_${string}`>) =>
  new CeremonyError(code, CEREMONY_ERRORS[code]);

function seal<T>(record: T): Sealed<T> {
  const text = canonicalJson(record);
  return { record, text, hash: sha256Hex(text) };
}

/** The committed parameters back from their canonical JSON (as stored beside the commitment). */
export function paramsFromCanonical(text: string): PlacementParams {
  const o = parseObject(text);
  if (!o || o.algorithm !== ALGORITHM || !Array.isArray(o.capacities) || !Array.isArray(o.teachers))
    throw fail("COMMITMENT_UNREADABLE");
  return {
    classCount: Number(o.classCount),
    capacities: o.capacities as number[],
    teams: o.teachers as PlacementParams["teams"],
    restarts: Number(o.restarts),
  };
}

/** The parameters a commitment names, with the teacher teams read from the teachers' list (none for 补录). */
export const paramsFromCommitment = (c: Commitment, teams: TeacherTeam[]): PlacementParams => ({
  classCount: c.classCount,
  capacities: c.capacities,
  teams,
  restarts: c.restarts,
});

export const rosterHashOf = (roster: Roster) => sha256Hex(canonicalRosterCsv(roster));
export const paramsHashOf = (params: PlacementParams) => sha256Hex(canonicalParams(params));

export interface CommitInput {
  name: string;
  organization: string;
  drawPlan: string;
  committedAt: Date;
  supplementOf?: SupplementOf;
}

/** Step 1: freezes roster and parameters as hashes, with the time; the text is what gets published. */
export function sealCommitment(roster: Roster, params: PlacementParams, input: CommitInput): Sealed<Commitment> {
  return seal<Commitment>({
    format: COMMITMENT_FORMAT,
    algorithm: ALGORITHM,
    name: tidy(input.name),
    organization: tidy(input.organization),
    rosterHash: rosterHashOf(roster),
    paramsHash: paramsHashOf(params),
    studentCount: roster.students.length,
    classCount: params.classCount,
    capacities: params.capacities,
    restarts: params.restarts,
    teacherTeams: params.teams.length,
    drawPlan: tidy(input.drawPlan),
    committedAt: input.committedAt.toISOString(),
    ...(input.supplementOf ? { supplementOf: input.supplementOf } : {}),
  });
}

export interface DrawInput {
  draw: string;
  source: string;
  witnesses: Witness[];
  drawnAt: Date;
}

const isTime = (s: unknown): s is string => typeof s === "string" && !Number.isNaN(Date.parse(s));
const after = (later: string, earlier: string) => Date.parse(later) > Date.parse(earlier);

/**
 * Step 2: the public numbers, entered once after the commitment, with the time and the witnesses.
 * Refused when the numbers are empty, nobody witnessed, or the time is not after the commitment's.
 */
export function sealDraw(commitment: Sealed<Commitment>, input: DrawInput): Sealed<DrawRecord> {
  const draw = normalizeDraw(input.draw);
  if (draw === "") throw fail("DRAW_EMPTY");
  const witnesses = input.witnesses
    .map((w) => ({ name: tidy(w.name), role: tidy(w.role) }))
    .filter((w) => w.name !== "");
  if (witnesses.length === 0) throw fail("WITNESS_MISSING");
  const drawnAt = input.drawnAt.toISOString();
  if (!after(drawnAt, commitment.record.committedAt)) throw fail("DRAW_BEFORE_COMMITMENT");
  return seal<DrawRecord>({
    format: DRAW_FORMAT,
    commitmentHash: commitment.hash,
    draw,
    source: tidy(input.source),
    witnesses,
    drawnAt,
  });
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A published commitment.json (any formatting) → the record and its canonical hash. */
export function openCommitment(text: string): Sealed<Commitment> {
  const o = parseObject(text);
  if (
    !o ||
    o.format !== COMMITMENT_FORMAT ||
    typeof o.rosterHash !== "string" ||
    typeof o.paramsHash !== "string" ||
    !isTime(o.committedAt)
  )
    throw fail("COMMITMENT_UNREADABLE");
  return seal(o as unknown as Commitment);
}

/** A published draw.json (any formatting) → the record and its canonical hash. */
export function openDraw(text: string): Sealed<DrawRecord> {
  const o = parseObject(text);
  if (
    !o ||
    o.format !== DRAW_FORMAT ||
    typeof o.commitmentHash !== "string" ||
    typeof o.draw !== "string" ||
    !Array.isArray(o.witnesses) ||
    !isTime(o.drawnAt)
  )
    throw fail("DRAW_UNREADABLE");
  return seal(o as unknown as DrawRecord);
}

/**
 * Every check that the inputs at hand are the committed ones and that the draw came after the
 * commitment: roster and parameter hashes, the draw record's link to the commitment, its completeness,
 * the order in time, and (when the published notice's hash is given) the commitment itself.
 */
export function checkInputs(
  roster: Roster,
  params: PlacementParams,
  commitment: Sealed<Commitment>,
  draw: Sealed<DrawRecord>,
  expectedCommitmentHash?: string,
): CeremonyCheck[] {
  const c = commitment.record;
  const d = draw.record;
  const rosterHash = rosterHashOf(roster);
  const paramsHash = paramsHashOf(params);
  const checks: CeremonyCheck[] = [
    expectedCommitmentHash === undefined
      ? { key: "commitment", ok: true, text: CHECK_TEXT.commitmentRead(commitment.hash) }
      : {
          key: "commitment",
          ok: expectedCommitmentHash.trim().toLowerCase() === commitment.hash,
          text: CHECK_TEXT.commitmentExpected(expectedCommitmentHash.trim().toLowerCase(), commitment.hash),
        },
    { key: "roster", ok: c.rosterHash === rosterHash, text: CHECK_TEXT.roster(c.rosterHash, rosterHash) },
    { key: "params", ok: c.paramsHash === paramsHash, text: CHECK_TEXT.params(c.paramsHash, paramsHash) },
    {
      key: "draw",
      ok: d.commitmentHash === commitment.hash,
      text: CHECK_TEXT.drawLinked(d.commitmentHash === commitment.hash),
    },
  ];
  if (normalizeDraw(d.draw) !== d.draw || d.draw === "" || !d.witnesses.some((w) => w?.name))
    checks.push({ key: "draw", ok: false, text: CHECK_TEXT.drawIncomplete });
  const ordered = after(d.drawnAt, c.committedAt);
  checks.push({ key: "order", ok: ordered, text: CHECK_TEXT.order(c.committedAt, d.drawnAt, ordered) });
  return checks;
}

/** seed = SHA-256(commitmentHash ‖ "\n" ‖ draw): the commitment already binds roster and parameters. */
export const committedSeed = (commitmentHash: string, draw: string) => sha256Hex(`${commitmentHash}\n${draw}`);

/**
 * Step 3: the placement from the committed inputs and the draw only. Refused (CEREMONY_MISMATCH, with the
 * failed checks) when the roster or parameters are not the committed ones, the draw record belongs to
 * another commitment, or the draw was not entered after the commitment.
 */
export function runCommitted(
  roster: Roster,
  params: PlacementParams,
  commitment: Sealed<Commitment>,
  draw: Sealed<DrawRecord>,
): PlacementRun {
  const failed = checkInputs(roster, params, commitment, draw).filter((x) => !x.ok);
  if (failed.length > 0)
    throw new CeremonyError("CEREMONY_MISMATCH", CEREMONY_ERRORS.CEREMONY_MISMATCH(failed.map((x) => x.text)), failed);
  const c = commitment.record;
  const d = draw.record;
  return placeSeeded(
    roster,
    params,
    {
      rosterHash: c.rosterHash,
      paramsHash: c.paramsHash,
      draw: d.draw,
      seed: committedSeed(commitment.hash, d.draw),
      commitmentHash: commitment.hash,
      committedAt: c.committedAt,
      drawHash: draw.hash,
      drawnAt: d.drawnAt,
      ...(c.supplementOf ? { supplementOf: c.supplementOf } : {}),
    },
    COMMITTED_RESULT_FORMAT,
  );
}

export interface VerifyCommittedInput {
  roster: Roster;
  params: PlacementParams;
  commitmentText: string;
  drawText: string;
  resultText: string;
  /** The commitment hash printed on the published notice; checked when given. */
  expectedCommitmentHash?: string;
  /** For a 补录 round: the first round's published result.json. */
  baseResultText?: string;
}

export type VerifyCommittedOutcome = { ok: boolean; checks: CeremonyCheck[]; resultHash?: string };

function parseResult(text: string): PlacementResult | null {
  const o = parseObject(text) as PlacementResult | null;
  return o && o.format === COMMITTED_RESULT_FORMAT && o.inputs && typeof o.inputs === "object" ? o : null;
}

function supplementCheck(of: SupplementOf, baseText: string | undefined): CeremonyCheck {
  if (baseText === undefined) return { key: "supplement", ok: true, text: CHECK_TEXT.supplementBaseMissing };
  const base = parseResult(baseText);
  const ok =
    base !== null &&
    sha256Hex(baseText.trimEnd()) === of.baseResultHash &&
    base.inputs.commitmentHash === of.baseCommitmentHash &&
    canonicalJson(base.classes.map((k) => k.students.length)) === canonicalJson(of.baseSizes);
  return { key: "supplement", ok, text: CHECK_TEXT.supplementBase(ok) };
}

/**
 * The whole chain, as a witness checks it: commitment (against the notice's hash), roster and parameters
 * (against the commitment), draw record (linked, complete, after the commitment), result (linked to both
 * and identical to a re-run), and for 补录 the first round it builds on.
 */
export function verifyCommitted(input: VerifyCommittedInput): VerifyCommittedOutcome {
  let commitment: Sealed<Commitment>;
  let draw: Sealed<DrawRecord>;
  try {
    commitment = openCommitment(input.commitmentText);
    draw = openDraw(input.drawText);
  } catch (error) {
    if (!isCeremonyError(error)) throw error;
    return {
      ok: false,
      checks: [{ key: error.code === "DRAW_UNREADABLE" ? "draw" : "commitment", ok: false, text: error.message }],
    };
  }
  const checks = checkInputs(input.roster, input.params, commitment, draw, input.expectedCommitmentHash);
  const of = commitment.record.supplementOf;
  if (of) checks.push(supplementCheck(of, input.baseResultText));
  const published = parseResult(input.resultText);
  if (!published) {
    checks.push({ key: "result", ok: false, text: CHECK_TEXT.resultUnreadable });
    return { ok: false, checks };
  }
  const linked =
    published.inputs.commitmentHash === commitment.hash &&
    published.inputs.drawHash === draw.hash &&
    published.inputs.draw === draw.record.draw;
  checks.push({ key: "result", ok: linked, text: CHECK_TEXT.resultLinked(linked) });
  if (checks.some((x) => !x.ok)) return { ok: false, checks };
  const run = runCommitted(input.roster, input.params, commitment, draw);
  const mismatch = resultMismatch(published, input.resultText, run);
  checks.push(
    mismatch === null
      ? { key: "result", ok: true, text: CHECK_TEXT.resultOk(run.resultHash) }
      : { key: "result", ok: false, text: mismatch },
  );
  return mismatch === null ? { ok: true, checks, resultHash: run.resultHash } : { ok: false, checks };
}

/**
 * The parameters of a 补录 round: the first round's classes, each with the seats it has left, no teacher
 * draw (the classes have their teams). Refused when a late student was already placed or seats are short.
 */
export function supplementParams(
  baseRoster: Roster,
  base: { result: PlacementResult; resultHash: string },
  late: Roster,
  restarts: number,
): { params: PlacementParams; supplementOf: SupplementOf } {
  if (base.result.format !== COMMITTED_RESULT_FORMAT || !base.result.inputs.commitmentHash)
    throw new CeremonyError("SUPPLEMENT_BASE_INVALID", CEREMONY_ERRORS.SUPPLEMENT_BASE_INVALID);
  const placed = new Set(baseRoster.students.map((s) => s.id));
  const again = late.students.filter((s) => placed.has(s.id)).map((s) => s.id);
  if (again.length > 0)
    throw new CeremonyError("SUPPLEMENT_ALREADY_PLACED", CEREMONY_ERRORS.SUPPLEMENT_ALREADY_PLACED(again));
  const baseSizes = base.result.classes.map((c) => c.students.length);
  const capacities = base.result.classes.map((c) => Math.max(0, c.capacity - c.students.length));
  const seats = capacities.reduce((a, b) => a + b, 0);
  if (seats < late.students.length)
    throw new CeremonyError("SUPPLEMENT_NO_SEATS", CEREMONY_ERRORS.SUPPLEMENT_NO_SEATS(seats, late.students.length));
  return {
    params: { classCount: capacities.length, capacities, teams: [], restarts },
    supplementOf: { baseCommitmentHash: base.result.inputs.commitmentHash, baseResultHash: base.resultHash, baseSizes },
  };
}
