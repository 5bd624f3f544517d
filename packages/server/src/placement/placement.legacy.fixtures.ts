import {
  classListsXlsx,
  noticeDate,
  preparePlacement,
  publicNoticeDocx,
  runPlacement,
  tableFromBytes,
} from "@luoshi/placement";
import type { Database } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { json, newId } from "../ids.js";
import { rosterCsv } from "./placement.fixtures.js";
import { insertPlacementRun } from "./placement.repository.js";

/**
 * A single-step run as the retired POST /api/placements stored it (no commitment): the data an
 * upgraded server still holds and must keep readable as 旧版/未承诺. Tests only; no route makes one now.
 */
export async function insertLegacyRun(
  db: Database,
  files: FileStore,
  owner: { regionId: string; orgId: string; userId: string },
  draw = "03 11 25 31 40 + 07",
) {
  const rosterBytes = new TextEncoder().encode(rosterCsv());
  const { roster, params } = preparePlacement({
    students: await tableFromBytes(rosterBytes, "名单.csv"),
    classCount: 4,
  });
  const run = runPlacement(roster, params, draw);
  const { inputs } = run.result;
  return insertPlacementRun(db, {
    region_id: owner.regionId,
    id: newId(),
    org_id: owner.orgId,
    name: "2024级七年级均衡编班（旧版）",
    class_count: params.classCount,
    capacities: json(params.capacities),
    student_count: roster.students.length,
    draw: inputs.draw,
    seed: inputs.seed,
    roster_hash: inputs.rosterHash,
    params_hash: inputs.paramsHash,
    result_hash: await files.put(new TextEncoder().encode(run.json)),
    result: json(run.result),
    roster_sha256: await files.put(rosterBytes),
    roster_filename: "名单.csv",
    teachers_sha256: null,
    teachers_filename: null,
    classes_sha256: await files.put(await classListsXlsx(roster, run.result)),
    notice_sha256: await files.put(
      await publicNoticeDocx(run, { title: "旧版编班结果公示", date: noticeDate(), includeLists: true }),
    ),
    created_by: owner.userId,
  });
}
