import { Type } from "@sinclair/typebox";
import { ALL_ROLES, REPORTERS } from "../auth/actor.js";
import { AnyObject, IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { refreshTaskStatuses } from "../status/status.service.js";
import { clockOf } from "../supervision/deps.js";
import { reportHistory, submitReport } from "./progress.service.js";

const Status = Type.Union([
  Type.Literal("not_started"),
  Type.Literal("in_progress"),
  Type.Literal("done"),
  Type.Literal("blocked"),
]);

export function progressRoutes(app: App, deps: AppDeps): void {
  app.post(
    "/api/tasks/:id/reports",
    {
      config: { auth: REPORTERS },
      schema: {
        tags: ["progress"],
        summary: "提交进度报告（每任务每周期一份，重复提交为更新）",
        params: IdParams,
        body: Type.Object(
          {
            orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            period: Type.String({ minLength: 4, maxLength: 7 }),
            status: Status,
            narrative: Type.String({ maxLength: 10000, default: "" }),
            percent: Type.Integer({ minimum: 0, maximum: 100 }),
            actuals: Type.Optional(
              Type.Array(Type.Object({ indicatorId: Type.String({ maxLength: 64 }), value: Type.Number() }), {
                maxItems: 100,
              }),
            ),
            fileIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Type.Object({ report: AnyObject }) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = clockOf(deps);
      const report = await submitReport(deps.db, actor, request.params.id, request.body, now());
      // The statuses of this task only, at once (the board, the dashboard and my tasks read them).
      await refreshTaskStatuses(deps.db, {
        now,
        regionId: report.region_id,
        taskIds: [report.task_id],
        actorId: actor.userId,
      });
      return reply.status(201).send({ report });
    },
  );

  app.get(
    "/api/tasks/:id/reports",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["progress"],
        summary: "任务的进度报告历史",
        params: IdParams,
        response: withErrors({ 200: Type.Object({ reports: Type.Array(AnyObject) }) }),
      },
    },
    async (request) => ({ reports: await reportHistory(deps.db, actorOf(request), request.params.id) }),
  );
}
