import { actorFor } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import type { ReportStatus } from "../db/schema.js";
import { newId } from "../ids.js";
import { periodBounds } from "../status/calendar.js";

/** 10:00 in Asia/Shanghai on the given date. */
export const clockAt = (isoDate: string) => () => new Date(`${isoDate}T02:00:00Z`);

/**
 * Test helpers (shipped in the build, so they take the shared fixture as arguments
 * rather than importing src/test). The fixture's 2024 plan is backdated to 2024-01-15
 * so monthly reports are expected from January on.
 */
export async function supervisedPlan<F extends { a: { bureauId: string } }>(
  db: Database,
  fixture: F,
  plan: { planId: string; taskIds: string[] },
) {
  await db
    .updateTable("plans")
    .set({ published_at: "2024-01-15T02:00:00.000Z" })
    .where("id", "=", plan.planId)
    .execute();
  const assignments = await db
    .selectFrom("assignments")
    .select(["id", "task_id", "org_id"])
    .where("task_id", "in", plan.taskIds)
    .execute();
  const indicators = await db
    .selectFrom("indicators")
    .select(["id", "task_id", "target_value"])
    .where("task_id", "in", plan.taskIds)
    .execute();
  return { fixture, ...plan, assignments, indicators, regionId: fixture.a.bureauId };
}

export interface ReportSpec {
  taskId: string;
  orgId: string;
  period: string;
  status: ReportStatus;
  percent: number;
  /** Default: the first day of the period (the engine counts a report from the day it was submitted). */
  submittedAt?: string;
  actuals?: { indicatorId: string; value: number }[];
}

/** Inserts progress reports directly (the progress module has its own tests). */
export async function report(db: Database, regionId: string, specs: ReportSpec[]) {
  for (const s of specs) {
    const id = newId();
    await db
      .insertInto("progress_reports")
      .values({
        region_id: regionId,
        id,
        task_id: s.taskId,
        org_id: s.orgId,
        period: s.period,
        status: s.status,
        percent: s.percent,
        submitted_by: "test",
        narrative: "",
        submitted_at: s.submittedAt ?? `${periodBounds(s.period).start}T02:00:00.000Z`,
      })
      .onConflict((oc) =>
        oc.columns(["region_id", "task_id", "org_id", "period"]).doUpdateSet({ status: s.status, percent: s.percent }),
      )
      .execute();
    for (const a of s.actuals ?? []) {
      await db
        .insertInto("indicator_actuals")
        .values({ region_id: regionId, id: newId(), report_id: id, indicator_id: a.indicatorId, value: a.value })
        .execute();
    }
  }
}

/** Every assignment of the plan reports the same for each period. */
export async function reportAll(
  db: Database,
  ctx: SupervisedPlan,
  periods: string[],
  status: ReportStatus,
  percent: number,
) {
  await report(
    db,
    ctx.regionId,
    periods.flatMap((period) =>
      ctx.assignments.map((a) => ({ taskId: a.task_id, orgId: a.org_id, period, status, percent })),
    ),
  );
}

/** A supervised plan; its fixture typed as the caller's (the shared test fixture, for instance). */
export type SupervisedPlan<F extends { a: { bureauId: string } } = { a: { bureauId: string } }> = Awaited<
  ReturnType<typeof supervisedPlan<F>>
>;

/** The actor of a user, as the auth layer builds it at sign-in. */
export async function actorNamed(db: Database, username: string) {
  const user = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirstOrThrow();
  return actorFor(db, user);
}
