import type { ParsedDocument } from "@luoshi/plan-parser";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { canManagePlanOf, canSeePlan, PLAN_MANAGERS } from "../auth/actor.js";
import { ROWS_PER_INSERT } from "../db/chunks.js";
import type { Database } from "../db/database.js";
import type { Cadence, DeadlineJson, PlanTask, ReportRulesJson, TargetJson } from "../db/schema.js";
import { AppError, notFound } from "../errors.js";
import { json, newId } from "../ids.js";
import { findOrg } from "../orgs/orgs.repository.js";
import { type HeavyWork, inlineWork } from "../work/work-pool.js";
import { diffTasks } from "./plan-diff.js";
import * as repo from "./plans.repository.js";
import { publishingError } from "./publishing.messages.js";

export interface ImportInput {
  bytes: Uint8Array;
  filename: string;
  /** The bureau that owns the plan. */
  orgId: string;
  year?: number;
  cadence?: Cadence;
}

type ParsedTask = ParsedDocument["plans"][number]["tasks"][number];

const taskColumns = (t: ParsedTask) => ({
  no: t.no,
  path: json(t.path),
  title: t.title,
  units: json(t.units),
  lead_count: t.leadCount,
  deadlines: json(t.deadlines),
  targets: json(t.targets),
  body: t.body,
  measures: json(t.measures),
  span: json(t.span),
  confidence: t.confidence ?? 1,
  reasons: json(t.reasons ?? []),
});

async function parse(
  work: HeavyWork,
  input: { bytes: Uint8Array; filename: string; year?: number },
): Promise<ParsedDocument> {
  const doc = await work.parseDocument(input.bytes, {
    filename: input.filename,
    ...(input.year ? { year: input.year } : {}),
  });
  if (doc.plans.every((p) => p.tasks.length === 0)) {
    throw new AppError("PLAN_HAS_NO_TASKS", 422, { diagnostics: doc.diagnostics });
  }
  return doc;
}

/**
 * Parses a document into one draft per plan it holds, with every task, its span, and the diagnostics.
 * Uploads parse on the server's worker pool; without one (tests, the demo seed) in this thread.
 */
export async function importPlan(db: Database, actor: Actor | null, input: ImportInput, work = inlineWork()) {
  const owner = await findOrg(db, input.orgId);
  if (!owner) throw notFound("ORG_NOT_FOUND");
  if (actor && !canManagePlanOf(actor, owner.id)) throw notFound("ORG_NOT_FOUND");
  const doc = await parse(work, input);
  return db.transaction().execute(async (trx) => {
    const created = [];
    for (const parsed of doc.plans.filter((p) => p.tasks.length > 0)) {
      const planId = newId();
      const summary = await repo.insertPlan(trx, {
        region_id: owner.region_id,
        id: planId,
        org_id: owner.id,
        title: parsed.title || input.filename,
        year: input.year ?? parsed.year,
        status: "draft",
        cadence: input.cadence ?? "monthly",
        source_filename: input.filename,
        source_format: doc.format,
        source_text: doc.source,
        diagnostics: json([...doc.diagnostics, ...parsed.diagnostics]),
        created_by: actor?.userId ?? null,
      });
      // Each statement's rows are made just before it runs: short-lived, not 6,000 rows kept at once.
      let taskCount = 0;
      for (let at = 0; at < parsed.tasks.length; at += ROWS_PER_INSERT) {
        const rows = parsed.tasks.slice(at, at + ROWS_PER_INSERT).map((t, i) => ({
          region_id: owner.region_id,
          id: newId(),
          plan_id: planId,
          seq: at + i,
          ...taskColumns(t),
        }));
        taskCount += await repo.insertTaskRows(trx, rows);
      }
      await recordAudit(trx, {
        regionId: owner.region_id,
        actorId: actor?.userId ?? null,
        entity: "plan",
        entityId: planId,
        action: "import",
        after: { ...summary, taskCount },
      });
      created.push({ ...summary, taskCount });
    }
    return created;
  });
}

export async function readablePlan(db: Database, actor: Actor, id: string) {
  const plan = await repo.findPlan(db, id);
  if (!plan || !canSeePlan(actor, plan)) throw notFound("PLAN_NOT_FOUND");
  return plan;
}

export async function manageablePlan(db: Database, actor: Actor, id: string) {
  const plan = await repo.findPlan(db, id);
  if (!plan || !canSeePlan(actor, plan)) throw notFound("PLAN_NOT_FOUND");
  if (!canManagePlanOf(actor, plan.org_id)) throw new AppError("FORBIDDEN", 403);
  return plan;
}

export async function manageableDraft(db: Database, actor: Actor, id: string) {
  const plan = await manageablePlan(db, actor, id);
  if (plan.status !== "draft") throw new AppError("PLAN_NOT_DRAFT", 409);
  return plan;
}

export async function listReadablePlans(db: Database, actor: Actor) {
  return repo.listPlans(db, [...actor.visibleOrgIds, ...actor.ancestorOrgIds], PLAN_MANAGERS.includes(actor.role));
}

export async function planDetail(db: Database, actor: Actor, id: string) {
  const plan = await readablePlan(db, actor, id);
  const tasks = await repo.listTasks(db, plan.region_id, plan.id);
  return { plan, tasks };
}

export async function planSource(db: Database, actor: Actor, id: string) {
  const source = await repo.planSourceOf(db, await readablePlan(db, actor, id));
  return { text: source.source_text, filename: source.source_filename, format: source.source_format };
}

export interface PlanPatch {
  title?: string;
  year?: number | null;
  cadence?: Cadence;
  reportRules?: ReportRulesJson;
}

export async function updatePlan(db: Database, actor: Actor, id: string, patch: PlanPatch) {
  const plan = await manageablePlan(db, actor, id);
  const { reportRules, ...fields } = patch;
  const set = { ...fields, ...(reportRules && { report_rules: json(reportRules) }) };
  return db.transaction().execute(async (trx) => {
    const updated = await repo.updatePlan(trx, plan, set);
    await recordAudit(trx, {
      regionId: plan.region_id,
      actorId: actor.userId,
      entity: "plan",
      entityId: id,
      action: "update",
      before: plan,
      after: updated,
    });
    return updated;
  });
}

/** Only drafts are deleted (softly); published work is withdrawn or archived instead. */
export async function deletePlan(db: Database, actor: Actor, id: string) {
  const plan = await manageablePlan(db, actor, id);
  if (plan.status !== "draft") throw publishingError("PLAN_NOT_DELETABLE", 409, { status: plan.status });
  await db.transaction().execute(async (trx) => {
    await repo.updatePlan(trx, plan, { deleted_at: new Date().toISOString() });
    await recordAudit(trx, {
      regionId: plan.region_id,
      actorId: actor.userId,
      entity: "plan",
      entityId: id,
      action: "delete",
    });
  });
}

export interface TaskPatch {
  no?: string;
  title?: string;
  path?: string[];
  units?: string[];
  leadCount?: number;
  deadlines?: DeadlineJson[];
  targets?: TargetJson[];
  body?: string;
  measures?: string[];
}

async function draftTask(db: Database, actor: Actor, planId: string, taskId: string) {
  const plan = await manageableDraft(db, actor, planId);
  const task = await repo.findTask(db, taskId);
  if (!task || task.plan_id !== plan.id || task.region_id !== plan.region_id) throw notFound("TASK_NOT_FOUND");
  return { plan, task };
}

export async function updateTask(db: Database, actor: Actor, planId: string, taskId: string, patch: TaskPatch) {
  const { plan, task } = await draftTask(db, actor, planId, taskId);
  const units = patch.units ?? task.units;
  const set = {
    ...(patch.no !== undefined && { no: patch.no }),
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.body !== undefined && { body: patch.body }),
    ...(patch.path && { path: json(patch.path) }),
    ...(patch.units && { units: json(patch.units) }),
    ...(patch.deadlines && { deadlines: json(patch.deadlines) }),
    ...(patch.targets && { targets: json(patch.targets) }),
    ...(patch.measures && { measures: json(patch.measures) }),
    lead_count: Math.min(patch.leadCount ?? task.lead_count, units.length),
  };
  return db.transaction().execute(async (trx) => {
    const updated = await repo.updateTask(trx, task, set);
    await recordAudit(trx, {
      regionId: plan.region_id,
      actorId: actor.userId,
      entity: "plan_task",
      entityId: taskId,
      action: "update",
      before: task,
      after: updated,
    });
    return updated;
  });
}

export async function deleteTask(db: Database, actor: Actor, planId: string, taskId: string) {
  const { plan, task } = await draftTask(db, actor, planId, taskId);
  await db.transaction().execute(async (trx) => {
    await repo.updateTask(trx, task, { deleted_at: new Date().toISOString() });
    await recordAudit(trx, {
      regionId: plan.region_id,
      actorId: actor.userId,
      entity: "plan_task",
      entityId: taskId,
      action: "delete",
      before: task,
    });
  });
}

const presentForDiff = (t: PlanTask) => ({
  id: t.id,
  no: t.no,
  title: t.title,
  units: t.units,
  deadlines: t.deadlines,
  targets: t.targets,
  body: t.body,
});

/**
 * Compares a revised document with the plan. With `apply` (drafts only), the draft
 * takes the revision: changed tasks are updated, removed ones soft-deleted, new ones added.
 */
export async function reimportPlan(
  db: Database,
  actor: Actor,
  planId: string,
  input: { bytes: Uint8Array; filename: string; apply: boolean },
  work = inlineWork(),
) {
  const plan = input.apply ? await manageableDraft(db, actor, planId) : await manageablePlan(db, actor, planId);
  const doc = await parse(work, { bytes: input.bytes, filename: input.filename, year: plan.year ?? undefined });
  const revised = doc.plans.find((p) => p.title === plan.title) ?? doc.plans.find((p) => p.tasks.length > 0)!;
  const current = await repo.listTasks(db, plan.region_id, plan.id);
  const diff = diffTasks(current, revised.tasks);
  const shown = {
    added: diff.added.map((t) => ({
      no: t.no,
      title: t.title,
      units: t.units,
      deadlines: t.deadlines,
      targets: t.targets,
      body: t.body,
    })),
    removed: diff.removed.map(presentForDiff),
    changed: diff.changed.map((c) => ({
      before: presentForDiff(c.before),
      after: {
        no: c.after.no,
        title: c.after.title,
        units: c.after.units,
        deadlines: c.after.deadlines,
        targets: c.after.targets,
        body: c.after.body,
      },
      fields: c.fields,
    })),
    unchanged: diff.unchanged,
    applied: false,
  };
  if (!input.apply) return shown;
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    for (const t of diff.removed) await repo.updateTask(trx, t, { deleted_at: now });
    for (const c of diff.changed) await repo.updateTask(trx, c.before, taskColumns(c.after));
    const nextSeq = current.reduce((m, t) => Math.max(m, t.seq), -1) + 1;
    await repo.insertTaskRows(
      trx,
      diff.added.map((t, i) => ({
        region_id: plan.region_id,
        id: newId(),
        plan_id: plan.id,
        seq: nextSeq + i,
        ...taskColumns(t),
      })),
    );
    await repo.updatePlan(trx, plan, {
      source_text: doc.source,
      source_filename: input.filename,
      diagnostics: json(doc.diagnostics),
    });
    await recordAudit(trx, {
      regionId: plan.region_id,
      actorId: actor.userId,
      entity: "plan",
      entityId: plan.id,
      action: "reimport",
      after: { added: shown.added.length, removed: shown.removed.length, changed: shown.changed.length },
    });
  });
  return { ...shown, applied: true };
}
