import {
  AidChecks,
  AidChecksQuery,
  AidCorrection,
  AidIdentificationStep,
  AidQuery,
  AidRecord,
  DropoutCaseDetail,
  DropoutCases,
  DropoutConfig,
  DropoutCorrection,
  DropoutQuery,
  DropoutStep,
  HazardIndicators,
  HazardIndicatorsQuery,
  HazardReveal,
  NewAidIdentification,
  NewAidPayment,
  NewDropoutCase,
} from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import { ALL_ROLES } from "../auth/actor.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import {
  aidCheckList,
  correctAid,
  listAid,
  recordIdentification,
  recordPayment,
  stepIdentification,
} from "./aid.service.js";
import { refreshingBound } from "./binding-refresh.js";
import {
  caseDetail,
  correctCase,
  dropoutConfig,
  dropoutIndicators,
  listCases,
  recordCase,
  revealCase,
  saveDropoutConfig,
  stepCase,
} from "./dropout.service.js";
import { LEDGER_ASSIGNERS, LEDGER_WRITERS } from "./ledger-access.js";

const tags = ["ledgers"];
const OneCase = (status: number) => withErrors({ [status]: Type.Object({ case: DropoutCaseDetail }) });
const OneAid = (status: number) => withErrors({ [status]: Type.Object({ record: AidRecord }) });
const schema = <T extends Record<string, unknown>>(summary: string, parts: T) => ({
  tags,
  summary,
  ...parts,
});

/** 控辍保学 (cases, 劝返, 动态清零) and 学生资助 (认定, 发放, 应助尽助 checks) — issue 18. */
export function dropoutRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);
  const refreshed = refreshingBound(deps.db, now);
  const changed = <T>(request: FastifyRequest, answer: T) => refreshed(actorOf(request), answer);

  app.post(
    "/api/ledgers/dropout-cases",
    {
      config: { auth: LEDGER_WRITERS },
      schema: schema("登记控辍保学案例（学校登记本校学生）", { body: NewDropoutCase, response: OneCase(201) }),
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ case: await changed(request, await recordCase(deps.db, actorOf(request), request.body, now)) }),
  );

  app.get(
    "/api/ledgers/dropout-cases",
    {
      config: { auth: ALL_ROLES },
      schema: schema("控辍保学案例（学校：本校；教育局：已上报的案例和各校数量）", {
        querystring: DropoutQuery,
        response: withErrors({ 200: DropoutCases }),
      }),
    },
    async (request) => listCases(deps.db, actorOf(request), request.query),
  );

  app.get(
    "/api/ledgers/dropout-cases/:id",
    {
      config: { auth: ALL_ROLES },
      schema: schema("控辍保学案例详情、劝返记录与全部处理记录", { params: IdParams, response: OneCase(200) }),
    },
    async (request) => ({ case: await caseDetail(deps.db, actorOf(request), request.params.id) }),
  );

  app.post(
    "/api/ledgers/dropout-cases/:id/steps",
    {
      config: { auth: LEDGER_WRITERS },
      schema: schema("确认辍学、劝返、确认返校、风险解除、其他安置或上报教育局", {
        params: IdParams,
        body: DropoutStep,
        response: OneCase(200),
      }),
    },
    async (request) => ({
      case: await changed(request, await stepCase(deps.db, actorOf(request), request.params.id, request.body, now)),
    }),
  );

  app.post(
    "/api/ledgers/dropout-cases/:id/reveal",
    {
      config: { auth: LEDGER_WRITERS },
      schema: schema("查看案例中学生和监护人的完整信息（记入审计）", {
        params: IdParams,
        response: withErrors({ 200: HazardReveal }),
      }),
    },
    async (request) => revealCase(deps.db, actorOf(request), request.params.id),
  );

  app.get(
    "/api/ledgers/dropout-indicators",
    {
      config: { auth: ALL_ROLES },
      schema: schema("辍学学生数（动态清零）、劝返率、资助覆盖率（任一日期）", {
        querystring: HazardIndicatorsQuery,
        response: withErrors({ 200: HazardIndicators }),
      }),
    },
    async (request) => dropoutIndicators(deps.db, actorOf(request), request.query, now),
  );

  app.get(
    "/api/ledgers/dropout-config",
    {
      config: { auth: ALL_ROLES },
      schema: schema("控辍保学与资助设置：确认返校天数、各学年资助标准", {
        response: withErrors({ 200: DropoutConfig }),
      }),
    },
    async (request) => dropoutConfig(deps.db, actorOf(request).regionId),
  );

  app.put(
    "/api/ledgers/dropout-config",
    {
      config: { auth: LEDGER_ASSIGNERS },
      schema: schema("修改控辍保学与资助设置", { body: DropoutConfig, response: withErrors({ 200: DropoutConfig }) }),
    },
    async (request) => saveDropoutConfig(deps.db, actorOf(request), request.body, now),
  );

  app.post(
    "/api/ledgers/aid-identifications",
    {
      config: { auth: LEDGER_WRITERS },
      schema: schema("登记家庭经济困难学生认定申请（附证明材料）", {
        body: NewAidIdentification,
        response: OneAid(201),
      }),
    },
    async (request, reply) =>
      reply.status(201).send({
        record: await changed(request, await recordIdentification(deps.db, actorOf(request), request.body, now)),
      }),
  );

  app.get(
    "/api/ledgers/aid-identifications",
    {
      config: { auth: ALL_ROLES },
      schema: schema("家庭经济困难学生认定台账", {
        querystring: AidQuery,
        response: withErrors({ 200: Type.Object({ records: Type.Array(AidRecord) }) }),
      }),
    },
    async (request) => ({ records: await listAid(deps.db, actorOf(request), "identification", request.query) }),
  );

  app.post(
    "/api/ledgers/aid-identifications/:id/steps",
    {
      config: { auth: LEDGER_WRITERS },
      schema: schema("认定通过，或认定不通过（取消认定）", {
        params: IdParams,
        body: AidIdentificationStep,
        response: OneAid(200),
      }),
    },
    async (request) => ({
      record: await changed(
        request,
        await stepIdentification(deps.db, actorOf(request), request.params.id, request.body, now),
      ),
    }),
  );

  app.post(
    "/api/ledgers/aid-payments",
    {
      config: { auth: LEDGER_WRITERS },
      schema: schema("登记资助发放（金额默认按本县标准）", { body: NewAidPayment, response: OneAid(201) }),
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ record: await changed(request, await recordPayment(deps.db, actorOf(request), request.body, now)) }),
  );

  app.get(
    "/api/ledgers/aid-payments",
    {
      config: { auth: ALL_ROLES },
      schema: schema("资助发放台账", {
        querystring: AidQuery,
        response: withErrors({ 200: Type.Object({ records: Type.Array(AidRecord) }) }),
      }),
    },
    async (request) => ({ records: await listAid(deps.db, actorOf(request), "payment", request.query) }),
  );

  app.get(
    "/api/ledgers/aid-checks",
    {
      // Opened by the bureau again and again: kept until a write (the day asked defaults to today).
      config: { auth: ALL_ROLES, cache: true },
      schema: schema("应助尽助核查：应助未助、重复资助、未认定获资助（按学校）", {
        querystring: AidChecksQuery,
        response: withErrors({ 200: AidChecks }),
      }),
    },
    async (request) => aidCheckList(deps.db, actorOf(request), request.query, now),
  );

  app.post(
    "/api/ledgers/dropout-cases/:id/corrections",
    {
      config: { auth: LEDGER_WRITERS },
      schema: schema("更正案例中的错误登记（须说明理由；作为新的处理记录保留，原记录不删除）", {
        params: IdParams,
        body: DropoutCorrection,
        response: OneCase(200),
      }),
    },
    async (request) => ({
      case: await changed(request, await correctCase(deps.db, actorOf(request), request.params.id, request.body, now)),
    }),
  );

  for (const kind of ["identification", "payment"] as const)
    app.post(
      `/api/ledgers/aid-${kind === "identification" ? "identifications" : "payments"}/:id/corrections`,
      {
        config: { auth: LEDGER_WRITERS },
        schema: schema(
          `更正${kind === "identification" ? "认定" : "发放"}记录中的错误登记（须说明理由，原记录不删除）`,
          {
            params: IdParams,
            body: AidCorrection,
            response: OneAid(200),
          },
        ),
      },
      async (request) => ({
        record: await changed(
          request,
          await correctAid(
            deps.db,
            actorOf(request),
            kind,
            (request.params as { id: string }).id,
            request.body as AidCorrection,
            now,
          ),
        ),
      }),
    );
}
