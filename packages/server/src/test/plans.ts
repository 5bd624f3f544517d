import type { Database } from "../db/database.js";
import { findPlan } from "../plans/plans.repository.js";
import { importPlan } from "../plans/plans.service.js";
import { publishPlan } from "../plans/publish.service.js";
import { PLAN_TEXT } from "./fixture.js";

/** A draft plan of a bureau, imported through the real parser. */
export async function draftPlan(db: Database, bureauId: string, text = PLAN_TEXT) {
  const [plan] = await importPlan(db, null, {
    bytes: new TextEncoder().encode(text),
    filename: "plan.txt",
    orgId: bureauId,
  });
  const tasks = await db.selectFrom("plan_tasks").selectAll().where("plan_id", "=", plan!.id).orderBy("seq").execute();
  return { planId: plan!.id, taskIds: tasks.map((t) => t.id) };
}

export async function publishedPlan(db: Database, bureauId: string, text = PLAN_TEXT) {
  const draft = await draftPlan(db, bureauId, text);
  await publishPlan(db, null, draft.planId, await findPlan(db, draft.planId), true);
  return draft;
}
