import type { PersonalAccess, Role } from "@luoshi/contract";
import { type Actor, sees } from "../auth/actor.js";
import { forbidden } from "../errors.js";
import { ledgerError } from "./ledger-errors.js";

/**
 * Who may do what with a ledger record (issue 15). The school's safety officer (学校填报员) works on
 * the records of their own school; the department (股室负责人, the bureau's 安全稳定股) oversees every
 * school of the region, assigns rectification and re-inspects; supervisors and admins act over their
 * subtree; leaders read only. A record out of reach does not exist (404).
 */

/** Roles that read every record of their region, not only their own organisation's. */
const REGION_READERS: readonly Role[] = ["dept_head"];
/** Roles that record rounds and hazards, submit fixes, re-inspect and correct. */
export const LEDGER_WRITERS: readonly Role[] = ["admin", "supervisor", "dept_head", "school_reporter"];
/** Roles that assign rectification and set the ledger's settings: the bureau side. */
export const LEDGER_ASSIGNERS: readonly Role[] = ["admin", "supervisor", "dept_head"];

export interface OwnedRecord {
  region_id: string;
  org_id: string;
}

export const canReadLedger = (actor: Actor, record: OwnedRecord): boolean =>
  actor.regionId === record.region_id && (REGION_READERS.includes(actor.role) || sees(actor, record.org_id));

/** The organisations whose records the actor lists: all of the region (undefined) or their own subtree. */
export const readableOrgIds = (actor: Actor): string[] | undefined =>
  REGION_READERS.includes(actor.role) || actor.orgId === actor.regionId ? undefined : actor.visibleOrgIds;

/** The organisations a list covers: the one asked for if the actor reaches it, else all the actor reads. */
export function orgScope(actor: Actor, orgId: string | undefined): string[] | undefined {
  const reach = readableOrgIds(actor);
  if (!orgId) return reach;
  return reach && !reach.includes(orgId) ? [] : [orgId];
}

export function assertReads(actor: Actor, record: OwnedRecord | undefined): asserts record is OwnedRecord {
  if (!record || !canReadLedger(actor, record)) throw ledgerError("LEDGER_RECORD_NOT_FOUND", 404);
}

/** A writer may change a record it reads; an assigner only assigns. */
export function assertWrites(actor: Actor, record: OwnedRecord, roles: readonly Role[] = LEDGER_WRITERS): void {
  assertReads(actor, record);
  if (!roles.includes(actor.role)) throw forbidden();
}

/**
 * How much of a record's personal fields a caller may see: in clear (after an audited reveal) the
 * owning school and the responsible department (and the bureau's managers); leaders masked only.
 */
export function ledgerPersonalAccess(actor: Actor, record: OwnedRecord): PersonalAccess {
  if (!canReadLedger(actor, record)) return "none";
  return LEDGER_WRITERS.includes(actor.role) ? "clear" : "masked";
}
