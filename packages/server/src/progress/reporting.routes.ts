import { MyReporting, TaskPeriods } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES } from "../auth/actor.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { myReporting, taskPeriods } from "./reporting.service.js";

const tags = ["progress"];

export function reportingRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/tasks/:id/periods",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "可填报的周期（本年度截至当前，不含未来周期），及各周期是否已报",
        params: IdParams,
        querystring: Type.Object({ orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }),
        response: withErrors({ 200: TaskPeriods }),
      },
    },
    async (request) => taskPeriods(deps.db, actorOf(request), request.params.id, request.query.orgId),
  );

  app.get(
    "/api/tasks/mine/reporting",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "我的任务本期（本月/本季度…）已报、未报",
        response: withErrors({ 200: MyReporting }),
      },
    },
    async (request) => myReporting(deps.db, actorOf(request)),
  );
}
