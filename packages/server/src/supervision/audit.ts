import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";

/** An audit writer for one kind of supervision record, used inside the transaction that changes it. */
export function auditorFor(entity: string) {
  return (
    trx: Database,
    actor: Actor,
    regionId: string,
    entityId: string,
    action: string,
    before: unknown,
    after: unknown,
  ) => recordAudit(trx, { regionId, actorId: actor.userId, entity, entityId, action, before, after });
}
