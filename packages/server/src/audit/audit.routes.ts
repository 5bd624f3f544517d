import { AuditEvent, AuditFilter, AuditQuery, AuditVocabulary, FileAnswer } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { errors, withErrors } from "../http/schemas.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

import { attachment } from "../http/file-reply.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { auditTrail, auditVocabulary, auditWorkbook } from "./audit.service.js";

export function auditRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/audit",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["audit"],
        summary: "审计记录（仅管理员）：操作人、操作、对象以中文显示，可按类型、操作、操作人、日期筛选",
        querystring: AuditQuery,
        response: withErrors({ 200: Type.Object({ events: Type.Array(AuditEvent) }) }),
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      return { events: await auditTrail(deps.db, actorOf(request), filter, { limit, offset }) };
    },
  );

  app.get(
    "/api/audit/vocabulary",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["audit"],
        summary: "审计记录的对象类型与操作（筛选用）",
        response: withErrors({ 200: AuditVocabulary }),
      },
    },
    async () => auditVocabulary(),
  );

  app.get(
    "/api/audit/export",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["audit"],
        summary: "导出审计记录（Excel，按当前筛选）",
        querystring: AuditFilter,
        response: { ...errors, 200: FileAnswer("审计记录", [XLSX]) },
      },
    },
    async (request, reply) => {
      const bytes = await auditWorkbook(deps.db, actorOf(request), request.query);
      return reply.type(XLSX).header("content-disposition", attachment("审计记录.xlsx")).send(Buffer.from(bytes));
    },
  );
}
