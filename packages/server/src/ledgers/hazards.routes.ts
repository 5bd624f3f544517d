import {
  Hazard,
  HazardConfig,
  HazardCorrection,
  HazardDetail,
  HazardIndicators,
  HazardIndicatorsQuery,
  HazardQuery,
  HazardReveal,
  HazardStep,
  NewRound,
  Round,
  RoundQuery,
  RoundRecorded,
} from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { ALL_ROLES } from "../auth/actor.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { refreshingBound } from "./binding-refresh.js";
import {
  correctHazard,
  hazardConfig,
  hazardDetail,
  hazardIndicators,
  listHazards,
  listRounds,
  recordRound,
  revealHazard,
  saveHazardConfig,
  stepHazard,
} from "./hazards.service.js";
import { LEDGER_ASSIGNERS, LEDGER_WRITERS } from "./ledger-access.js";
import type { Fields } from "./ledger-type.js";

const tags = ["ledgers"];
const OneHazard = withErrors({ 200: Type.Object({ hazard: HazardDetail }) });

/** The campus safety hazard ledger (台账 · 校园安全隐患): rounds, hazards, the loop, indicators, settings. */
export function hazardsRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);
  const refreshed = refreshingBound(deps.db, now);
  const changed = <T>(request: FastifyRequest, answer: T) => refreshed(actorOf(request), answer);

  app.post(
    "/api/ledgers/rounds",
    {
      config: { auth: LEDGER_WRITERS },
      schema: {
        tags,
        summary: "登记一次安全排查（含发现的隐患；未发现隐患即零报告）",
        body: NewRound,
        response: withErrors({ 201: RoundRecorded }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await changed(request, await recordRound(deps.db, actorOf(request), request.body, now))),
  );

  app.get(
    "/api/ledgers/rounds",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "安全排查记录",
        querystring: RoundQuery,
        response: withErrors({ 200: Type.Object({ rounds: Type.Array(Round) }) }),
      },
    },
    async (request) => ({ rounds: await listRounds(deps.db, actorOf(request), request.query) }),
  );

  app.get(
    "/api/ledgers/hazards",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "隐患台账（按学校、类别、等级、状态、逾期、发现日期筛选）",
        querystring: HazardQuery,
        response: withErrors({ 200: Type.Object({ hazards: Type.Array(Hazard) }) }),
      },
    },
    async (request) => ({ hazards: await listHazards(deps.db, actorOf(request), request.query, now) }),
  );

  app.get(
    "/api/ledgers/hazards/:id",
    {
      config: { auth: ALL_ROLES },
      schema: { tags, summary: "隐患详情与全部处理记录", params: IdParams, response: OneHazard },
    },
    async (request) => ({ hazard: await hazardDetail(deps.db, actorOf(request), request.params.id, now) }),
  );

  app.post(
    "/api/ledgers/hazards/:id/steps",
    {
      config: { auth: LEDGER_WRITERS },
      schema: {
        tags,
        summary: "隐患闭环：下达整改、提交整改、复查通过（销号）或复查未通过（退回整改）",
        params: IdParams,
        body: HazardStep,
        response: OneHazard,
      },
    },
    async (request) => ({
      hazard: await changed(request, await stepHazard(deps.db, actorOf(request), request.params.id, request.body, now)),
    }),
  );

  app.patch(
    "/api/ledgers/hazards/:id",
    {
      config: { auth: LEDGER_WRITERS },
      schema: {
        tags,
        summary: "更正隐患记录（作为新的处理记录保存，原记录不删除）",
        params: IdParams,
        body: HazardCorrection,
        response: OneHazard,
      },
    },
    async (request) => ({
      hazard: await changed(
        request,
        await correctHazard(
          deps.db,
          actorOf(request),
          request.params.id,
          { fields: request.body.fields as Fields, note: request.body.note },
          now,
        ),
      ),
    }),
  );

  app.post(
    "/api/ledgers/hazards/:id/reveal",
    {
      config: { auth: LEDGER_WRITERS },
      schema: {
        tags,
        summary: "查看隐患记录中的完整个人信息（记入审计）",
        params: IdParams,
        response: withErrors({ 200: HazardReveal }),
      },
    },
    async (request) => revealHazard(deps.db, actorOf(request), request.params.id),
  );

  app.get(
    "/api/ledgers/hazard-indicators",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "隐患整改率与重大隐患未销号数（任一日期）",
        querystring: HazardIndicatorsQuery,
        response: withErrors({ 200: HazardIndicators }),
      },
    },
    async (request) => hazardIndicators(deps.db, actorOf(request), request.query, now),
  );

  app.get(
    "/api/ledgers/hazard-config",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "隐患台账设置：各等级默认整改期限、各类别排查清单",
        response: withErrors({ 200: HazardConfig }),
      },
    },
    async (request) => hazardConfig(deps.db, actorOf(request).regionId),
  );

  app.put(
    "/api/ledgers/hazard-config",
    {
      config: { auth: LEDGER_ASSIGNERS },
      schema: { tags, summary: "修改隐患台账设置", body: HazardConfig, response: withErrors({ 200: HazardConfig }) },
    },
    async (request) => saveHazardConfig(deps.db, actorOf(request), request.body, now),
  );
}
