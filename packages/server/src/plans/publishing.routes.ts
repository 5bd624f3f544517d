import { BatchAssignment, GapReport, Plan, PlanTask, TargetInput as Target } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { PLAN_MANAGERS } from "../auth/actor.js";
import { camel, camelAll } from "../http/camel.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { runStatusEngine } from "../status/status.service.js";
import { clockOf } from "../supervision/deps.js";
import { editIndicators, endPlan } from "./plan-lifecycle.service.js";
import { planGaps } from "./publish.service.js";
import { assignTasks } from "./task-assignment.service.js";

const TaskParams = Type.Object({ id: Type.String({ maxLength: 64 }), taskId: Type.String({ maxLength: 64 }) });
const PlanReply = Type.Object({ plan: Plan });
const manage = { auth: PLAN_MANAGERS };
const tags = ["plans"];

/**
 * Safe publishing: a plan's gaps, batch assignment before and after publishing, indicator edits
 * on a published plan, withdrawal and archiving.
 */
export function publishingRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  const now = clockOf(deps);
  /** Statuses follow a published plan's changed units, deadlines, indicators or withdrawal at once. */
  const restatus = async (request: FastifyRequest, plan: { region_id: string; status: string }) => {
    if (plan.status === "draft") return;
    await runStatusEngine(db, { now: clockOf(deps), regionIds: [plan.region_id], actorId: actorOf(request).userId });
  };

  app.get(
    "/api/plans/:id/gaps",
    {
      config: manage,
      schema: {
        tags,
        summary: "缺少责任单位、完成时限或指标的任务（含计数；已发布计划即“待分配”清单）",
        params: IdParams,
        response: withErrors({ 200: GapReport }),
      },
    },
    async (request) => planGaps(db, actorOf(request), request.params.id),
  );

  app.post(
    "/api/plans/:id/tasks/assign",
    {
      config: manage,
      schema: {
        tags,
        summary: "批量分配：为所选任务设置牵头/配合单位、完成时限、填报周期（发布前后均可）",
        params: IdParams,
        body: BatchAssignment,
        response: withErrors({ 200: Type.Object({ tasks: Type.Array(PlanTask) }) }),
      },
    },
    async (request) => {
      const { taskIds, ...change } = request.body;
      const result = await assignTasks(db, actorOf(request), request.params.id, taskIds, change, now);
      await restatus(request, result.plan);
      return { tasks: camelAll(result.tasks) };
    },
  );

  app.put(
    "/api/plans/:id/tasks/:taskId/indicators",
    {
      config: manage,
      schema: {
        tags,
        summary: "修改任务的指标（已发布计划亦可；按 id 更新，新增无 id，未列出的停用）",
        params: TaskParams,
        body: Type.Object(
          {
            indicators: Type.Array(
              Type.Composite([Target, Type.Object({ id: Type.Optional(Type.String({ maxLength: 64 })) })]),
              {
                maxItems: 50,
              },
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ task: PlanTask }) }),
      },
    },
    async (request) => {
      const result = await editIndicators(
        db,
        actorOf(request),
        request.params.id,
        request.params.taskId,
        request.body.indicators as Parameters<typeof editIndicators>[4],
        now,
      );
      await restatus(request, result.plan);
      return { task: camel(result.task) };
    },
  );

  app.post(
    "/api/plans/:id/withdraw",
    {
      config: manage,
      schema: {
        tags,
        summary: "撤回已发布的计划（须说明原因；不删除任何数据，单位不再看到和填报）",
        params: IdParams,
        body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) }, { additionalProperties: false }),
        response: withErrors({ 200: PlanReply }),
      },
    },
    async (request) => {
      const plan = await endPlan(db, actorOf(request), request.params.id, "withdrawn", request.body.reason.trim(), now);
      await restatus(request, plan);
      return { plan: camel(plan) };
    },
  );

  app.post(
    "/api/plans/:id/archive",
    {
      config: manage,
      schema: {
        tags,
        summary: "归档计划（已发布或已撤回的计划；只读保留）",
        params: IdParams,
        body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }),
        response: withErrors({ 200: PlanReply }),
      },
    },
    async (request) => {
      const plan = await endPlan(
        db,
        actorOf(request),
        request.params.id,
        "archived",
        request.body.reason?.trim() || null,
        now,
      );
      await restatus(request, plan);
      return { plan: camel(plan) };
    },
  );
}
