import { AuditEvent, AuditQuery } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { camelAll } from "../http/camel.js";
import { withErrors } from "../http/schemas.js";
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
        querystring: AuditQuery,
        response: withErrors({ 200: Type.Object({ events: Type.Array(AuditEvent) }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // Region ids are the ids of region-owning orgs; the ones the admin reaches are theirs.
      const events = await listAudit(deps.db, { regionIds: actor.visibleOrgIds, ...request.query });
      return { events: camelAll(events) };
    },
  );
}
