import type { LedgerMetric, PlanLedgerBindings } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import { type Actor, canManagePlanOf } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { notFound } from "../errors.js";
import { suggestMetric } from "./binding-suggestions.js";
import * as repo from "./bindings.repository.js";

/**
 * Binding plan indicators to ledger metrics: the plan's bindings and what is offered (an indicator
 * whose subject names a metric's synonym), a person's confirmation, and unbinding. Plan managers of
 * the plan's bureau only; each change audited.
 */

type Clock = () => Date;

async function managedPlan(db: Database, actor: Actor, planId: string) {
  const plan = await repo.planOf(db, actor.regionId, planId);
  if (!plan || !canManagePlanOf(actor, plan.org_id)) throw notFound("PLAN_NOT_FOUND");
  return plan;
}

async function managedIndicator(db: Database, actor: Actor, indicatorId: string) {
  const indicator = await repo.indicatorWithPlan(db, actor.regionId, indicatorId);
  if (!indicator || !canManagePlanOf(actor, indicator.plan_org_id)) throw notFound();
  return indicator;
}

const presentBinding = (b: repo.BindingRow) => ({
  indicatorId: b.indicator_id,
  taskId: b.task_id,
  indicatorText: b.text,
  metric: b.metric,
  boundBy: b.bound_by,
  boundByName: b.bound_by_name,
  boundAt: b.bound_at,
});

export async function planBindings(db: Database, actor: Actor, planId: string): Promise<PlanLedgerBindings> {
  await managedPlan(db, actor, planId);
  const bindings = await repo.activeBindings(db, { regionIds: [actor.regionId], planId });
  const bound = new Set(bindings.map((b) => b.indicator_id));
  const suggestions = (await repo.planIndicators(db, actor.regionId, planId)).flatMap((i) => {
    const offer = bound.has(i.id) ? null : suggestMetric(i);
    return offer ? [{ indicatorId: i.id, taskId: i.task_id, indicatorText: i.text, subject: i.subject, ...offer }] : [];
  });
  return { bindings: bindings.map(presentBinding), suggestions };
}

/** Binds (or rebinds) an indicator to a metric; answers the binding and the task to refresh. */
export async function bindIndicator(db: Database, actor: Actor, indicatorId: string, metric: LedgerMetric, now: Clock) {
  const indicator = await managedIndicator(db, actor, indicatorId);
  await db.transaction().execute(async (trx) => {
    await repo.bind(trx, {
      regionId: actor.regionId,
      indicatorId,
      metric,
      actorId: actor.userId,
      at: now().toISOString(),
    });
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger_binding",
      entityId: indicatorId,
      action: "bind",
      after: { metric, indicator: indicator.text },
    });
  });
  const [binding] = await repo.activeBindings(db, { regionIds: [actor.regionId], indicatorIds: [indicatorId] });
  return { binding: presentBinding(binding!), taskId: indicator.task_id };
}

export async function unbindIndicator(db: Database, actor: Actor, indicatorId: string, now: Clock) {
  const indicator = await managedIndicator(db, actor, indicatorId);
  await db.transaction().execute(async (trx) => {
    const ended = await repo.unbind(trx, {
      regionId: actor.regionId,
      indicatorId,
      actorId: actor.userId,
      at: now().toISOString(),
    });
    if (!ended) throw notFound();
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger_binding",
      entityId: indicatorId,
      action: "unbind",
      after: { indicator: indicator.text },
    });
  });
  return { taskId: indicator.task_id };
}
