import { sql } from "kysely";
import { findUserByUsername } from "../auth/auth.repository.js";
import { actorFor } from "../auth/auth.service.js";
import { saveBureauProfile } from "../bureau/bureau.service.js";
import type { Database } from "../db/database.js";
import type { ReportStatus, Role } from "../db/schema.js";
import type { FileStore } from "../files/file-store.js";
import { addAlias, createOrg } from "../orgs/orgs.service.js";
import { findPlan, listTasks } from "../plans/plans.repository.js";
import { importPlan } from "../plans/plans.service.js";
import { publishPlan } from "../plans/publish.service.js";
import { todayInShanghai } from "../progress/periods.js";
import { submitReport } from "../progress/progress.service.js";
import { createUser } from "../users/users.service.js";
import { DEMO_HEAD_TEACHERS, seedHealthDemo } from "./demo-health.js";
import {
  DEMO_BUREAU,
  DEMO_CITY,
  DEMO_DEPARTMENTS,
  DEMO_LETTERHEAD,
  DEMO_PASSWORD,
  DEMO_PROVINCE,
  DEMO_SCHOOLS,
  DEMO_USERS,
} from "./demo-orgs.js";
import { demoPlanText } from "./demo-plan.js";
import { seedScreeningDemo } from "./demo-screening.js";
import { seedHazards } from "./seed-hazards.js";

export interface DemoLogin {
  username: string;
  password: string;
  role: Role;
  displayName: string;
}

export async function isEmpty(db: Database): Promise<boolean> {
  return (await db.selectFrom("orgs").select("id").limit(1).execute()).length === 0;
}

/**
 * A demo county bureau: departments, schools, users, this year's plan imported through
 * the real parser and published, a few months of progress reports, and (given a file store for
 * its photos) a small campus-safety ledger bound to the plan's safety targets.
 */
export async function seedDemo(
  db: Database,
  today = new Date(),
  /** Where the campus-safety ledger's photos go; without it the ledger is left empty. */
  files?: FileStore,
): Promise<{ logins: DemoLogin[]; planId: string }> {
  const province = await createOrg(db, null, { parentId: null, name: DEMO_PROVINCE, kind: "province" });
  const city = await createOrg(db, null, { parentId: province.id, name: DEMO_CITY, kind: "city" });
  const bureau = await createOrg(db, null, { parentId: city.id, name: DEMO_BUREAU, kind: "bureau" });
  await saveBureauProfile(db, null, bureau.id, DEMO_LETTERHEAD);
  const orgIds = new Map<string, string>([[DEMO_BUREAU, bureau.id]]);
  for (const [i, dept] of DEMO_DEPARTMENTS.entries()) {
    const org = await createOrg(db, null, { parentId: bureau.id, name: dept.name, kind: "department", sortOrder: i });
    orgIds.set(dept.name, org.id);
    for (const alias of dept.aliases) await addAlias(db, null, org.id, alias);
  }
  for (const [i, school] of DEMO_SCHOOLS.entries()) {
    const org = await createOrg(db, null, {
      parentId: bureau.id,
      name: school.name,
      kind: "school",
      schoolLevel: school.level,
      sortOrder: i,
    });
    orgIds.set(school.name, org.id);
  }
  for (const u of DEMO_USERS) {
    await createUser(db, null, {
      orgId: orgIds.get(u.org)!,
      username: u.username,
      displayName: u.displayName,
      password: DEMO_PASSWORD,
      role: u.role,
    });
  }

  const year = today.getFullYear();
  const [draft] = await importPlan(db, null, {
    bytes: new TextEncoder().encode(demoPlanText(year)),
    filename: `青山县教育和体育局${year}年工作要点.txt`,
    orgId: bureau.id,
    year,
  });
  const planId = draft!.id;
  await publishPlan(db, null, planId, await findPlan(db, planId), true);
  await seedProgress(db, bureau.region_id, planId, Math.min(today.getMonth(), 4), year);
  await backdate(db, planId, year, today);
  if (files) await seedHazards(db, files, todayInShanghai(today), planId);
  await seedHealthDemo(db, orgIds, today);
  // The demo school (the "school" login) has no screening yet: a newcomer imports its sheets there.
  const own = DEMO_USERS.find((u) => u.role === "school_reporter")?.org;
  const schools = DEMO_SCHOOLS.filter((s) => s.name !== own).map((s) => ({ ...s, id: orgIds.get(s.name)! }));
  await seedScreeningDemo(db, schools, today, todayInShanghai(today), planId);

  return {
    logins: [
      ...DEMO_USERS.map((u) => ({
        username: u.username,
        password: DEMO_PASSWORD,
        role: u.role as Role,
        displayName: u.displayName,
      })),
      ...DEMO_HEAD_TEACHERS.map((u) => ({
        username: u.username,
        password: DEMO_PASSWORD,
        role: "school_reporter" as Role,
        displayName: u.displayName,
      })),
    ],
    planId,
  };
}

/**
 * The demo's history as it would have happened: the plan published in mid-January, each month's
 * report submitted on day 3 to 7 of the next month (so some after the day-5 deadline), never after
 * `today`. Documents computed as of a past day (bulletins, evaluation) then see that day's records.
 */
async function backdate(db: Database, planId: string, year: number, today: Date) {
  const now = today.toISOString();
  await sql`UPDATE plans SET published_at = LEAST(${`${year}-01-15T02:00:00Z`}::timestamptz, ${now}::timestamptz)
    WHERE id = ${planId}`.execute(db);
  await sql`UPDATE progress_reports r SET submitted_at = LEAST(${now}::timestamptz,
      (to_date(r.period || '-01', 'YYYY-MM-DD') + interval '1 month' + interval '2 hours'
        + (2 + (t.seq + right(r.period, 2)::int) % 5) * interval '1 day')::timestamp AT TIME ZONE 'UTC')
    FROM plan_tasks t WHERE t.region_id = r.region_id AND t.id = r.task_id AND t.plan_id = ${planId}`.execute(db);
}

/** Monthly reports from the lead department and the demo school for the months before this one. */
async function seedProgress(db: Database, regionId: string, planId: string, months: number, year: number) {
  const admin = await findUserByUsername(db, "admin");
  const actor = await actorFor(db, admin!);
  const tasks = await listTasks(db, regionId, planId);
  const assignments = await db
    .selectFrom("assignments")
    .select(["task_id", "org_id", "role"])
    .where("region_id", "=", regionId)
    .execute();
  const indicators = await db
    .selectFrom("indicators")
    .select(["id", "task_id", "target_value", "target_min"])
    .where("region_id", "=", regionId)
    .execute();
  for (let m = 1; m <= months; m++) {
    const period = `${year}-${String(m).padStart(2, "0")}`;
    for (const [i, task] of tasks.entries()) {
      const lead = assignments.find((a) => a.task_id === task.id && a.role === "lead");
      if (!lead || (i + m) % 4 === 0) continue; // some units miss a month, as in life
      const percent = Math.min(100, Math.round(((m + (i % 3)) / (months + 2)) * 100));
      const status: ReportStatus = percent >= 100 ? "done" : i === 9 && m === months ? "blocked" : "in_progress";
      const actuals = indicators
        .filter((x) => x.task_id === task.id && (x.target_value ?? x.target_min) !== null)
        .map((x) => ({
          indicatorId: x.id,
          value: Math.round((x.target_value ?? x.target_min ?? 0) * (0.6 + 0.1 * m) * 10) / 10,
        }));
      const narrative =
        status === "blocked"
          ? "受汛期影响，部分学校防溺水宣传进度滞后，已协调乡镇配合。"
          : `本月按计划推进，完成进度${percent}%。`;
      await submitReport(db, actor, task.id, { orgId: lead.org_id, period, status, narrative, percent, actuals });
    }
  }
}
