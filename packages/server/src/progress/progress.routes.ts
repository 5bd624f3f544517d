import { Report, ReportBody, SavedReport } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES, REPORTERS } from "../auth/actor.js";
import { camel } from "../http/camel.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { StatusRefreshQueue } from "../status/refresh-queue.js";
import { clockOf } from "../supervision/deps.js";
import { presentReport } from "./present.js";
import { reportHistory, submitReport } from "./progress.service.js";
import { reportingRoutes } from "./reporting.routes.js";

export function progressRoutes(app: App, deps: AppDeps): void {
  reportingRoutes(app, deps);
  const now = clockOf(deps);
  const statuses = new StatusRefreshQueue(deps.db, now);
  app.post(
    "/api/tasks/:id/reports",
    {
      config: { auth: REPORTERS },
      schema: {
        tags: ["progress"],
        summary: "提交进度报告（每任务每周期一份，重复提交为更新）",
        params: IdParams,
        body: ReportBody,
        response: withErrors({ 201: Type.Object({ report: SavedReport }) }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // With the statuses of this task's assignment of the reporting unit (and the task's
      // milestones and indicators) refreshed before answering (the board, the dashboard and my
      // tasks read them), batched with the other reports' refreshes: on PGlite in the
      // transaction that files the reports.
      const report = await submitReport(deps.db, actor, request.params.id, request.body, now(), statuses);
      return reply.status(201).send({ report: camel(report) });
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
        response: withErrors({ 200: Type.Object({ reports: Type.Array(Report) }) }),
      },
    },
    async (request) => ({
      reports: (await reportHistory(deps.db, actorOf(request), request.params.id)).map(presentReport),
    }),
  );
}
