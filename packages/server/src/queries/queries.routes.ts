import { Indicator, TasksQuery, TasksReply, UnitCompletion } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { ALL_ROLES } from "../auth/actor.js";
import { readerOf } from "../db/replica.js";
import { dependsOnPlans, dependsOnTasks } from "../http/read-cache.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { todayInShanghai } from "../progress/periods.js";
import { clockOf } from "../supervision/deps.js";
import { OwnTaskRows } from "./own-task-rows.js";
import { presentTask } from "./present.js";
import { findTasks, indicatorAttainment, type TaskFilter, unitCompletion } from "./queries.service.js";

/** Reads of derived views, served from the read cache while the data stands still. */
const read = { auth: ALL_ROLES, cache: true };
const tags = ["queries"];
export function queriesRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  const today = () => todayInShanghai(clockOf(deps)());
  // A unit's own list is kept row by row where answers are cached (own-task-rows.ts).
  const ownRows = deps.config.readCache ? OwnTaskRows.of(db) : undefined;
  /** A task list, cached per the plans it was drawn from (a unit's own list: per its tasks). */
  const tasksOf = async (request: FastifyRequest, filter: TaskFilter) => {
    const plans = new Set<string>();
    const tasks = await findTasks(db, actorOf(request), filter, { drawnFrom: plans, today: today(), ownRows });
    if (filter.mine) dependsOnTasks(request, tasks);
    else dependsOnPlans(request, plans);
    return tasks.map(presentTask);
  };

  app.get(
    "/api/tasks",
    {
      config: read,
      schema: {
        tags,
        summary: "任务查询（按计划、部分、单位、填报状态、预警状态、时限）",
        querystring: TasksQuery,
        response: withErrors({ 200: TasksReply }),
      },
    },
    async (request) => ({ tasks: await tasksOf(request, request.query) }),
  );

  app.get(
    "/api/tasks/mine",
    {
      config: read,
      schema: { tags, summary: "我的任务（分派给本单位及下级）", response: withErrors({ 200: TasksReply }) },
    },
    async (request) => ({ tasks: await tasksOf(request, { mine: true }) }),
  );

  app.get(
    "/api/tasks/overdue",
    { config: read, schema: { tags, summary: "逾期任务", response: withErrors({ 200: TasksReply }) } },
    async (request) => ({ tasks: await tasksOf(request, { overdue: true }) }),
  );

  app.get(
    "/api/plans/:id/indicators",
    {
      config: read,
      schema: {
        tags,
        summary: "指标达成情况",
        params: IdParams,
        response: withErrors({ 200: Type.Object({ indicators: Type.Array(Indicator) }) }),
      },
    },
    async (request) => {
      dependsOnPlans(request, [request.params.id]);
      return { indicators: await indicatorAttainment(readerOf(deps), actorOf(request), request.params.id, today()) };
    },
  );

  app.get(
    "/api/plans/:id/completion",
    {
      config: read,
      schema: {
        tags,
        summary: "各单位完成情况",
        params: IdParams,
        response: withErrors({ 200: Type.Object({ units: Type.Array(UnitCompletion) }) }),
      },
    },
    async (request) => {
      dependsOnPlans(request, [request.params.id]);
      return { units: await unitCompletion(readerOf(deps), actorOf(request), request.params.id, today()) };
    },
  );
}
