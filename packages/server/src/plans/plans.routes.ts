import {
  CADENCES,
  type Cadence,
  ErrorBody,
  ImportedPlan,
  Plan,
  PlanDetail,
  PlanPatchBody,
  PlanSource,
  PlanSummary,
  PlanTask,
  PublishReply,
  ReimportReply,
  TaskPatchBody,
  UnitMappingsBody,
  UnitsReply,
} from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_MANAGERS } from "../auth/actor.js";
import { badRequest } from "../errors.js";
import { readUpload } from "../files/upload.js";
import { camel, camelAll } from "../http/camel.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { ReportRules } from "../progress/report-rules.js";
import { runStatusEngine } from "../status/status.service.js";
import { clockOf } from "../supervision/deps.js";
import { planTasksRoutes } from "./plan-tasks.routes.js";
import * as plans from "./plans.service.js";
import { planUnits, publishPlan, setUnitMappings } from "./publish.service.js";
import { publishingRoutes } from "./publishing.routes.js";

const TaskParams = Type.Object({ id: Type.String({ maxLength: 64 }), taskId: Type.String({ maxLength: 64 }) });
const UploadQuery = Type.Object({ apply: Type.Boolean({ default: false }) });
const manage = { auth: PLAN_MANAGERS };
const read = { auth: ALL_ROLES };
const tags = ["plans"];

const isCadence = (value: string): value is Cadence => (CADENCES as readonly string[]).includes(value);

const uploadFields = (fields: Record<string, string>) => {
  const year = fields.year ? Number(fields.year) : undefined;
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100))
    throw badRequest("VALIDATION_FAILED", { field: "year" });
  const cadence = fields.cadence;
  if (cadence !== undefined && !isCadence(cadence)) throw badRequest("VALIDATION_FAILED", { field: "cadence" });
  return { year, cadence };
};

export function plansRoutes(app: App, deps: AppDeps): void {
  const { db, work } = deps;
  planTasksRoutes(app, deps);
  publishingRoutes(app, deps);

  app.get(
    "/api/plans",
    {
      config: read,
      schema: {
        tags,
        summary: "工作计划列表",
        response: withErrors({ 200: Type.Object({ plans: Type.Array(PlanSummary) }) }),
      },
    },
    async (request) => ({
      plans: camelAll(await plans.listReadablePlans(db, actorOf(request))),
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
          201: Type.Object({ plans: Type.Array(ImportedPlan) }),
          413: ErrorBody,
          415: ErrorBody,
          422: ErrorBody,
        }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(request, {
        fileField: "file",
        fields: ["year", "cadence", "orgId"],
        maxBytes: deps.config.maxUploadBytes,
      });
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
      return reply.status(201).send({ plans: camelAll(created) });
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
        response: withErrors({ 200: PlanDetail }),
      },
    },
    async (request) => {
      const detail = await plans.planDetail(db, actorOf(request), request.params.id);
      return { plan: camel(detail.plan), tasks: camelAll(detail.tasks) };
    },
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
          200: PlanSource,
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
        summary: "修改计划（标题、年度、填报周期、填报要求）",
        params: IdParams,
        body: Type.Composite([PlanPatchBody, Type.Object({ reportRules: Type.Optional(ReportRules) })], {
          additionalProperties: false,
        }),
        response: withErrors({ 200: Type.Object({ plan: Plan }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const plan = await plans.updatePlan(db, actor, request.params.id, request.body);
      // A published plan's year and cadence decide its deadlines and expected reports.
      if (plan.status === "published") await runStatusEngine(db, { now: clockOf(deps), regionIds: [plan.region_id] });
      return { plan: camel(plan) };
    },
  );

  app.delete(
    "/api/plans/:id",
    {
      config: manage,
      schema: {
        tags,
        summary: "删除草稿计划（软删除；已发布的计划只能撤回或归档）",
        params: IdParams,
        response: withErrors({ 204: Type.Null() }),
      },
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
        body: TaskPatchBody,
        response: withErrors({ 200: Type.Object({ task: PlanTask }) }),
      },
    },
    async (request) => ({
      task: camel(await plans.updateTask(db, actorOf(request), request.params.id, request.params.taskId, request.body)),
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
        body: UnitMappingsBody,
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
        summary: "发布计划（生成分工、节点、指标）；有任务缺责任单位或时限时须 acceptGaps=true 明确确认",
        params: IdParams,
        response: withErrors({ 200: PublishReply }),
      },
    },
    // The body is optional (no body publishes a plan without gaps), so it is read, not declared.
    async (request) => {
      const actor = actorOf(request);
      const acceptGaps = (request.body as { acceptGaps?: unknown } | null | undefined)?.acceptGaps === true;
      const published = await publishPlan(db, actor, request.params.id, undefined, acceptGaps);
      // The new plan's statuses right away (the whole region's, as today's first run may be this one).
      await runStatusEngine(db, { now: clockOf(deps), regionIds: [published.plan.region_id], actorId: actor.userId });
      return { ...published, plan: camel(published.plan) };
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
        response: withErrors({ 200: ReimportReply, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody }),
      },
    },
    async (request) => {
      const upload = await readUpload(request, { fileField: "file", fields: [], maxBytes: deps.config.maxUploadBytes });
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
