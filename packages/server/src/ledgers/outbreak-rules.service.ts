import type { OutbreakRuleBody, OutbreakRuleView } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import { healthError } from "./health-errors.js";
import { LEDGER_ASSIGNERS } from "./ledger-access.js";
import { insertOverride, listOverrides } from "./outbreak-alerts.repository.js";
import { effectiveRules } from "./outbreak-rules.js";
import { baseRules } from "./outbreaks.service.js";
import type { Clock } from "./returns.service.js";

/**
 * The outbreak rules of a region (issue 16 item 4): the national values by default, each overridable
 * by the bureau (threshold, window, report deadline), every change a new version with its reason,
 * audited. Alerts keep the version they were opened under (outbreaks.service.ts).
 */

export async function listOutbreakRules(db: Database, regionId: string): Promise<OutbreakRuleView[]> {
  const base = await baseRules(db, regionId);
  const overrides = await listOverrides(db, regionId);
  const users = new Map(
    (
      await db
        .selectFrom("users")
        .select(["id", "display_name"])
        .where("region_id", "=", regionId)
        .where("id", "in", overrides.length ? [...new Set(overrides.map((o) => o.createdBy))] : [""])
        .execute()
    ).map((u) => [u.id, u.display_name]),
  );
  const byId = new Map(base.map((r) => [r.id, r]));
  return effectiveRules(base, overrides).map((rule) => {
    const national = byId.get(rule.id)!;
    return {
      id: rule.id,
      version: rule.version,
      label: rule.label,
      scope: rule.scope,
      allOf: rule.allOf,
      anyOf: rule.anyOf,
      windowDays: rule.windowDays,
      threshold: rule.threshold,
      dueHours: rule.dueHours,
      national: {
        version: national.version,
        windowDays: national.windowDays,
        threshold: national.threshold,
        dueHours: national.dueHours,
      },
      history: overrides
        .filter((o) => o.ruleId === rule.id)
        .map((o) => ({
          version: o.version,
          reset: o.reset,
          windowDays: o.windowDays,
          threshold: o.threshold,
          dueHours: o.dueHours,
          note: o.note,
          createdAt: o.createdAt,
          createdBy: users.get(o.createdBy) ?? o.createdBy,
        })),
    };
  });
}

/** The bureau changes a rule's values for its region (or resets them to the national ones): a new version, audited. */
export async function changeOutbreakRule(
  db: Database,
  actor: Actor,
  ruleId: string,
  input: OutbreakRuleBody,
  now: Clock,
): Promise<OutbreakRuleView> {
  if (!LEDGER_ASSIGNERS.includes(actor.role)) throw forbidden();
  const before = (await listOutbreakRules(db, actor.regionId)).find((r) => r.id === ruleId);
  if (!before) throw healthError("OUTBREAK_RULE_NOT_FOUND", 404);
  const values = input.reset
    ? before.national
    : { windowDays: input.windowDays, threshold: input.threshold, dueHours: input.dueHours };
  await db.transaction().execute(async (trx) => {
    const version = await insertOverride(trx, {
      regionId: actor.regionId,
      ruleId,
      reset: input.reset === true,
      windowDays: values.windowDays,
      threshold: values.threshold,
      dueHours: values.dueHours,
      note: input.note.trim(),
      actorId: actor.userId,
      at: now().toISOString(),
    });
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "outbreak_rule",
      entityId: ruleId,
      action: input.reset ? "reset" : "update",
      before: {
        version: before.version,
        windowDays: before.windowDays,
        threshold: before.threshold,
        dueHours: before.dueHours,
      },
      after: { regionVersion: version, ...values, note: input.note.trim() },
    });
  });
  return (await listOutbreakRules(db, actor.regionId)).find((r) => r.id === ruleId)!;
}
