import { PlanTask, TaskCorrectionBody } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { PLAN_MANAGERS } from "../auth/actor.js";
import { camel } from "../http/camel.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { correctTask } from "./task-corrections.service.js";

export function taskCorrectionsRoutes(app: App, deps: AppDeps): void {
  app.patch(
    "/api/tasks/:id",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["plans"],
        summary: "更正任务名称或正文（已发布计划也可，台账内编辑用）",
        params: IdParams,
        body: TaskCorrectionBody,
        response: withErrors({ 200: Type.Object({ task: PlanTask }) }),
      },
    },
    async (request) => ({ task: camel(await correctTask(deps.db, actorOf(request), request.params.id, request.body)) }),
  );
}
