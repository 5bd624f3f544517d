import {
  classListsXlsx,
  isPlacementInputError,
  noticeDate,
  type PlacementParams,
  type PlacementResult,
  type PlacementRun,
  preparePlacement,
  publicNoticeDocx,
  type Roster,
  runPlacement,
  type TableRows,
  tableFromBytes,
  verifyPlacement,
} from "@luoshi/placement";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { json, newId } from "../ids.js";
import { findOrg } from "../orgs/orgs.repository.js";
import { issueLine, PLACEMENT_ERRORS, VERIFY_TEXT } from "./placement.messages.js";
import { checkFileAccess, noticeStudent, reasonsFor } from "./placement.privacy.js";
import { PlacementProblem, placementNotFound } from "./placement.problem.js";
import {
  findPlacementRun,
  insertPlacementRun,
  listPlacementRuns,
  type PlacementRunRow,
  type PlacementRunSummaryRow,
} from "./placement.repository.js";
import type { NamedFile, PlacementForm } from "./placement.upload.js";

export interface PlacementDeps {
  db: Database;
  files: FileStore;
}

/** The published parameters as typed in the form: class count, capacities, the public draw. */
export interface PlacementFields {
  name: string;
  classCount: number;
  /** One number for every class, or one per class. */
  capacities?: number[];
  draw: string;
  /** The school the placement is for; the creator's own org when absent. */
  schoolId?: string;
}

/** Form text → fields. Numbers that do not parse stay NaN, so the library names them in its own words. */
export function parsePlacementFields(fields: Record<string, string>): PlacementFields {
  const name = (fields.name ?? "").trim().slice(0, 200);
  if (name === "") throw new PlacementProblem("PLACEMENT_NAME_REQUIRED", 400, PLACEMENT_ERRORS.PLACEMENT_NAME_REQUIRED);
  const toNumber = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);
  const capacityText = (fields.capacities ?? "").trim();
  return {
    name,
    classCount: toNumber(fields.classCount ?? ""),
    ...(capacityText === "" ? {} : { capacities: capacityText.split(/[,，、\s]+/).map(toNumber) }),
    draw: fields.draw ?? "",
    ...(fields.schoolId ? { schoolId: fields.schoolId } : {}),
  };
}

const inputInvalid = (error: unknown): unknown => {
  if (!isPlacementInputError(error)) return error;
  const issues = error.issues.map((i) => ({ ...i, text: issueLine(i) }));
  return new PlacementProblem("PLACEMENT_INPUT_INVALID", 422, PLACEMENT_ERRORS.PLACEMENT_INPUT_INVALID(issues.length), {
    issues,
  });
};

async function readTable(file: NamedFile, field: "roster" | "teachers"): Promise<TableRows> {
  try {
    return await tableFromBytes(file.bytes, file.filename);
  } catch {
    throw new PlacementProblem("PLACEMENT_FILE_UNREADABLE", 422, PLACEMENT_ERRORS.PLACEMENT_FILE_UNREADABLE(field));
  }
}

/** Roster and teacher files plus parameters → validated inputs; every row problem comes back at once as 422. */
async function prepareInputs(
  roster: NamedFile,
  teachers: NamedFile | undefined,
  params: { classCount: number; capacities?: number[] },
): Promise<{ roster: Roster; params: PlacementParams }> {
  const students = await readTable(roster, "roster");
  const teacherRows = teachers ? await readTable(teachers, "teachers") : undefined;
  const { capacities } = params;
  try {
    return preparePlacement({
      students,
      ...(teacherRows ? { teachers: teacherRows } : {}),
      classCount: params.classCount,
      ...(capacities === undefined ? {} : capacities.length === 1 ? { capacity: capacities[0]! } : { capacities }),
    });
  } catch (error) {
    throw inputInvalid(error);
  }
}

function verifyCommand(params: PlacementParams, draw: string, withTeachers: boolean): string {
  return `luoshi placement verify --students <名单> --classes ${params.classCount} --capacities ${params.capacities.join(",")}${withTeachers ? " --teachers <教师名单>" : ""} --draw "${draw}" --result result.json`;
}

/** The school (or the creator's own unit) a run belongs to; out of reach answers 404, as elsewhere. */
async function ownerOrg(db: Database, actor: Actor, schoolId: string | undefined) {
  const orgId = schoolId ?? actor.orgId;
  const org = await findOrg(db, orgId);
  if (!org || org.region_id !== actor.regionId || !actor.visibleOrgIds.includes(org.id))
    throw new PlacementProblem("PLACEMENT_SCHOOL_INVALID", 404, PLACEMENT_ERRORS.PLACEMENT_SCHOOL_INVALID);
  return org;
}

/**
 * Validates, runs the placement, writes result.json / classes.xlsx / notice.docx to the file store
 * and records the run with its audit event in one transaction. Nothing is stored when the input is refused.
 */
export async function createPlacement(deps: PlacementDeps, actor: Actor, form: PlacementForm) {
  const fields = parsePlacementFields(form.fields);
  const rosterFile = form.files.roster;
  if (!rosterFile) throw new PlacementProblem("PLACEMENT_FILE_REQUIRED", 400, PLACEMENT_ERRORS.PLACEMENT_FILE_REQUIRED);
  const org = await ownerOrg(deps.db, actor, fields.schoolId);
  const teachersFile = form.files.teachers;
  const { roster, params } = await prepareInputs(rosterFile, teachersFile, fields);
  let run: PlacementRun;
  try {
    run = runPlacement(roster, params, fields.draw);
  } catch (error) {
    throw inputInvalid(error);
  }
  const { inputs } = run.result;
  const classes = await classListsXlsx(roster, run.result);
  const notice = await publicNoticeDocx(run, {
    title: `${fields.name}结果公示`,
    organization: org.name,
    date: noticeDate(),
    verifyCommand: verifyCommand(params, inputs.draw, teachersFile !== undefined),
    includeLists: true,
    studentLine: noticeStudent,
  });
  // Blobs first: content-addressed, so a failed transaction leaves at most an unreferenced blob.
  const stored = {
    roster: await deps.files.put(rosterFile.bytes),
    teachers: teachersFile ? await deps.files.put(teachersFile.bytes) : null,
    result: await deps.files.put(new TextEncoder().encode(run.json)),
    classes: await deps.files.put(classes),
    notice: await deps.files.put(notice),
  };
  return deps.db.transaction().execute(async (trx) => {
    const row = await insertPlacementRun(trx, {
      region_id: actor.regionId,
      id: newId(),
      org_id: org.id,
      name: fields.name,
      class_count: params.classCount,
      capacities: json(params.capacities),
      student_count: roster.students.length,
      draw: inputs.draw,
      seed: inputs.seed,
      roster_hash: inputs.rosterHash,
      params_hash: inputs.paramsHash,
      result_hash: run.resultHash,
      result: json(run.result),
      roster_sha256: stored.roster,
      roster_filename: rosterFile.filename,
      teachers_sha256: stored.teachers,
      teachers_filename: teachersFile?.filename ?? null,
      classes_sha256: stored.classes,
      notice_sha256: stored.notice,
      created_by: actor.userId,
    });
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "placement_run",
      entityId: row.id,
      action: "create",
      after: row,
    });
    return { row, result: run.result };
  });
}

export const listPlacements = (deps: PlacementDeps, actor: Actor, page: { limit: number; offset: number }) =>
  listPlacementRuns(deps.db, actor.regionId, page);

/** Every signed-in user of the region reads a run; elsewhere it does not exist. */
export async function getPlacement(deps: PlacementDeps, actor: Actor, id: string): Promise<PlacementRunRow> {
  const row = await findPlacementRun(deps.db, actor.regionId, id);
  if (!row) throw placementNotFound();
  return row;
}

export type PlacementFileKind = "result" | "classes" | "notice";

export async function readPlacementFile(
  deps: PlacementDeps,
  actor: Actor,
  id: string,
  kind: PlacementFileKind,
): Promise<{ row: PlacementRunSummaryRow; bytes: Buffer }> {
  const row = await getPlacement(deps, actor, id);
  await checkFileAccess(deps, actor, row, kind);
  const sha = { result: row.result_hash, classes: row.classes_sha256, notice: row.notice_sha256 }[kind];
  return { row, bytes: await deps.files.get(sha) };
}

export interface VerifyAnswer {
  ok: boolean;
  message: string;
  reasons: string[];
  resultHash?: string;
  /** Which inputs came from the upload rather than from the stored run. */
  uploaded: { roster: boolean; teachers: boolean; result: boolean };
}

/**
 * Re-runs the stored run from its published inputs and compares with result.json. An uploaded roster,
 * teacher list or result replaces the stored one, so anyone can check a published result with their copy.
 */
export async function verifyStoredPlacement(
  deps: PlacementDeps,
  actor: Actor,
  id: string,
  form: PlacementForm,
): Promise<VerifyAnswer> {
  const row = await getPlacement(deps, actor, id);
  const stored = async (sha: string | null, filename: string | null): Promise<NamedFile | undefined> =>
    sha && filename ? { bytes: await deps.files.get(sha), filename } : undefined;
  const roster = form.files.roster ?? (await stored(row.roster_sha256, row.roster_filename))!;
  const teachers = form.files.teachers ?? (await stored(row.teachers_sha256, row.teachers_filename));
  const publishedText = new TextDecoder().decode(form.files.result?.bytes ?? (await deps.files.get(row.result_hash)));
  const { roster: parsed, params } = await prepareInputs(roster, teachers, {
    classCount: row.class_count,
    capacities: row.capacities,
  });
  let outcome: ReturnType<typeof verifyPlacement>;
  try {
    outcome = verifyPlacement(parsed, params, row.draw, publishedText);
  } catch (error) {
    throw inputInvalid(error);
  }
  const uploaded = { roster: !!form.files.roster, teachers: !!form.files.teachers, result: !!form.files.result };
  return outcome.ok
    ? { ok: true, message: VERIFY_TEXT.ok, reasons: [], resultHash: outcome.run.resultHash, uploaded }
    : {
        ok: false,
        message: VERIFY_TEXT.failed,
        reasons: reasonsFor(
          actor,
          row,
          outcome.reasons,
          parsed.students.map((s) => s.id),
        ),
        uploaded,
      };
}

export type { PlacementResult };
