import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { sees } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { conflict, notFound } from "../errors.js";
import { newId } from "../ids.js";
import * as repo from "./org-groups.repository.js";
import { listOrgs } from "./orgs.repository.js";

/**
 * Named groups of organisations ("各基层党组织", "各股室", "城区学校"): a plan naming a group
 * assigns its task to every member. Groups live in the actor's region; members are orgs of it.
 */
export async function listGroups(db: Database, actor: Actor) {
  const groups = await repo.groupsOfRegion(db, actor.regionId);
  return groups.map((g) => ({ ...g, orgIds: g.orgIds.filter((id) => sees(actor, id)) }));
}

/** name → member org ids, for unit resolution. */
export async function groupMap(db: Database, regionId: string): Promise<Map<string, string[]>> {
  return new Map((await repo.groupsOfRegion(db, regionId)).map((g) => [g.name, g.orgIds]));
}

export interface GroupInput {
  name: string;
  orgIds: string[];
}

export async function saveGroup(db: Database, actor: Actor, input: GroupInput, id?: string) {
  const orgIds = [...new Set(input.orgIds)];
  const orgs = await listOrgs(
    db,
    orgIds.filter((o) => sees(actor, o)),
  );
  if (orgs.length !== orgIds.length || orgs.some((o) => o.region_id !== actor.regionId))
    throw notFound("ORG_NOT_FOUND");
  const before = id ? await repo.findGroup(db, actor.regionId, id) : undefined;
  if (id && !before) throw notFound();
  const sameName = await repo.groupByName(db, actor.regionId, input.name);
  if (sameName && sameName.id !== id) throw conflict("CONFLICT", { name: input.name });
  return db.transaction().execute(async (trx) => {
    const group = await repo.upsertGroup(trx, { region_id: actor.regionId, id: id ?? newId(), name: input.name });
    await repo.setMembers(trx, actor.regionId, group.id, orgIds);
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "org_group",
      entityId: group.id,
      action: before ? "update" : "create",
      before: before ?? null,
      after: { ...group, orgIds },
    });
    return { id: group.id, name: group.name, orgIds };
  });
}

export async function removeGroup(db: Database, actor: Actor, id: string) {
  const group = await repo.findGroup(db, actor.regionId, id);
  if (!group) throw notFound();
  await db.transaction().execute(async (trx) => {
    await repo.retireGroup(trx, actor.regionId, id);
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "org_group",
      entityId: id,
      action: "delete",
      before: group,
    });
  });
}
