import type { CeremonyFileKind, DrawInput } from "@luoshi/contract";
import {
  canonicalParams,
  classListsXlsx,
  commitmentNoticeDocx,
  DEFAULT_RESTARTS,
  isCeremonyError,
  noticeDate,
  openCommitment,
  openDraw,
  PlacementInputError,
  type PlacementParams,
  type PlacementResult,
  paramsFromCanonical,
  paramsFromCommitment,
  parseRosterRows,
  parseTeacherRows,
  publicNoticeDocx,
  type Roster,
  runCommitted,
  sealCommitment,
  sealDraw,
  supplementParams,
  verifyCommitted,
} from "@luoshi/placement";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { json, newId } from "../ids.js";
import { findOrg } from "../orgs/orgs.repository.js";
import { CEREMONY_PROBLEMS, type CeremonyProblemCode } from "./ceremony.messages.js";
import {
  type CommitmentRow,
  type DrawRow,
  findCommitment,
  findDraw,
  findRunOf,
  findSupplementsOf,
  insertCommitment,
  insertDraw,
  listCommitments,
} from "./ceremony.repository.js";
import { PLACEMENT_ERRORS, VERIFY_TEXT } from "./placement.messages.js";
import { noticeStudent, reasonsFor } from "./placement.privacy.js";
import { placementError } from "./placement.problem.js";
import { findPlacementRun, insertPlacementRun, type PlacementRunRow } from "./placement.repository.js";
import {
  inputInvalid,
  ownerOrg,
  type PlacementDeps,
  parsePlacementFields,
  prepareInputs,
  readTable,
  type VerifyAnswer,
} from "./placement.service.js";
import type { NamedFile, PlacementForm } from "./placement.upload.js";

const problem = (code: CeremonyProblemCode, status: number) =>
  placementError(code, status, undefined, CEREMONY_PROBLEMS[code]);

/** A library refusal (empty draw, no witness, draw not after the commitment …) as 422 with its own code. */
const refused = (error: unknown): unknown =>
  isCeremonyError(error) ? placementError(error.code, 422, { checks: error.checks }, error.message) : error;

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "23505";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The command a witness runs; quoted in both notices. */
const verifyCommand = (withTeachers: boolean, hash: string) =>
  `luoshi placement verify --students <名单>${withTeachers ? " --teachers <教师名单>" : ""} --commitment commitment.json --draw-record draw.json --result result.json --expect-commitment ${hash}`;

async function rosterOf(file: NamedFile): Promise<Roster> {
  const { roster, issues } = parseRosterRows(await readTable(file, "roster"));
  if (issues.length > 0) throw inputInvalid(new PlacementInputError(issues));
  return roster;
}

const storedFile = async (deps: PlacementDeps, sha: string | null, filename: string | null) =>
  sha && filename ? { bytes: await deps.files.get(sha), filename } : undefined;

async function liveCommitment(deps: PlacementDeps, actor: Actor, id: string): Promise<CommitmentRow> {
  const row = await findCommitment(deps.db, actor.regionId, id);
  if (!row) throw problem("PLACEMENT_COMMITMENT_NOT_FOUND", 404);
  return row;
}

/**
 * 补录: the late roster against the latest round it builds on. Every roster of the chain counts as
 * placed, the seats are what the base round left, and no teachers are drawn.
 */
async function supplementInputs(deps: PlacementDeps, actor: Actor, baseId: string, form: PlacementForm) {
  const base = await liveCommitment(deps, actor, baseId);
  const baseRun = await findRunOf(deps.db, actor.regionId, base.id);
  if (!baseRun) throw problem("PLACEMENT_BASE_NOT_RUN", 409);
  if ((await findSupplementsOf(deps.db, actor.regionId, base.id)).length > 0)
    throw problem("PLACEMENT_BASE_HAS_SUPPLEMENT", 409);
  if (form.files.teachers) throw problem("PLACEMENT_SUPPLEMENT_TEACHERS", 422);
  const placed: Roster["students"] = [];
  for (let c: CommitmentRow | undefined = base; c; ) {
    placed.push(...(await rosterOf((await storedFile(deps, c.roster_sha256, c.roster_filename))!)).students);
    c = c.base_commitment_id ? await findCommitment(deps.db, actor.regionId, c.base_commitment_id) : undefined;
  }
  const late = await rosterOf(form.files.roster!);
  const run = (await findPlacementRun(deps.db, actor.regionId, baseRun.id))!;
  try {
    const { params, supplementOf } = supplementParams(
      { scoreNames: [], totalScore: null, tagNames: [], students: placed },
      { result: run.result as PlacementResult, resultHash: run.result_hash },
      late,
      DEFAULT_RESTARTS,
    );
    return { base, roster: late, params, supplementOf };
  } catch (error) {
    throw refused(error);
  }
}

/**
 * Step 1 (承诺): validates the roster and parameters, freezes them as the canonical commitment with the
 * server's time, prints the commitment notice, and stores it all with an audit event. From here on the
 * roster of this placement cannot change: the row is frozen, and every later step checks its hashes.
 */
export async function commitPlacement(deps: PlacementDeps, actor: Actor, form: PlacementForm) {
  const fields = parsePlacementFields(form.fields);
  const rosterFile = form.files.roster;
  if (!rosterFile)
    throw placementError("PLACEMENT_FILE_REQUIRED", 400, undefined, PLACEMENT_ERRORS.PLACEMENT_FILE_REQUIRED);
  const baseId = form.fields.baseCommitmentId?.trim();
  const supplement = baseId ? await supplementInputs(deps, actor, baseId, form) : null;
  const org = supplement
    ? (await findOrg(deps.db, supplement.base.org_id))!
    : await ownerOrg(deps.db, actor, fields.schoolId);
  const teachersFile = supplement ? undefined : form.files.teachers;
  const { roster, params } = supplement ?? (await prepareInputs(rosterFile, teachersFile, fields));
  const sealed = sealCommitment(roster, params, {
    name: fields.name,
    organization: org.name,
    drawPlan: (form.fields.drawPlan ?? "").slice(0, 500),
    committedAt: new Date(),
    ...(supplement ? { supplementOf: supplement.supplementOf } : {}),
  });
  const notice = await commitmentNoticeDocx(sealed, {
    verifyCommand: verifyCommand(teachersFile !== undefined, sealed.hash),
  });
  const stored = {
    roster: await deps.files.put(rosterFile.bytes),
    teachers: teachersFile ? await deps.files.put(teachersFile.bytes) : null,
    notice: await deps.files.put(notice),
  };
  const c = sealed.record;
  return deps.db.transaction().execute(async (trx) => {
    let row: CommitmentRow;
    try {
      row = await insertCommitment(trx, {
        region_id: actor.regionId,
        id: newId(),
        org_id: org.id,
        name: c.name,
        base_commitment_id: supplement?.base.id ?? null,
        commitment_hash: sealed.hash,
        commitment: sealed.text,
        params: canonicalParams(params),
        roster_hash: c.rosterHash,
        params_hash: c.paramsHash,
        class_count: c.classCount,
        capacities: json(c.capacities),
        student_count: c.studentCount,
        roster_sha256: stored.roster,
        roster_filename: rosterFile.filename,
        teachers_sha256: stored.teachers,
        teachers_filename: teachersFile?.filename ?? null,
        notice_sha256: stored.notice,
        committed_by: actor.userId,
        committed_at: c.committedAt,
      });
    } catch (error) {
      throw isUniqueViolation(error) && supplement ? problem("PLACEMENT_BASE_HAS_SUPPLEMENT", 409) : error;
    }
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "placement_commitment",
      entityId: row.id,
      action: "commit",
      after: { ...row, commitment: c },
    });
    return row;
  });
}

/** Step 2 (摇号): the public numbers, once per commitment, after it, with the time and the witnesses. */
export async function drawPlacement(deps: PlacementDeps, actor: Actor, id: string, body: DrawInput): Promise<DrawRow> {
  const commitment = await liveCommitment(deps, actor, id);
  if (await findDraw(deps.db, actor.regionId, id)) throw problem("PLACEMENT_ALREADY_DRAWN", 409);
  let sealed: ReturnType<typeof sealDraw>;
  try {
    sealed = sealDraw(openCommitment(commitment.commitment), {
      draw: body.draw,
      source: body.source ?? "",
      witnesses: body.witnesses,
      drawnAt: new Date(),
    });
  } catch (error) {
    throw refused(error);
  }
  const d = sealed.record;
  return deps.db.transaction().execute(async (trx) => {
    let row: DrawRow;
    try {
      row = await insertDraw(trx, {
        region_id: actor.regionId,
        commitment_id: id,
        draw_hash: sealed.hash,
        record: sealed.text,
        draw: d.draw,
        source: d.source,
        witnesses: json(d.witnesses),
        drawn_by: actor.userId,
        drawn_at: d.drawnAt,
      });
    } catch (error) {
      throw isUniqueViolation(error) ? problem("PLACEMENT_ALREADY_DRAWN", 409) : error;
    }
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "placement_commitment",
      entityId: id,
      action: "draw",
      after: row,
    });
    return row;
  });
}

/**
 * Step 3 (编班): the placement from the stored roster, the committed parameters and the draw only;
 * once per draw. Writes result.json, classes.xlsx and the result notice, then the run with its audit event.
 */
export async function runCommittedPlacement(deps: PlacementDeps, actor: Actor, id: string) {
  const commitment = await liveCommitment(deps, actor, id);
  const draw = await findDraw(deps.db, actor.regionId, id);
  if (!draw) throw problem("PLACEMENT_NOT_DRAWN", 409);
  if (await findRunOf(deps.db, actor.regionId, id)) throw problem("PLACEMENT_ALREADY_RUN", 409);
  const roster = await rosterOf((await storedFile(deps, commitment.roster_sha256, commitment.roster_filename))!);
  const sealedCommitment = openCommitment(commitment.commitment);
  let run: ReturnType<typeof runCommitted>;
  try {
    run = runCommitted(roster, paramsFromCanonical(commitment.params), sealedCommitment, openDraw(draw.record));
  } catch (error) {
    throw refused(inputInvalid(error));
  }
  const org = (await findOrg(deps.db, commitment.org_id))!;
  const classes = await classListsXlsx(roster, run.result);
  const notice = await publicNoticeDocx(run, {
    title: `${commitment.name}结果公示`,
    organization: org.name,
    date: noticeDate(),
    verifyCommand: verifyCommand(commitment.teachers_sha256 !== null, commitment.commitment_hash),
    includeLists: true,
    studentLine: noticeStudent,
  });
  const stored = {
    result: await deps.files.put(new TextEncoder().encode(run.json)),
    classes: await deps.files.put(classes),
    notice: await deps.files.put(notice),
  };
  const { inputs } = run.result;
  return deps.db.transaction().execute(async (trx) => {
    let row: Awaited<ReturnType<typeof insertPlacementRun>>;
    try {
      row = await insertPlacementRun(trx, {
        region_id: actor.regionId,
        id: newId(),
        org_id: commitment.org_id,
        name: commitment.name,
        class_count: commitment.class_count,
        capacities: json(commitment.capacities),
        student_count: commitment.student_count,
        draw: inputs.draw,
        seed: inputs.seed,
        roster_hash: inputs.rosterHash,
        params_hash: inputs.paramsHash,
        result_hash: run.resultHash,
        result: json(run.result),
        roster_sha256: commitment.roster_sha256,
        roster_filename: commitment.roster_filename,
        teachers_sha256: commitment.teachers_sha256,
        teachers_filename: commitment.teachers_filename,
        classes_sha256: stored.classes,
        notice_sha256: stored.notice,
        created_by: actor.userId,
        commitment_id: id,
      });
    } catch (error) {
      throw isUniqueViolation(error) ? problem("PLACEMENT_ALREADY_RUN", 409) : error;
    }
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "placement_run",
      entityId: row.id,
      action: "run",
      after: row,
    });
    return { row, result: run.result };
  });
}

/** A commitment with its draw and run, as far as the ceremony has come. */
export async function getCeremony(deps: PlacementDeps, actor: Actor, id: string) {
  const commitment = await liveCommitment(deps, actor, id);
  const draw = await findDraw(deps.db, actor.regionId, id);
  const run = await findRunOf(deps.db, actor.regionId, id);
  return { commitment, draw, run };
}

export const listCeremonies = (deps: PlacementDeps, actor: Actor, page: { limit: number; offset: number }) =>
  listCommitments(deps.db, actor.regionId, page);

export type { CeremonyFileKind };

/** The printable notice, or the published commitment / draw record exactly as hashed. */
export async function readCeremonyFile(deps: PlacementDeps, actor: Actor, id: string, kind: CeremonyFileKind) {
  const { commitment, draw } = await getCeremony(deps, actor, id);
  if (kind === "notice") return { name: commitment.name, bytes: await deps.files.get(commitment.notice_sha256) };
  if (kind === "commitment") return { name: commitment.name, bytes: Buffer.from(commitment.commitment) };
  if (!draw) throw problem("PLACEMENT_NOT_DRAWN", 404);
  return { name: commitment.name, bytes: Buffer.from(draw.record) };
}

/**
 * Verifies a committed run as a witness would: the stored (or uploaded) roster, teachers and result
 * against the stored commitment and draw record — hashes, order in time, and a full re-run; for 补录
 * also the first round it builds on.
 */
export async function verifyCommittedRun(
  deps: PlacementDeps,
  actor: Actor,
  run: PlacementRunRow,
  form: PlacementForm,
): Promise<VerifyAnswer> {
  const { commitment, draw } = await getCeremony(deps, actor, run.commitment_id!);
  const sealed = openCommitment(commitment.commitment);
  const rosterFile =
    form.files.roster ?? (await storedFile(deps, commitment.roster_sha256, commitment.roster_filename))!;
  const roster = await rosterOf(rosterFile);
  let params: PlacementParams = paramsFromCanonical(commitment.params);
  if (form.files.teachers) {
    const { teams, issues } = parseTeacherRows(await readTable(form.files.teachers, "teachers"));
    if (issues.length > 0) throw inputInvalid(new PlacementInputError(issues));
    params = paramsFromCommitment(sealed.record, teams);
  }
  const base = commitment.base_commitment_id
    ? await findRunOf(deps.db, actor.regionId, commitment.base_commitment_id)
    : undefined;
  const outcome = verifyCommitted({
    roster,
    params,
    commitmentText: commitment.commitment,
    drawText: draw!.record,
    resultText: text(form.files.result?.bytes ?? (await deps.files.get(run.result_hash))),
    ...(base ? { baseResultText: text(await deps.files.get(base.result_hash)) } : {}),
  });
  const uploaded = { roster: !!form.files.roster, teachers: !!form.files.teachers, result: !!form.files.result };
  // A check naming a student (a moved one) shows the id as the caller's access allows.
  const ids = roster.students.map((s) => s.id);
  const texts = reasonsFor(
    actor,
    run,
    outcome.checks.map((c) => c.text),
    ids,
  );
  const checks = outcome.checks.map((c, i) => ({ ...c, text: texts[i]! }));
  return {
    ok: outcome.ok,
    legacy: false,
    message: outcome.ok ? VERIFY_TEXT.ok : VERIFY_TEXT.failed,
    reasons: checks.filter((c) => !c.ok).map((c) => c.text),
    checks,
    ...(outcome.resultHash ? { resultHash: outcome.resultHash } : {}),
    uploaded,
  };
}
