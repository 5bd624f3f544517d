import type { Database } from "../db/database.js";
import { findPlan } from "../plans/plans.repository.js";
import { importPlan } from "../plans/plans.service.js";
import { publishPlan } from "../plans/publish.service.js";
import { supervisedPlan } from "../supervision/test-support.js";
import { freshDatabase } from "./app.js";
import { PLAN_TEXT, seedFixture } from "./fixture.js";

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

/** A fresh database with the fixture and its published plan backdated for the status engine. */
export async function supervisedDatabase() {
  const { db, drop } = await freshDatabase();
  const fixture = await seedFixture(db);
  const ctx = await supervisedPlan(db, fixture, await publishedPlan(db, fixture.a.bureauId));
  return { db, drop, ctx };
}
