import { FileAnswer, HazardRiskRegister, HazardSummary, HazardSummaryQuery, QuarterQuery } from "@luoshi/contract";
import { ALL_ROLES } from "../auth/actor.js";
import { sendFile } from "../http/file-reply.js";
import { errors, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { hazardSummary, quarterlyReport, riskRegister } from "./hazard-bureau.js";
import { XLSX_TYPE } from "./ledger-xlsx.js";

const tags = ["ledgers"];

/**
 * The bureau's views of the hazard ledger: summary, risk register, quarterly table. The summary and
 * the register are cacheable reads (http/read-cache.ts: kept until a write commits).
 */
export function hazardBureauRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);

  app.get(
    "/api/ledgers/hazard-summary",
    {
      config: { auth: ALL_ROLES, cache: true },
      schema: {
        tags,
        summary: "隐患排查整治汇总：按学校、类别、等级、状态统计发现、销号、逾期、重大未销号和整改率，及按周趋势",
        querystring: HazardSummaryQuery,
        response: withErrors({ 200: HazardSummary }),
      },
    },
    async (request) => hazardSummary(deps.db, actorOf(request), request.query, now),
  );

  app.get(
    "/api/ledgers/hazard-risks",
    {
      config: { auth: ALL_ROLES, cache: true },
      schema: {
        tags,
        summary: "风险清单：未销号且已评估风险等级的隐患（按风险等级从高到低）",
        response: withErrors({ 200: HazardRiskRegister }),
      },
    },
    async (request) => riskRegister(deps.db, actorOf(request), now),
  );

  app.get(
    "/api/ledgers/hazard-quarterly",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "下载季度校园安全隐患统计表（Excel：分学校、分类别、风险清单）",
        querystring: QuarterQuery,
        response: { ...errors, 200: FileAnswer("季度隐患统计表", [XLSX_TYPE]) },
      },
    },
    async (request, reply) => {
      const file = await quarterlyReport(deps.db, actorOf(request), request.query, now);
      return sendFile(reply, XLSX_TYPE, file);
    },
  );
}
