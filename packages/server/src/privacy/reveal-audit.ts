import { REVEAL_AUDIT_ACTION } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { PERSONAL_FIELDS, type PersonalFieldKey } from "./personal-fields.js";

/** What was shown in clear: a record's position or a whole download — never the values themselves. */
export interface Reveal {
  entity: string;
  entityId: string;
  fields: readonly PersonalFieldKey[];
  /** Where in the record, e.g. { classNo: 2, seat: 5 } or { file: "classes" }. */
  target: Record<string, string | number>;
}

/**
 * Every showing of personal data in clear (显示完整信息, a full class list download) is an audit event
 * `reveal` on the record, naming the fields and where, so the trail tells who saw whom and when
 * without the trail itself holding the data.
 */
export async function auditReveal(db: Database, actor: Actor, reveal: Reveal): Promise<void> {
  await recordAudit(db, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: reveal.entity,
    entityId: reveal.entityId,
    action: REVEAL_AUDIT_ACTION,
    after: { ...reveal.target, fields: reveal.fields.map((f) => PERSONAL_FIELDS[f].label) },
  });
}
