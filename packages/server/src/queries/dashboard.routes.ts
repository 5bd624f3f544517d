import { Dashboard, DashboardQuery } from "@luoshi/contract";
import { ALL_ROLES } from "../auth/actor.js";
import { readerOf } from "../db/replica.js";
import { dependsOnPlans } from "../http/read-cache.js";
import { withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { todayInShanghai } from "../progress/periods.js";
import { clockOf } from "../supervision/deps.js";
import { dashboard } from "./dashboard.service.js";

export function dashboardRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/dashboard",
    {
      config: { auth: ALL_ROLES, cache: true },
      schema: {
        tags: ["queries"],
        summary: "驾驶舱：按部分和单位的完成情况、预警、逾期、指标达成、月度趋势",
        querystring: DashboardQuery,
        response: withErrors({ 200: Dashboard }),
      },
    },
    async (request) => {
      // It draws one plan; the list of plans beside it changes only by writes that name no plan.
      const answer = await dashboard(
        readerOf(deps),
        actorOf(request),
        request.query.planId,
        todayInShanghai(clockOf(deps)()),
      );
      dependsOnPlans(request, answer.plan ? [answer.plan.id] : []);
      return answer;
    },
  );
}
