import type { StudentLine } from "@luoshi/contract";
import type { PlacementResult } from "@luoshi/placement";
import type { Actor } from "../auth/actor.js";
import { forbidden } from "../errors.js";
import { type PersonalAccess, personalAccess } from "../privacy/access-policy.js";
import { maskedValue, type PersonalFieldKey } from "../privacy/personal-fields.js";
import { auditReveal } from "../privacy/reveal-audit.js";
import { placementNotFound } from "./placement.problem.js";
import type { PlacementRunRow, PlacementRunSummaryRow } from "./placement.repository.js";
import type { PlacementDeps, PlacementFileKind } from "./placement.service.js";

/**
 * Students' personal data in placement answers (issue 12). The class lists belong to the school the
 * run is for and to the bureau's placement managers (privacy/access-policy.ts); they see ids masked
 * by default and reveal one student or download the lists, each reveal audited. Leaders and
 * department heads see the lists masked; anyone else gets 404 for them. Statistics, hashes and the
 * public notice (names with masked ids) are for everyone in the region.
 */

/** The files with every student field in clear; the notice carries names and masked ids only. */
const CLEAR_FILES: ReadonlySet<PlacementFileKind> = new Set(["result", "classes"]);

/** The caller's access to a run's students; 404 when none, 403 when clear is needed and not held. */
export function accessTo(actor: Actor, row: PlacementRunSummaryRow, needed: "masked" | "clear"): PersonalAccess {
  const access = personalAccess(actor, row.org_id);
  if (access === "none") throw placementNotFound();
  if (needed === "clear" && access !== "clear") throw forbidden();
  return access;
}

/** A download's check: the full lists need clear access and are audited as a reveal. */
export async function checkFileAccess(
  deps: PlacementDeps,
  actor: Actor,
  row: PlacementRunSummaryRow,
  kind: PlacementFileKind,
): Promise<void> {
  if (!CLEAR_FILES.has(kind)) return;
  accessTo(actor, row, "clear");
  await auditReveal(deps.db, actor, {
    entity: "placement_run",
    entityId: row.id,
    fields: ["placement.student.id", "placement.student.name", "placement.student.tags", "placement.student.scores"],
    target: { file: kind },
  });
}

const masked = (field: PersonalFieldKey, value: string) => maskedValue(field, value) ?? "";

const studentsOf = (row: PlacementRunRow): StudentLine[] =>
  (row.result as PlacementResult).classes.flatMap((c) =>
    c.students.map((s, i) => ({ classNo: c.classNo, seat: i + 1, id: s.id, name: s.name, gender: s.gender })),
  );

/** The class lists as the caller may see them: ids always masked, names clear only with clear access. */
export function listStudents(actor: Actor, row: PlacementRunRow) {
  const access = accessTo(actor, row, "masked");
  const students = studentsOf(row).map((s) => ({
    ...s,
    id: masked("placement.student.id", s.id),
    name: access === "clear" ? s.name : masked("placement.student.name", s.name),
  }));
  return { access, students };
}

/** 显示完整信息: one student in clear, for the school and the bureau's managers, audited. */
export async function revealStudent(
  deps: PlacementDeps,
  actor: Actor,
  row: PlacementRunRow,
  at: { classNo: number; seat: number },
): Promise<StudentLine> {
  accessTo(actor, row, "clear");
  const student = studentsOf(row).find((s) => s.classNo === at.classNo && s.seat === at.seat);
  if (!student) throw placementNotFound();
  await auditReveal(deps.db, actor, {
    entity: "placement_run",
    entityId: row.id,
    fields: ["placement.student.id", "placement.student.name"],
    target: { classNo: at.classNo, seat: at.seat },
  });
  return student;
}

/** Verification reasons name students by id: masked unless the caller sees the run's lists in clear. */
export function reasonsFor(actor: Actor, row: PlacementRunSummaryRow, reasons: string[], ids: string[]): string[] {
  if (personalAccess(actor, row.org_id) === "clear") return reasons;
  const known = [...ids].sort((a, b) => b.length - a.length);
  return reasons.map((r) =>
    known.reduce((text, id) => (text.includes(id) ? text.replaceAll(id, masked("placement.student.id", id)) : text), r),
  );
}

/** The notice's line for one student: the name and the masked id, all that publication requires. */
export const noticeStudent = (s: { id: string; name: string }): string =>
  `${s.name}（${masked("placement.student.id", s.id)}）`;
