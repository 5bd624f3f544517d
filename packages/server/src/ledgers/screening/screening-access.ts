import type { Role } from "@luoshi/contract";
import type { Actor } from "../../auth/actor.js";
import { forbidden } from "../../errors.js";
import { assertReads, type OwnedRecord, readableOrgIds } from "../ledger-access.js";

/**
 * Who sees what of the screening ledger (issue 17), on the ledger foundation's rules: individual
 * students (names, ID numbers masked by default, reveals audited) only the school (its 学校填报员, over
 * its own school) and the responsible department (股室负责人, over the region); the bureau's managers
 * and leaders see rates only.
 */
export const SCREENING_INDIVIDUAL_ROLES: readonly Role[] = ["dept_head", "school_reporter"];

export function assertSeesIndividuals(actor: Actor, record?: OwnedRecord): void {
  if (!SCREENING_INDIVIDUAL_ROLES.includes(actor.role)) throw forbidden();
  if (record) assertReads(actor, record);
}

/** The schools whose rates the actor reads: a school its own, the bureau all (undefined). */
export const rateOrgIds = (actor: Actor): string[] | undefined =>
  actor.role === "school_reporter" ? readableOrgIds(actor) : undefined;

export { readableOrgIds };
