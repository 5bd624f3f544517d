import { TaskDetail } from "@luoshi/contract";
import { ALL_ROLES } from "../auth/actor.js";
import { dependsOnTask } from "../http/read-cache.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { todayInShanghai } from "../progress/periods.js";
import { presentReport } from "../progress/present.js";
import { clockOf } from "../supervision/deps.js";
import { presentTask } from "./present.js";
import { taskDetail } from "./task-detail.service.js";

export function taskDetailRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/tasks/:id",
    {
      config: { auth: ALL_ROLES, cache: true },
      schema: {
        tags: ["queries"],
        summary: "任务详情（正文、措施、分工、节点、指标、进度报告与佐证）",
        params: IdParams,
        response: withErrors({
          200: TaskDetail,
        }),
      },
    },
    async (request) => {
      const detail = await taskDetail(deps.db, actorOf(request), request.params.id, todayInShanghai(clockOf(deps)()));
      dependsOnTask(request, detail.plan.id, detail.task.id);
      return { ...presentTask(detail), reports: detail.reports.map(presentReport) };
    },
  );
}
