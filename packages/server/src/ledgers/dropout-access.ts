import type { PersonalAccess, Role } from "@luoshi/contract";
import { type Actor, sees } from "../auth/actor.js";
import { forbidden } from "../errors.js";
import { LEDGER_WRITERS } from "./ledger-access.js";
import { ledgerError } from "./ledger-errors.js";

/**
 * Who reaches a student's 控辍 case or 资助 record (issue 18). The school (its 学校填报员) works on
 * its own students only. The bureau sees counts of every school, and of the cases only those the
 * school escalated to it (上报教育局), on which its managers and the department may also act;
 * aid records it reads masked, for the checks. Leaders read only. A record out of reach is a 404.
 */

export interface StudentRecord {
  region_id: string;
  org_id: string;
  fields: Record<string, unknown>;
}

/** The bureau's roles that act on escalated cases. */
const BUREAU_WRITERS: readonly Role[] = ["admin", "supervisor", "dept_head"];

/** The school's own side: a school reporter of the record's school. */
export const isSchoolSide = (actor: Actor, orgId: string): boolean =>
  actor.role === "school_reporter" && sees(actor, orgId);

/** The bureau side reaches every school of its region (a department by its region, the others by their subtree). */
const bureauReaches = (actor: Actor, orgId: string): boolean =>
  actor.role !== "school_reporter" && (actor.role === "dept_head" || sees(actor, orgId));

const escalated = (r: StudentRecord) => typeof r.fields.escalatedOn === "string";

export const canReadCase = (actor: Actor, r: StudentRecord): boolean =>
  actor.regionId === r.region_id && (isSchoolSide(actor, r.org_id) || (escalated(r) && bureauReaches(actor, r.org_id)));

export function assertReadsCase(actor: Actor, r: StudentRecord | undefined): asserts r is StudentRecord {
  if (!r || !canReadCase(actor, r)) throw ledgerError("LEDGER_RECORD_NOT_FOUND", 404);
}

export function assertWritesCase(actor: Actor, r: StudentRecord): void {
  assertReadsCase(actor, r);
  if (!isSchoolSide(actor, r.org_id) && !BUREAU_WRITERS.includes(actor.role)) throw forbidden();
}

export const caseAccess = (actor: Actor, r: StudentRecord): PersonalAccess =>
  !canReadCase(actor, r) ? "none" : LEDGER_WRITERS.includes(actor.role) ? "clear" : "masked";

/** Aid records: the school reads and writes its own; the bureau reads every school's, masked. */
export const canReadAid = (actor: Actor, r: { region_id: string; org_id: string }): boolean =>
  actor.regionId === r.region_id && (isSchoolSide(actor, r.org_id) || bureauReaches(actor, r.org_id));

export function assertWritesAid(actor: Actor, r: { region_id: string; org_id: string } | undefined): void {
  if (!r || !canReadAid(actor, r)) throw ledgerError("LEDGER_RECORD_NOT_FOUND", 404);
  if (!isSchoolSide(actor, r.org_id) && !BUREAU_WRITERS.includes(actor.role)) throw forbidden();
}

/** The schools an actor lists (undefined: every school of the region). */
export const studentOrgScope = (actor: Actor, orgId: string | undefined): string[] | undefined => {
  const reach = actor.role === "dept_head" || actor.orgId === actor.regionId ? undefined : actor.visibleOrgIds;
  if (!orgId) return reach;
  return reach && !reach.includes(orgId) ? [] : [orgId];
};
