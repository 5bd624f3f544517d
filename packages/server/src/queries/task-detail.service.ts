import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { readableTask, reportHistoryOf } from "../progress/progress.service.js";
import { indicatorViews, taskView } from "./queries.service.js";

/**
 * One task as its detail page shows it: text, assignees and status (the status engine's, as of
 * `today`), milestones, indicators, reports. Four queries: the task with its plan, its view, its indicators, its reports.
 */
export async function taskDetail(db: Database, actor: Actor, taskId: string, today?: string) {
  const { task, plan } = await readableTask(db, actor, taskId);
  const published = plan.status === "published";
  const view = published ? await taskView(db, actor, task.id, today) : undefined;
  const indicators = published ? await indicatorViews(db, actor, { planId: plan.id, taskId: task.id }, today) : [];
  return {
    task: {
      id: task.id,
      planId: plan.id,
      no: task.no,
      title: task.title,
      path: task.path,
      units: task.units,
      deadlines: task.deadlines,
      targets: task.targets,
      body: task.body,
      measures: task.measures,
      status: view?.status ?? "not_started",
      nextDue: view?.nextDue ?? null,
      supervision: view?.supervision ?? null,
      overdue: view?.overdue ?? false,
      cadence: task.cadence,
    },
    plan: { id: plan.id, title: plan.title, year: plan.year, status: plan.status, cadence: plan.cadence },
    assignees: view?.assignees ?? [],
    milestones: view?.milestones ?? [],
    indicators,
    reports: await reportHistoryOf(db, actor, task, plan),
  };
}
