import type { PersonalAccess } from "@luoshi/contract";
import { type Actor, PLAN_MANAGERS } from "../auth/actor.js";
import type { Role } from "../db/schema.js";

/**
 * How much of a record's personal data a caller may see, decided per role and the record's own
 * organisation (the school a placement run is for):
 *  - clear: the record's own organisation's staff (any role stationed at that school) and the
 *    bureau's placement managers (admin, supervisor — they run the lottery and answer appeals)
 *    over the schools in their subtree. Answers still mask by default; these callers may reveal one
 *    record or download the full class list, and every such reveal is audited.
 *  - masked: the bureau's leaders and department heads of the same region: they oversee placement
 *    (figures, complaints) but need no one's identity; names and ids masked, health and scores withheld.
 *  - none: anyone else — another school's staff above all. The lists do not exist for them (404);
 *    what is public about a run (statistics, hashes, the 公示 with names and masked ids) stays readable.
 */
export type { PersonalAccess };

/** Roles that see masked personal data of any record in their region. */
const MASKED_READERS: readonly Role[] = ["leader", "dept_head"];

export function personalAccess(actor: Actor, recordOrgId: string): PersonalAccess {
  if (actor.orgId === recordOrgId) return "clear";
  if (PLAN_MANAGERS.includes(actor.role) && actor.visibleOrgIds.includes(recordOrgId)) return "clear";
  if (MASKED_READERS.includes(actor.role)) return "masked";
  return "none";
}
