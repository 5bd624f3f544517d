import { ROLE_GROUPS, ROLES, type Role, roleIn } from "@luoshi/contract";
import { notFound } from "../errors.js";

/** The signed-in user as the domain sees them: who, where, and which orgs they reach. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  regionId: string;
  orgId: string;
  /** The user's org and everything under it. */
  visibleOrgIds: string[];
  /** The orgs above the user's org (not including it). */
  ancestorOrgIds: string[];
}

export const ALL_ROLES: readonly Role[] = ROLES;
export const PLAN_MANAGERS: readonly Role[] = ROLE_GROUPS.planManagers;
export const REPORTERS: readonly Role[] = ROLE_GROUPS.reporters;
export const UPLOADERS: readonly Role[] = ROLE_GROUPS.uploaders;
export const LEADERS_AND_MANAGERS: readonly Role[] = ROLE_GROUPS.leadersAndManagers;
/** Whether the actor is bound to one unit (a department head or a school reporter). */
export const isUnitRole = (actor: Actor): boolean => roleIn("unitRoles", actor.role);

export const sees = (actor: Actor, orgId: string): boolean => actor.visibleOrgIds.includes(orgId);

/** A plan is readable from inside the owning bureau's subtree and from above it. */
export const canReadPlanOf = (actor: Actor, planOrgId: string): boolean =>
  sees(actor, planOrgId) || actor.ancestorOrgIds.includes(planOrgId);

/**
 * A draft belongs to its makers until published: only plan managers who can read the plan see it.
 * To every other role an unpublished plan (its tasks, source and exports) does not exist.
 */
export const canSeePlan = (actor: Actor, plan: { org_id: string; status: string }): boolean =>
  canReadPlanOf(actor, plan.org_id) && (plan.status === "published" || PLAN_MANAGERS.includes(actor.role));

export const canManagePlanOf = (actor: Actor, planOrgId: string): boolean =>
  PLAN_MANAGERS.includes(actor.role) && sees(actor, planOrgId);

/** Out-of-reach rows answer 404, so their existence does not leak. */
export function assertSees(actor: Actor, orgId: string): void {
  if (!sees(actor, orgId)) throw notFound();
}
