import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { assertSees } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { OrgKind } from "../db/schema.js";
import { conflict, notFound } from "../errors.js";
import { newId } from "../ids.js";
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
  return db.transaction().execute(async (trx) => {
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
  const aliases = (await repo.listAliases(db, org.region_id)).filter((a) => a.org_id === id).map((a) => a.alias);
  return { ...org, aliases };
}
