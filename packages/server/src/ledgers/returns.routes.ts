import {
  ChaseResult,
  ReturnSchedule,
  ReturnsDay,
  ReturnsDayQuery,
  ReturnsQuery,
  ReturnsReport,
  ReturnTypeQuery,
} from "@luoshi/contract";
import { ALL_ROLES } from "../auth/actor.js";
import { withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf, sendDepsOf } from "../supervision/deps.js";
import { LEDGER_ASSIGNERS } from "./ledger-access.js";
import { chaseOutbreaks } from "./outbreaks.service.js";
import { chaseReturns, returnSchedule, returnsDay, returnsReport, saveReturnSchedule } from "./returns.service.js";

const tags = ["ledgers"];

/** Periodic returns of any ledger type: completeness, timeliness, late and missing lists, chasing, schedule. */
export function returnsRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);

  app.get(
    "/api/ledgers/returns",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "定期报告的完整率与及时率（按学校汇总），以及逾期和未报送清单",
        querystring: ReturnsQuery,
        response: withErrors({ 200: ReturnsReport }),
      },
    },
    async (request) => returnsReport(deps.db, actorOf(request), request.query, now),
  );

  app.get(
    "/api/ledgers/returns/day",
    {
      // Read by the bureau all morning: kept until a write, or until its first pending return falls due.
      config: { auth: ALL_ROLES, cache: true },
      schema: {
        tags,
        summary:
          "某日各学校报送情况：已报、零报告、逾期、未报（晨午检另有因病缺课人数和症状）；指定学校时列出各班（单位）明细",
        querystring: ReturnsDayQuery,
        response: withErrors({ 200: ReturnsDay }),
      },
    },
    async (request) => {
      const { day, expires } = await returnsDay(deps.db, actorOf(request), request.query, now);
      if (expires !== undefined) request.readExpires = expires;
      return day;
    },
  );

  app.post(
    "/api/ledgers/returns/chase",
    {
      config: { auth: LEDGER_ASSIGNERS },
      schema: {
        tags,
        summary: "立即催报：今天已过截止时间仍未报送的单位（站内提醒和机器人）；晨午检另提醒未确认报告的传染病预警",
        body: ReturnTypeQuery,
        response: withErrors({ 200: ChaseResult }),
      },
    },
    async (request) => {
      const regionIds = [actorOf(request).regionId];
      const chased = await chaseReturns(deps.db, { ...sendDepsOf(deps), regionIds, types: [request.body.type] });
      if (request.body.type !== "health_check") return chased;
      return { ...chased, notifications: chased.notifications + (await chaseOutbreaks(deps.db, regionIds, now())) };
    },
  );

  app.get(
    "/api/ledgers/returns/schedule",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "报送周期、截止时间和校历（不上课日）",
        querystring: ReturnTypeQuery,
        response: withErrors({ 200: ReturnSchedule }),
      },
    },
    async (request) => returnSchedule(deps.db, actorOf(request).regionId, request.query.type),
  );

  app.put(
    "/api/ledgers/returns/schedule",
    {
      config: { auth: LEDGER_ASSIGNERS },
      schema: {
        tags,
        summary: "修改报送截止时间和校历",
        querystring: ReturnTypeQuery,
        body: ReturnSchedule,
        response: withErrors({ 200: ReturnSchedule }),
      },
    },
    async (request) => saveReturnSchedule(deps.db, actorOf(request), request.query.type, request.body, now),
  );
}
