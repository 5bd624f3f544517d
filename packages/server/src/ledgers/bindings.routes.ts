import { BindIndicator, LedgerBinding, Ok, PlanLedgerBindings } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { PLAN_MANAGERS } from "../auth/actor.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { refreshBoundTasks } from "./binding-refresh.js";
import { bindIndicator, planBindings, unbindIndicator } from "./bindings.service.js";

const tags = ["ledgers"];

/** Binding plan indicators to ledger metrics (隐患整改率, 重大隐患未销号数), confirmed by a person. */
export function bindingsRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);

  app.get(
    "/api/plans/:id/ledger-bindings",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags,
        summary: "计划指标与台账指标的绑定，以及按指标名称建议的绑定",
        params: IdParams,
        response: withErrors({ 200: PlanLedgerBindings }),
      },
    },
    async (request) => planBindings(deps.db, actorOf(request), request.params.id),
  );

  app.put(
    "/api/indicators/:id/ledger-binding",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags,
        summary: "确认绑定：该指标的实际值由台账计算",
        params: IdParams,
        body: BindIndicator,
        response: withErrors({ 200: Type.Object({ binding: LedgerBinding }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { binding, taskId } = await bindIndicator(deps.db, actor, request.params.id, request.body.metric, now);
      await refreshBoundTasks(deps.db, now, actor.regionId, actor.userId, [taskId]);
      return { binding };
    },
  );

  app.delete(
    "/api/indicators/:id/ledger-binding",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags,
        summary: "解除绑定：该指标恢复为填报的实际值",
        params: IdParams,
        response: withErrors({ 200: Ok }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { taskId } = await unbindIndicator(deps.db, actor, request.params.id, now);
      await refreshBoundTasks(deps.db, now, actor.regionId, actor.userId, [taskId]);
      return { ok: true };
    },
  );
}
