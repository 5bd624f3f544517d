import { balanceLines, hashLines, type PlacementResult } from "@luoshi/placement";
import type { PlacementRunRow, PlacementRunSummaryRow } from "./placement.repository.js";

/** A run in a list: what was placed, by which public numbers, with which hashes. */
export function presentPlacementSummary(row: PlacementRunSummaryRow) {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    classCount: row.class_count,
    capacities: row.capacities,
    studentCount: row.student_count,
    draw: row.draw,
    seed: row.seed,
    rosterHash: row.roster_hash,
    paramsHash: row.params_hash,
    resultHash: row.result_hash,
    rosterFilename: row.roster_filename,
    teachersFilename: row.teachers_filename,
    createdBy: row.created_by,
    createdAt: row.created_at,
    /** The commitment it was computed from; null for a single-step run (旧版/未承诺). */
    commitmentId: row.commitment_id,
    legacy: row.commitment_id === null,
  };
}

/**
 * A run in detail: per-class statistics, the balance report and the seed inputs. Class lists (names)
 * stay in the downloads; the page shows head teachers and sizes only.
 */
export function presentPlacement(row: PlacementRunRow) {
  const result = row.result as PlacementResult;
  return {
    ...presentPlacementSummary(row),
    algorithm: result.algorithm,
    inputs: result.inputs,
    classes: result.classes.map((c) => ({
      classNo: c.classNo,
      capacity: c.capacity,
      size: c.students.length,
      ...(c.team === undefined ? {} : { team: c.team }),
      ...(c.headTeacher === undefined ? {} : { headTeacher: c.headTeacher.name }),
    })),
    statistics: result.statistics,
    balance: result.balance,
    balanceLines: balanceLines(result),
    hashLines: hashLines(result, row.result_hash),
  };
}
