import type { PlacementFileKind, VerifyAnswer } from "@luoshi/contract";
import {
  isPlacementInputError,
  type PlacementParams,
  type PlacementResult,
  preparePlacement,
  type Roster,
  type TableRows,
  tableFromBytes,
  verifyPlacement,
} from "@luoshi/placement";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { findOrg } from "../orgs/orgs.repository.js";
import { verifyCommittedRun } from "./ceremony.service.js";
import { issueLine, PLACEMENT_ERRORS, VERIFY_TEXT } from "./placement.messages.js";
import { checkFileAccess, reasonsFor } from "./placement.privacy.js";
import { placementError, placementNotFound } from "./placement.problem.js";
import {
  findPlacementRun,
  listPlacementRuns,
  type PlacementRunRow,
  type PlacementRunSummaryRow,
} from "./placement.repository.js";
import type { NamedFile, PlacementForm } from "./placement.upload.js";

export interface PlacementDeps {
  db: Database;
  files: FileStore;
}

/** The parameters as typed in the form: name, class count, capacities, school. */
export interface PlacementFields {
  name: string;
  classCount: number;
  /** One number for every class, or one per class. */
  capacities?: number[];
  /** The school the placement is for; the creator's own org when absent. */
  schoolId?: string;
}

/** Form text → fields. Numbers that do not parse stay NaN, so the library names them in its own words. */
export function parsePlacementFields(fields: Record<string, string>): PlacementFields {
  const name = (fields.name ?? "").trim().slice(0, 200);
  if (name === "")
    throw placementError("PLACEMENT_NAME_REQUIRED", 400, undefined, PLACEMENT_ERRORS.PLACEMENT_NAME_REQUIRED);
  const toNumber = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : Number.NaN);
  const capacityText = (fields.capacities ?? "").trim();
  return {
    name,
    classCount: toNumber(fields.classCount ?? ""),
    ...(capacityText === "" ? {} : { capacities: capacityText.split(/[,，、\s]+/).map(toNumber) }),
    ...(fields.schoolId ? { schoolId: fields.schoolId } : {}),
  };
}

export const inputInvalid = (error: unknown): unknown => {
  if (!isPlacementInputError(error)) return error;
  const issues = error.issues.map((i) => ({ ...i, text: issueLine(i) }));
  return placementError(
    "PLACEMENT_INPUT_INVALID",
    422,
    {
      issues,
    },
    PLACEMENT_ERRORS.PLACEMENT_INPUT_INVALID(issues.length),
  );
};

export async function readTable(file: NamedFile, field: "roster" | "teachers"): Promise<TableRows> {
  try {
    return await tableFromBytes(file.bytes, file.filename);
  } catch {
    throw placementError(
      "PLACEMENT_FILE_UNREADABLE",
      422,
      undefined,
      PLACEMENT_ERRORS.PLACEMENT_FILE_UNREADABLE(field),
    );
  }
}

/** Roster and teacher files plus parameters → validated inputs; every row problem comes back at once as 422. */
export async function prepareInputs(
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

/** The school (or the creator's own unit) a run belongs to; out of reach answers 404, as elsewhere. */
export async function ownerOrg(db: Database, actor: Actor, schoolId: string | undefined) {
  const orgId = schoolId ?? actor.orgId;
  const org = await findOrg(db, orgId);
  if (!org || org.region_id !== actor.regionId || !actor.visibleOrgIds.includes(org.id))
    throw placementError("PLACEMENT_SCHOOL_INVALID", 404, undefined, PLACEMENT_ERRORS.PLACEMENT_SCHOOL_INVALID);
  return org;
}

export const listPlacements = (deps: PlacementDeps, actor: Actor, page: { limit: number; offset: number }) =>
  listPlacementRuns(deps.db, actor.regionId, page);

/** Every signed-in user of the region reads a run; elsewhere it does not exist. */
export async function getPlacement(deps: PlacementDeps, actor: Actor, id: string): Promise<PlacementRunRow> {
  const row = await findPlacementRun(deps.db, actor.regionId, id);
  if (!row) throw placementNotFound();
  return row;
}

export type { PlacementFileKind, VerifyAnswer };

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
  if (row.commitment_id !== null) return verifyCommittedRun(deps, actor, row, form);
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
  // A single-step run verifies as before, but says what it cannot show: that the roster was fixed before the draw.
  return outcome.ok
    ? {
        ok: true,
        legacy: true,
        message: VERIFY_TEXT.legacyOk,
        reasons: [],
        resultHash: outcome.run.resultHash,
        uploaded,
      }
    : {
        ok: false,
        legacy: true,
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
