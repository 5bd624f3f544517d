import type { LedgerType } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { writeSettings } from "./ledgers.repository.js";

/** Writes a region's settings of a ledger type with its audit entry (inside the caller's transaction). */
export async function writeAuditedSettings(
  trx: Database,
  actor: Actor,
  type: LedgerType,
  change: { settings: Record<string, unknown>; before: unknown; after: unknown; at: string },
) {
  await writeSettings(trx, {
    regionId: actor.regionId,
    type,
    settings: change.settings,
    actorId: actor.userId,
    at: change.at,
  });
  await recordAudit(trx, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: "ledger_settings",
    entityId: type,
    action: "update",
    before: change.before,
    after: change.after,
  });
}
