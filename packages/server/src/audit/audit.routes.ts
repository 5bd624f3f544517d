import { Type } from "@sinclair/typebox";
import { AnyObject, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { listAudit } from "./audit.repository.js";

export function auditRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/audit",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["audit"],
        summary: "审计记录（仅管理员）",
        querystring: Type.Object({
          entity: Type.Optional(Type.String({ maxLength: 40 })),
          entityId: Type.Optional(Type.String({ maxLength: 64 })),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: withErrors({ 200: Type.Object({ events: Type.Array(AnyObject) }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // Region ids are the ids of region-owning orgs; the ones the admin reaches are theirs.
      const events = await listAudit(deps.db, { regionIds: actor.visibleOrgIds, ...request.query });
      return { events };
    },
  );
}
