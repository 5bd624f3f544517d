import { StatusBoard, StatusQuery, StatusRules, StatusRun, TrendDay } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { recordAudit } from "../audit/audit.repository.js";
import { ALL_ROLES, LEADERS_AND_MANAGERS, PLAN_MANAGERS } from "../auth/actor.js";
import { readerOf } from "../db/replica.js";
import { camelAll } from "../http/camel.js";
import { withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { hazardWarnings } from "../ledgers/hazard-warnings.js";
import { outbreakWarnings } from "../ledgers/outbreaks.service.js";
import { retestWarnings } from "../ledgers/screening/retest-warnings.js";
import { manageablePlan, readablePlan } from "../plans/plans.service.js";
import { todayInShanghai } from "../progress/periods.js";
import { clockOf } from "../supervision/deps.js";
import { addDays } from "./calendar.js";
import { DEFAULT_RULES, resolveRules } from "./rules.js";
import { findRules, upsertRules } from "./snapshots.repository.js";
import { runStatusEngine, statusTrend, warningsBoard } from "./status.service.js";

const Kind = Type.Union([Type.Literal("assignment"), Type.Literal("milestone"), Type.Literal("indicator")]);
const IsoDate = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
const PlanParams = Type.Object({ planId: Type.String({ minLength: 1, maxLength: 64 }) });
const Rules = Type.Object(
  {
    warnDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
    warnBelowPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    reportDueDay: Type.Optional(Type.Integer({ minimum: 1, maximum: 31 })),
    paceTolerance: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);

export function statusRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);
  app.post(
    "/api/supervision/status/run",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "立即计算任务状态（当天重复计算不产生变化）",
        response: withErrors({ 200: StatusRun }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return runStatusEngine(deps.db, { now, regionIds: actor.visibleOrgIds, actorId: actor.userId });
    },
  );

  app.get(
    "/api/supervision/status",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary:
          "预警看板：最新一天的任务、节点、指标状态，以及逾期或临近整改期限的隐患和未销号的重大隐患，以及未确认报告的传染病预警，以及逾期未复查的重点关注学生（按学校计数）",
        querystring: StatusQuery,
        response: withErrors({ 200: StatusBoard }),
      },
    },
    async (request) => {
      const today = todayInShanghai(now());
      const [board, hazards, outbreaks, retests] = await Promise.all([
        warningsBoard(readerOf(deps), actorOf(request), request.query, today),
        hazardWarnings(readerOf(deps), actorOf(request), request.query, today),
        outbreakWarnings(readerOf(deps), actorOf(request), request.query, now),
        retestWarnings(readerOf(deps), actorOf(request), request.query, today),
      ]);
      return { ...board, items: camelAll(board.items), hazards, outbreaks, retests };
    },
  );

  app.get(
    "/api/supervision/status/trend",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "状态趋势：每天各状态的数量",
        querystring: Type.Object({
          planId: Type.Optional(Type.String({ maxLength: 64 })),
          kind: Type.Optional(Kind),
          from: Type.Optional(IsoDate),
          to: Type.Optional(IsoDate),
        }),
        response: withErrors({ 200: Type.Object({ days: Type.Array(TrendDay) }) }),
      },
    },
    async (request) => {
      const today = todayInShanghai(now());
      const { from = addDays(today, -90), to = today, ...rest } = request.query;
      return { days: await statusTrend(readerOf(deps), actorOf(request), { ...rest, from, to }) };
    },
  );

  app.get(
    "/api/supervision/rules/:planId",
    {
      config: { auth: LEADERS_AND_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "计划的预警规则（未设置时为默认值）",
        params: PlanParams,
        response: withErrors({ 200: Type.Object({ rules: StatusRules, defaults: StatusRules }) }),
      },
    },
    async (request) => {
      const plan = await readablePlan(deps.db, actorOf(request), request.params.planId);
      const row = await findRules(deps.db, plan.region_id, plan.id);
      return { rules: resolveRules(row?.rules), defaults: DEFAULT_RULES };
    },
  );

  app.put(
    "/api/supervision/rules/:planId",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "设置计划的预警规则",
        params: PlanParams,
        body: Rules,
        response: withErrors({ 200: Type.Object({ rules: StatusRules }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const plan = await manageablePlan(deps.db, actor, request.params.planId);
      const rules = resolveRules(request.body);
      await deps.db.transaction().execute(async (trx) => {
        const before = await findRules(trx, plan.region_id, plan.id);
        await upsertRules(trx, { region_id: plan.region_id, plan_id: plan.id, rules, updated_by: actor.userId });
        await recordAudit(trx, {
          regionId: plan.region_id,
          actorId: actor.userId,
          entity: "supervision_rules",
          entityId: plan.id,
          action: "update",
          before: before?.rules,
          after: rules,
        });
      });
      await runStatusEngine(deps.db, { now, regionIds: [plan.region_id], actorId: actor.userId });
      return { rules };
    },
  );
}
