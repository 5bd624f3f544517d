import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { assertSees } from "../auth/actor.js";
import { hashPassword } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import type { Role } from "../db/schema.js";
import { conflict, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { findOrg } from "../orgs/orgs.repository.js";
import * as repo from "./users.repository.js";

export interface NewUser {
  orgId: string;
  username: string;
  displayName: string;
  password: string;
  role: Role;
}

/** Creates a user in an org the actor reaches; with no actor (seeding, CLI) no reach check. */
export async function createUser(db: Database, actor: Actor | null, input: NewUser) {
  if (actor) assertSees(actor, input.orgId);
  const org = await findOrg(db, input.orgId);
  if (!org) throw notFound("ORG_NOT_FOUND");
  // Usernames are unique per region by key; login looks them up across regions, so keep them unique overall.
  if (await repo.usernameTaken(db, input.username)) throw conflict("USERNAME_TAKEN");
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const user = await repo.insertUser(trx, {
      region_id: org.region_id,
      id: newId(),
      org_id: org.id,
      username: input.username,
      display_name: input.displayName,
      password_hash: passwordHash,
      role: input.role,
    });
    await recordAudit(trx, {
      regionId: org.region_id,
      actorId: actor?.userId ?? null,
      entity: "user",
      entityId: user.id,
      action: "create",
      after: user,
    });
    return user;
  });
}

export const listVisibleUsers = (db: Database, actor: Actor) => repo.listUsers(db, actor.visibleOrgIds);
