import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_MANAGERS } from "../auth/actor.js";
import { badRequest } from "../errors.js";
import { readUpload } from "../files/upload.js";
import { AnyObject, IdParams, Nullable, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { runStatusEngine } from "../status/status.service.js";
import { clockOf } from "../supervision/deps.js";
import { planTasksRoutes } from "./plan-tasks.routes.js";
import * as plans from "./plans.service.js";
import { planUnits, publishPlan, setUnitMappings } from "./publish.service.js";

const Cadence = Type.Union([
  Type.Literal("monthly"),
  Type.Literal("quarterly"),
  Type.Literal("half_year"),
  Type.Literal("yearly"),
]);
const TaskParams = Type.Object({ id: Type.String({ maxLength: 64 }), taskId: Type.String({ maxLength: 64 }) });
export const Deadline = Type.Object({
  text: Type.String({ maxLength: 200 }),
  date: Nullable(Type.String({ format: "date" })),
  kind: Type.Union([Type.Literal("by"), Type.Literal("throughout")]),
});
export const Target = Type.Object({
  text: Type.String({ maxLength: 500 }),
  subject: Type.String({ maxLength: 200 }),
  op: Type.Union([
    Type.Literal(">="),
    Type.Literal("<="),
    Type.Literal("range"),
    Type.Literal("increase_by"),
    Type.Literal("decrease_by"),
  ]),
  value: Nullable(Type.Number()),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  unit: Type.String({ maxLength: 20 }),
  baseline: Type.Optional(Nullable(Type.Number())),
});
export const Strings = (max: number) => Type.Array(Type.String({ minLength: 1, maxLength: max }), { maxItems: 200 });

/** A draft task's fields as a client sends them: all to add a task, any of them to correct one. */
export const TaskFields = Type.Object(
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
);
const UploadQuery = Type.Object({ apply: Type.Boolean({ default: false }) });
const manage = { auth: PLAN_MANAGERS };
const read = { auth: ALL_ROLES };
const tags = ["plans"];

const uploadFields = (fields: Record<string, string>) => {
  const year = fields.year ? Number(fields.year) : undefined;
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100))
    throw badRequest("VALIDATION_FAILED", { field: "year" });
  const cadence = fields.cadence;
  if (cadence !== undefined && !["monthly", "quarterly", "half_year", "yearly"].includes(cadence))
    throw badRequest("VALIDATION_FAILED", { field: "cadence" });
  return { year, cadence: cadence as plans.ImportInput["cadence"] };
};

export function plansRoutes(app: App, deps: AppDeps): void {
  const { db, work } = deps;
  planTasksRoutes(app, deps);

  app.get(
    "/api/plans",
    {
      config: read,
      schema: {
        tags,
        summary: "工作计划列表",
        response: withErrors({ 200: Type.Object({ plans: Type.Array(AnyObject) }) }),
      },
    },
    async (request) => ({
      plans: await plans.listReadablePlans(db, actorOf(request)),
    }),
  );

  app.post(
    "/api/plans",
    {
      config: manage,
      schema: {
        tags,
        summary: "上传计划文件（multipart：file，可选 year、cadence、orgId），解析为草稿",
        consumes: ["multipart/form-data"],
        response: withErrors({
          201: Type.Object({ plans: Type.Array(AnyObject) }),
          413: AnyObject,
          415: AnyObject,
          422: AnyObject,
        }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(request, { fileField: "file", fields: ["year", "cadence", "orgId"] });
      const created = await plans.importPlan(
        db,
        actor,
        {
          bytes: upload.bytes,
          filename: upload.filename,
          orgId: upload.fields.orgId ?? actor.orgId,
          ...uploadFields(upload.fields),
        },
        work,
      );
      return reply.status(201).send({ plans: created });
    },
  );

  app.get(
    "/api/plans/:id",
    {
      config: read,
      schema: {
        tags,
        summary: "计划详情（含任务、诊断）",
        params: IdParams,
        response: withErrors({ 200: Type.Object({ plan: AnyObject, tasks: Type.Array(AnyObject) }) }),
      },
    },
    async (request) => plans.planDetail(db, actorOf(request), request.params.id),
  );

  app.get(
    "/api/plans/:id/source",
    {
      config: read,
      schema: {
        tags,
        summary: "计划原文（任务定位用）",
        params: IdParams,
        response: withErrors({
          200: Type.Object({ text: Type.String(), filename: Nullable(Type.String()), format: Nullable(Type.String()) }),
        }),
      },
    },
    async (request) => plans.planSource(db, actorOf(request), request.params.id),
  );

  app.patch(
    "/api/plans/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "修改计划（标题、年度、填报周期）",
        params: IdParams,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
            year: Type.Optional(Nullable(Type.Integer({ minimum: 2000, maximum: 2100 }))),
            cadence: Type.Optional(Cadence),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ plan: AnyObject }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const plan = await plans.updatePlan(db, actor, request.params.id, request.body);
      // A published plan's year and cadence decide its deadlines and expected reports.
      if (plan.status === "published") await runStatusEngine(db, { now: clockOf(deps), regionIds: [plan.region_id] });
      return { plan };
    },
  );

  app.delete(
    "/api/plans/:id",
    {
      config: manage,
      schema: { tags, summary: "删除计划（软删除）", params: IdParams, response: withErrors({ 204: Type.Null() }) },
    },
    async (request, reply) => {
      await plans.deletePlan(db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    "/api/plans/:id/tasks/:taskId",
    {
      config: manage,
      schema: {
        tags,
        summary: "修改草稿任务",
        params: TaskParams,
        body: Type.Partial(TaskFields, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ task: AnyObject }) }),
      },
    },
    async (request) => ({
      task: await plans.updateTask(db, actorOf(request), request.params.id, request.params.taskId, request.body),
    }),
  );

  app.delete(
    "/api/plans/:id/tasks/:taskId",
    {
      config: manage,
      schema: {
        tags,
        summary: "删除草稿任务（软删除）",
        params: TaskParams,
        response: withErrors({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      await plans.deleteTask(db, actorOf(request), request.params.id, request.params.taskId);
      return reply.status(204).send(null);
    },
  );

  const UnitsReply = Type.Object({ units: Type.Array(AnyObject), unresolved: Type.Array(Type.String()) });

  app.get(
    "/api/plans/:id/units",
    {
      config: manage,
      schema: { tags, summary: "责任单位匹配情况", params: IdParams, response: withErrors({ 200: UnitsReply }) },
    },
    async (request) => planUnits(db, actorOf(request), request.params.id),
  );

  app.put(
    "/api/plans/:id/units",
    {
      config: manage,
      schema: {
        tags,
        summary: "手工映射或忽略未匹配单位",
        params: IdParams,
        body: Type.Object({
          mappings: Type.Array(
            Type.Object({
              unitName: Type.String({ minLength: 1, maxLength: 100 }),
              orgId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
              ignored: Type.Optional(Type.Boolean()),
            }),
            { minItems: 1, maxItems: 500 },
          ),
        }),
        response: withErrors({ 200: UnitsReply }),
      },
    },
    async (request) => setUnitMappings(db, actorOf(request), request.params.id, request.body.mappings),
  );

  app.post(
    "/api/plans/:id/publish",
    {
      config: manage,
      schema: {
        tags,
        summary: "发布计划（生成分工、节点、指标）",
        params: IdParams,
        response: withErrors({ 200: AnyObject }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const published = await publishPlan(db, actor, request.params.id);
      // The new plan's statuses right away (the whole region's, as today's first run may be this one).
      await runStatusEngine(db, { now: clockOf(deps), regionIds: [published.plan.region_id], actorId: actor.userId });
      return published;
    },
  );

  app.post(
    "/api/plans/:id/reimport",
    {
      config: manage,
      schema: {
        tags,
        summary: "导入修订稿并比较差异（apply=true 时更新草稿）",
        params: IdParams,
        querystring: UploadQuery,
        consumes: ["multipart/form-data"],
        response: withErrors({ 200: AnyObject, 413: AnyObject, 415: AnyObject, 422: AnyObject }),
      },
    },
    async (request) => {
      const upload = await readUpload(request, { fileField: "file", fields: [] });
      return plans.reimportPlan(
        db,
        actorOf(request),
        request.params.id,
        { bytes: upload.bytes, filename: upload.filename, apply: request.query.apply },
        work,
      );
    },
  );
}
