import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { assertSees, sees } from "../auth/actor.js";
import { forgetAllSessions } from "../auth/session-cache.js";
import type { Database } from "../db/database.js";
import type { OrgKind } from "../db/schema.js";
import { conflict, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { orgError } from "./orgs.messages.js";
import * as repo from "./orgs.repository.js";

/** Bureaus, cities and provinces own their region; everything else lives in its parent's. */
const OWNS_REGION: OrgKind[] = ["province", "city", "county", "bureau"];

export interface NewOrg {
  parentId: string | null;
  name: string;
  kind: OrgKind;
  schoolLevel?: string | null;
  sortOrder?: number;
}

/** Creates an org; with no actor (seeding, CLI) the parent check is skipped. */
export async function createOrg(db: Database, actor: Actor | null, input: NewOrg) {
  const parent = input.parentId ? await repo.findOrg(db, input.parentId) : undefined;
  if (input.parentId && !parent) throw notFound("ORG_NOT_FOUND");
  if (actor) assertSees(actor, input.parentId ?? "");
  const id = newId();
  const regionId = OWNS_REGION.includes(input.kind) || !parent ? id : parent.region_id;
  const created = await db.transaction().execute(async (trx) => {
    const org = await repo.insertOrg(trx, {
      region_id: regionId,
      id,
      parent_id: input.parentId,
      name: input.name,
      kind: input.kind,
      school_level: input.schoolLevel ?? null,
      sort_order: input.sortOrder ?? 0,
    });
    await recordAudit(trx, {
      regionId,
      actorId: actor?.userId ?? null,
      entity: "org",
      entityId: id,
      action: "create",
      after: org,
    });
    return org;
  });
  forgetAllSessions(); // cached actors' subtrees now miss the new org
  return created;
}

export async function addAlias(db: Database, actor: Actor | null, orgId: string, alias: string) {
  const org = await repo.findOrg(db, orgId);
  if (!org) throw notFound("ORG_NOT_FOUND");
  if (actor) assertSees(actor, orgId);
  if (await repo.aliasExists(db, org.region_id, alias)) throw conflict("CONFLICT");
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertAlias(trx, { region_id: org.region_id, id: newId(), org_id: orgId, alias });
    await recordAudit(trx, {
      regionId: org.region_id,
      actorId: actor?.userId ?? null,
      entity: "org_alias",
      entityId: row.id,
      action: "create",
      after: row,
    });
    return row;
  });
}

export async function listVisibleOrgs(db: Database, actor: Actor, kind?: OrgKind) {
  return repo.listOrgs(db, actor.visibleOrgIds, kind);
}

export async function getVisibleOrg(db: Database, actor: Actor, id: string) {
  assertSees(actor, id);
  const org = await repo.findOrg(db, id);
  if (!org) throw notFound("ORG_NOT_FOUND");
  const aliases = (await repo.listAliases(db, org.region_id)).filter((a) => a.org_id === id);
  // `aliases` stays a list of names for existing callers; `aliasEntries` lets a client delete one.
  return {
    ...org,
    aliases: aliases.map((a) => a.alias),
    aliasEntries: aliases.map((a) => ({ id: a.id, alias: a.alias })),
  };
}

export interface OrgPatch {
  name?: string;
  schoolLevel?: string | null;
  sortOrder?: number;
  parentId?: string;
}

/** An org the admin reaches other than their own: the one they may deactivate or move. */
async function manageableOrg(db: Database, actor: Actor, id: string) {
  assertSees(actor, id);
  const org = await repo.findOrg(db, id);
  if (!org) throw notFound("ORG_NOT_FOUND");
  return org;
}

/** Renames, re-levels, re-orders or moves an org inside its region; never across regions. */
export async function updateOrg(db: Database, actor: Actor, id: string, patch: OrgPatch) {
  const org = await manageableOrg(db, actor, id);
  const moving = patch.parentId !== undefined && patch.parentId !== org.parent_id;
  if (moving) {
    if (id === actor.orgId) throw orgError("ORG_IS_OWN", 409);
    if (OWNS_REGION.includes(org.kind)) throw orgError("ORG_KIND_FIXED", 409);
    const parent = await repo.findOrg(db, patch.parentId!);
    const below = await repo.subtreeIds(db, id);
    // Keys carry the region, so an org moves only within its bureau's tree.
    if (!parent || !sees(actor, parent.id) || below.includes(parent.id) || parent.region_id !== org.region_id)
      throw orgError("ORG_PARENT_INVALID", 400);
  }
  const set = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.schoolLevel !== undefined && { school_level: patch.schoolLevel }),
    ...(patch.sortOrder !== undefined && { sort_order: patch.sortOrder }),
    ...(moving && { parent_id: patch.parentId! }),
  };
  const result = await db.transaction().execute(async (trx) => {
    const updated = await repo.updateOrg(trx, org, set);
    await recordAudit(trx, {
      regionId: org.region_id,
      actorId: actor.userId,
      entity: "org",
      entityId: id,
      action: "update",
      before: org,
      after: updated,
    });
    return updated;
  });
  if (moving) forgetAllSessions(); // cached subtrees and ancestors may have changed
  return result;
}

/**
 * Deactivates (soft-deletes) an org with no live child orgs or users. Its past
 * assignments and reports stay, as history; its aliases stop resolving.
 */
export async function deactivateOrg(db: Database, actor: Actor, id: string) {
  const org = await manageableOrg(db, actor, id);
  if (id === actor.orgId) throw orgError("ORG_IS_OWN", 409);
  const members = await repo.membersOf(db, org);
  if (members.children > 0 || members.users > 0) throw orgError("ORG_HAS_MEMBERS", 409, members);
  await db.transaction().execute(async (trx) => {
    await repo.updateOrg(trx, org, { deleted_at: new Date().toISOString() });
    for (const alias of (await repo.listAliases(trx, org.region_id)).filter((a) => a.org_id === id))
      await repo.retireAlias(trx, { region_id: org.region_id, id: alias.id });
    await recordAudit(trx, {
      regionId: org.region_id,
      actorId: actor.userId,
      entity: "org",
      entityId: id,
      action: "delete",
      before: org,
    });
  });
  forgetAllSessions(); // cached subtrees still list the org
}

export async function removeAlias(db: Database, actor: Actor, orgId: string, aliasId: string) {
  const alias = await repo.findAlias(db, aliasId);
  if (!alias || alias.org_id !== orgId || !sees(actor, orgId)) throw orgError("ALIAS_NOT_FOUND", 404);
  await db.transaction().execute(async (trx) => {
    await repo.retireAlias(trx, alias);
    await recordAudit(trx, {
      regionId: alias.region_id,
      actorId: actor.userId,
      entity: "org_alias",
      entityId: alias.id,
      action: "delete",
      before: alias,
    });
  });
}
