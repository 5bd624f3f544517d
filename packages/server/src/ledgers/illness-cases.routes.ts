import {
  ClassChecksQuery,
  IllnessCaseDetail,
  IllnessCaseReveal,
  IllnessCaseStep,
  IllnessCases,
  IllnessCasesQuery,
  NewIllnessCase,
  SchoolSummaries,
  SchoolSummary,
  SchoolSummaryBody,
} from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES } from "../auth/actor.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { schoolSummaries, submitSummary } from "./health-summary.service.js";
import {
  illnessCaseDetail,
  listIllnessCases,
  recordIllnessCase,
  revealIllnessCase,
  stepIllnessCase,
} from "./illness-cases.service.js";

const tags = ["ledgers"];
/** Cases are written and read by name inside the school only (班主任, 疫情报告人). */
const SCHOOL = ["school_reporter"] as const;
const OneCase = (status: number) => withErrors({ [status]: Type.Object({ case: IllnessCaseDetail }) });

/** Illness-absence cases to 复课 (台账 · 因病缺课追踪) and the school summaries of the class checks. */
export function illnessCaseRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);

  app.get(
    "/api/ledgers/health/summaries",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "学校晨午检汇总（由各班晨午检自动汇总；学校疫情报告人提交；教育局查看各校）",
        querystring: ClassChecksQuery,
        response: withErrors({ 200: SchoolSummaries }),
      },
    },
    async (request) => schoolSummaries(deps.db, actorOf(request), request.query, now),
  );

  app.post(
    "/api/ledgers/health/summaries",
    {
      config: { auth: SCHOOL },
      schema: {
        tags,
        summary: "提交学校汇总（一键，按当时各班报送自动生成；再次提交为更正）",
        body: SchoolSummaryBody,
        response: withErrors({ 201: SchoolSummary }),
      },
    },
    async (request, reply) => reply.status(201).send(await submitSummary(deps.db, actorOf(request), request.body, now)),
  );

  app.get(
    "/api/ledgers/health/cases",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "因病缺课追踪（班主任：本班；学校疫情报告人：全校；教育局：各校人数）",
        querystring: IllnessCasesQuery,
        response: withErrors({ 200: IllnessCases }),
      },
    },
    async (request) => listIllnessCases(deps.db, actorOf(request), request.query, now),
  );

  app.post(
    "/api/ledgers/health/cases",
    {
      config: { auth: SCHOOL },
      schema: {
        tags,
        summary: "登记因病缺课学生（发病日期、症状、就诊）",
        body: NewIllnessCase,
        response: OneCase(201),
      },
    },
    async (request, reply) =>
      reply.status(201).send({ case: await recordIllnessCase(deps.db, actorOf(request), request.body, now) }),
  );

  app.get(
    "/api/ledgers/health/cases/:id",
    {
      config: { auth: SCHOOL },
      schema: { tags, summary: "因病缺课追踪详情与全部处理记录", params: IdParams, response: OneCase(200) },
    },
    async (request) => ({ case: await illnessCaseDetail(deps.db, actorOf(request), request.params.id, now) }),
  );

  app.post(
    "/api/ledgers/health/cases/:id/steps",
    {
      config: { auth: SCHOOL },
      schema: {
        tags,
        summary: "随访、申请复课（附复课证明）、校医查验复课证明并复课或退回",
        params: IdParams,
        body: IllnessCaseStep,
        response: OneCase(200),
      },
    },
    async (request) => ({
      case: await stepIllnessCase(deps.db, actorOf(request), request.params.id, request.body, now),
    }),
  );

  app.post(
    "/api/ledgers/health/cases/:id/reveal",
    {
      config: { auth: SCHOOL },
      schema: {
        tags,
        summary: "查看因病缺课学生完整姓名（记入审计）",
        params: IdParams,
        response: withErrors({ 200: IllnessCaseReveal }),
      },
    },
    async (request) => revealIllnessCase(deps.db, actorOf(request), request.params.id),
  );
}
