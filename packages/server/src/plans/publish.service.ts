import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import type { Plan } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { newId } from "../ids.js";
import { groupMap } from "../orgs/org-groups.service.js";
import { aliasExists, insertAlias, listAliases } from "../orgs/orgs.repository.js";
import { draftTaskGaps, type GapReport, gapReport, publishedTaskGaps } from "./plan-gaps.js";
import * as repo from "./plans.repository.js";
import { manageableDraft, manageablePlan } from "./plans.service.js";
import { publishTask } from "./publication.js";
import { publishingError } from "./publishing.messages.js";
import { isCollectiveName, type ManualMapping, type OrgRef, type Resolution, resolveUnits } from "./unit-resolution.js";

/** Orgs a plan's units may name: the bureau's own region, plus child regions (counties) of a city. */
export async function candidateOrgs(db: Database, plan: Plan): Promise<OrgRef[]> {
  const own = await repo.orgsOfRegion(db, plan.region_id);
  const children = (await repo.childOrgs(db, plan.org_id)).filter((c) => !own.some((o) => o.id === c.id));
  return [...own, ...children];
}

async function resolvePlanUnits(db: Database, plan: Plan) {
  const tasks = await repo.listTasks(db, plan.region_id, plan.id);
  const orgs = await candidateOrgs(db, plan);
  const aliases = new Map((await listAliases(db, plan.region_id)).map((a) => [a.alias, a.org_id]));
  const mappings = new Map<string, ManualMapping>(
    (await repo.listMappings(db, plan.region_id, plan.id)).map((m) => [
      m.unit_name,
      { unitName: m.unit_name, orgId: m.org_id, ignored: m.ignored },
    ]),
  );
  const resolutions = resolveUnits(
    tasks.flatMap((t) => t.units),
    orgs,
    aliases,
    mappings,
    await groupMap(db, plan.region_id),
  );
  return { tasks, orgs, resolutions };
}

/**
 * Which tasks lack a unit, a deadline or an indicator, with counts. A draft's are read from
 * its tasks' fields as resolved now; a published plan's from what publishing created.
 */
export async function planGaps(db: Database, actor: Actor, planId: string): Promise<GapReport> {
  const plan = await manageablePlan(db, actor, planId);
  if (plan.status === "draft") {
    const { tasks, resolutions } = await resolvePlanUnits(db, plan);
    const byName = new Map(resolutions.map((r) => [r.unitName, r]));
    return gapReport(
      tasks.length,
      tasks.map((t) => ({ taskId: t.id, no: t.no, title: t.title, gaps: draftTaskGaps(t, byName) })),
    );
  }
  const tasks = await repo.publishedTaskFacts(db, plan.region_id, plan.id);
  return gapReport(
    tasks.length,
    tasks.map((t) => ({ taskId: t.id, no: t.no, title: t.title, gaps: publishedTaskGaps(t) })),
  );
}

export async function planUnits(db: Database, actor: Actor, planId: string) {
  const plan = await manageablePlan(db, actor, planId);
  const { resolutions } = await resolvePlanUnits(db, plan);
  return {
    units: resolutions,
    unresolved: resolutions.filter((r) => r.status === "unresolved").map((r) => r.unitName),
  };
}

export interface MappingInput {
  unitName: string;
  orgId?: string | null;
  ignored?: boolean;
}

/**
 * A name mapped by hand becomes an alias of its org, so the next import resolves it by itself.
 * Only for orgs of the plan's own region (aliases live in the org's region), not for collective
 * names, and never over an alias someone already gave.
 */
async function rememberAlias(trx: Database, actor: Actor, plan: Plan, unitName: string, org: OrgRef) {
  if (org.name === unitName || isCollectiveName(unitName)) return;
  const own = await repo.orgsOfRegion(trx, plan.region_id);
  if (!own.some((o) => o.id === org.id) || (await aliasExists(trx, plan.region_id, unitName))) return;
  const alias = await insertAlias(trx, { region_id: plan.region_id, id: newId(), org_id: org.id, alias: unitName });
  await recordAudit(trx, {
    regionId: plan.region_id,
    actorId: actor.userId,
    entity: "org_alias",
    entityId: alias.id,
    action: "create",
    after: { ...alias, fromPlan: plan.id },
  });
}

/** The reviewer's decisions for names the resolver could not place: an org, or "ignore". */
export async function setUnitMappings(db: Database, actor: Actor, planId: string, mappings: MappingInput[]) {
  const plan = await manageableDraft(db, actor, planId);
  const orgs = await candidateOrgs(db, plan);
  for (const m of mappings) {
    if (m.orgId && !orgs.some((o) => o.id === m.orgId)) throw notFound("ORG_NOT_FOUND");
    if (!m.orgId && !m.ignored) throw new AppError("VALIDATION_FAILED", 400, { unitName: m.unitName });
  }
  await db.transaction().execute(async (trx) => {
    for (const m of mappings) {
      if (m.orgId) await rememberAlias(trx, actor, plan, m.unitName, orgs.find((o) => o.id === m.orgId)!);
      const row = await repo.upsertMapping(trx, {
        region_id: plan.region_id,
        id: newId(),
        plan_id: plan.id,
        unit_name: m.unitName,
        org_id: m.orgId ?? null,
        ignored: m.orgId ? false : Boolean(m.ignored),
      });
      await recordAudit(trx, {
        regionId: plan.region_id,
        actorId: actor.userId,
        entity: "unit_mapping",
        entityId: row.id,
        action: "upsert",
        after: row,
      });
    }
  });
  return planUnits(db, actor, planId);
}

/**
 * Publishing refuses while any unit name is unresolved, and while a task lacks a unit or a deadline
 * unless the caller accepts those gaps explicitly (the tasks then wait on the 待分配 list); then
 * creates assignments, milestones and indicators.
 */
export async function publishPlan(
  db: Database,
  actor: Actor | null,
  planId: string,
  loadPlan?: Plan,
  acceptGaps = false,
) {
  const plan = loadPlan ?? (actor ? await manageableDraft(db, actor, planId) : undefined);
  if (!plan) throw notFound("PLAN_NOT_FOUND");
  if (plan.status !== "draft") throw new AppError("PLAN_ALREADY_PUBLISHED", 409);
  const { tasks, resolutions } = await resolvePlanUnits(db, plan);
  const unresolved = resolutions.filter((r) => r.status === "unresolved").map((r) => r.unitName);
  if (unresolved.length > 0) throw new AppError("UNRESOLVED_UNITS", 409, { unresolved });
  const byName = new Map<string, Resolution>(resolutions.map((r) => [r.unitName, r]));
  const gaps = gapReport(
    tasks.length,
    tasks.map((t) => ({ taskId: t.id, no: t.no, title: t.title, gaps: draftTaskGaps(t, byName) })),
  );
  if (gaps.blocking > 0 && !acceptGaps) throw publishingError("PLAN_HAS_GAPS", 409, gaps);
  const region_id = plan.region_id;
  return db.transaction().execute(async (trx) => {
    // Every task's rows gathered, then inserted in a few statements under the parameter limit
    // (one statement per task and table took 18,000 round trips for a 6,000-task plan).
    const rows: Parameters<typeof repo.insertPublication>[1] = { assignments: [], milestones: [], indicators: [] };
    for (const task of tasks) {
      const pub = publishTask(task, byName);
      rows.assignments.push(
        ...pub.assignments.map((a) => ({
          region_id,
          id: newId(),
          task_id: task.id,
          org_id: a.orgId,
          role: a.role,
          unit_name: a.unitName,
        })),
      );
      rows.milestones.push(
        ...pub.milestones.map((m) => ({
          region_id,
          id: newId(),
          task_id: task.id,
          seq: m.seq,
          text: m.text,
          due_date: m.dueDate,
          kind: m.kind,
        })),
      );
      rows.indicators.push(
        ...pub.indicators.map((i) => ({
          region_id,
          id: newId(),
          task_id: task.id,
          seq: i.seq,
          text: i.text,
          subject: i.subject,
          op: i.op,
          baseline: i.baseline,
          target_value: i.targetValue,
          target_min: i.targetMin,
          target_max: i.targetMax,
          unit: i.unit,
        })),
      );
    }
    await repo.insertPublication(trx, rows);
    const counts = {
      assignments: rows.assignments.length,
      milestones: rows.milestones.length,
      indicators: rows.indicators.length,
    };
    const updated = await repo.updatePlan(trx, plan, {
      status: "published",
      published_at: new Date().toISOString(),
    });
    await recordAudit(trx, {
      regionId: region_id,
      actorId: actor?.userId ?? null,
      entity: "plan",
      entityId: plan.id,
      action: "publish",
      after: { ...counts, status: "published", unassigned: gaps.counts.unit, undated: gaps.counts.deadline },
    });
    return { plan: updated, ...counts, gaps: { unit: gaps.counts.unit, deadline: gaps.counts.deadline } };
  });
}
