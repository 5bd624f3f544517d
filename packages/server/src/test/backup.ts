import { readdirSync } from "node:fs";
import { join } from "node:path";
import { type Actor, sees } from "../auth/actor.js";
import { actorFor } from "../auth/auth.service.js";
import { tableRows, tablesInOrder } from "../backup/tables.js";
import { generateBulletin } from "../bulletins/bulletins.service.js";
import type { Database } from "../db/database.js";
import { storeEvidence } from "../files/files.service.js";
import { committedPlacement, rosterCsv, teachersCsv } from "../placement/placement.fixtures.js";
import { loginAs, type TestContext } from "./app.js";
import { publishedPlan } from "./plans.js";

/** Every backed-up table as PostgreSQL's JSON text of its rows, in key order. */
export async function dumpTables(db: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const plan of await tablesInOrder(db)) {
    out[plan.name] = [];
    for await (const batch of tableRows(db, plan)) out[plan.name]!.push(...batch);
  }
  return out;
}

/** Drops the audit rows a restore adds, to compare a restored database with its source. */
export function withoutRestoreAudit(dump: Record<string, string[]>): Record<string, string[]> {
  const audit = (dump.audit_events ?? []).filter((r) => {
    const row = JSON.parse(r) as { entity: string; action: string };
    return !(row.entity === "backup" && row.action === "restore");
  });
  return { ...dump, audit_events: audit };
}

/** Blob names under a file store root. */
export function storedBlobs(root: string): string[] {
  const out: string[] = [];
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(root, dir.name))) if (/^[0-9a-f]{64}$/.test(f)) out.push(f);
  }
  return out.sort();
}

export async function actorByUsername(db: Database, username: string): Promise<Actor> {
  const user = await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirstOrThrow();
  return actorFor(db, user);
}

/**
 * A database holding every kind of stored blob: evidence, a placement ceremony and its run (roster,
 * teachers, commitment notice, result, class lists, notice), a bulletin (docx and xlsx). Returns the placement run's id.
 */
export async function populateWithBlobs(t: TestContext): Promise<{ placementId: string }> {
  const bureau = t.fixture.a;
  const plan = await publishedPlan(t.db, bureau.bureauId);
  // The plan was in force in 2024, so a bulletin of a 2024 period is computed from it.
  await t.db.updateTable("plans").set({ published_at: "2024-01-15T02:00:00Z" }).where("id", "=", plan.planId).execute();
  const reporter = await actorByUsername(t.db, bureau.users.school_reporter);
  await storeEvidence(t.db, t.files, reporter, { bytes: new TextEncoder().encode("会议纪要"), filename: "纪要.txt" });
  const admin = await loginAs(t.app, bureau.users.admin);
  // Commit, draw and run: the commitment's roster, teachers and notice are blobs as well.
  const { placementId } = await committedPlacement(
    t.app,
    admin.headers,
    {},
    {
      roster: { name: "名单.csv", bytes: rosterCsv() },
      teachers: { name: "班主任.csv", bytes: teachersCsv(["张老师", "李老师", "王老师", "赵老师"]) },
    },
  );
  const supervisor = await actorByUsername(t.db, bureau.users.supervisor);
  if (!sees(supervisor, bureau.bureauId)) throw new Error("fixture: supervisor does not see the bureau");
  await generateBulletin(t.db, t.files, {
    regionId: bureau.bureauId,
    period: "2024-04",
    actor: supervisor,
    now: () => new Date(),
  });
  return { placementId };
}
