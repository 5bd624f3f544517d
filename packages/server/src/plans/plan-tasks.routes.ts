import { PlanTask, TaskFields } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { PLAN_MANAGERS } from "../auth/actor.js";
import { camel } from "../http/camel.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { addTask } from "./plan-tasks.service.js";

export function planTasksRoutes(app: App, deps: AppDeps): void {
  app.post(
    "/api/plans/:id/tasks",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["plans"],
        summary: "向草稿计划添加任务（解析遗漏时手工补录，追加在末尾）",
        params: IdParams,
        body: TaskFields,
        response: withErrors({ 201: Type.Object({ task: PlanTask }) }),
      },
    },
    async (request, reply) => {
      const task = await addTask(deps.db, actorOf(request), request.params.id, request.body);
      return reply.status(201).send({ task: camel(task) });
    },
  );
}
