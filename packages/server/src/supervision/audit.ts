import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { shared } from "./schema.js";

/** An audit writer for one kind of supervision record, used inside the transaction that changes it. */
export function auditorFor(entity: string) {
  return (
    trx: Parameters<typeof shared>[0],
    actor: Actor,
    regionId: string,
    entityId: string,
    action: string,
    before: unknown,
    after: unknown,
  ) => recordAudit(shared(trx), { regionId, actorId: actor.userId, entity, entityId, action, before, after });
}
