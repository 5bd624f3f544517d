import { Type } from "@sinclair/typebox";
import { PLAN_MANAGERS } from "../auth/actor.js";
import { AnyObject, IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { addTask } from "./plan-tasks.service.js";
import { Deadline, Strings, Target } from "./plans.routes.js";

export function planTasksRoutes(app: App, deps: AppDeps): void {
  app.post(
    "/api/plans/:id/tasks",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["plans"],
        summary: "向草稿计划添加任务（解析遗漏时手工补录，追加在末尾）",
        params: IdParams,
        body: Type.Object(
          {
            no: Type.String({ minLength: 1, maxLength: 20 }),
            title: Type.String({ minLength: 1, maxLength: 500 }),
            path: Type.Optional(Strings(500)),
            units: Type.Optional(Strings(100)),
            leadCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
            deadlines: Type.Optional(Type.Array(Deadline, { maxItems: 50 })),
            targets: Type.Optional(Type.Array(Target, { maxItems: 50 })),
            body: Type.Optional(Type.String({ maxLength: 20000 })),
            measures: Type.Optional(Strings(5000)),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Type.Object({ task: AnyObject }) }),
      },
    },
    async (request, reply) => {
      const task = await addTask(deps.db, actorOf(request), request.params.id, request.body);
      return reply.status(201).send({ task });
    },
  );
}
