import { Type } from "@sinclair/typebox";
import { Nullable, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { auditTrail, auditVocabulary, auditWorkbook } from "./audit.service.js";

const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
const Filter = {
  entity: Type.Optional(Type.String({ maxLength: 40 })),
  entityId: Type.Optional(Type.String({ maxLength: 200 })),
  action: Type.Optional(Type.String({ maxLength: 40 })),
  actorId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
};

const Entry = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actorId: Nullable(Type.String()),
  actorName: Type.String(),
  entity: Type.String(),
  entityLabel: Type.String(),
  entityId: Type.String(),
  objectTitle: Nullable(Type.String()),
  action: Type.String(),
  actionLabel: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
});

const Coded = Type.Array(Type.Object({ code: Type.String(), label: Type.String() }));

export function auditRoutes(app: App, deps: AppDeps): void {
  app.get(
    "/api/audit",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["audit"],
        summary: "审计记录（仅管理员）：操作人、操作、对象以中文显示，可按类型、操作、操作人、日期筛选",
        querystring: Type.Object({
          ...Filter,
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: withErrors({ 200: Type.Object({ events: Type.Array(Entry) }) }),
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
        response: withErrors({ 200: Type.Object({ entities: Coded, actions: Coded }) }),
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
        querystring: Type.Object(Filter),
      },
    },
    async (request, reply) => {
      const bytes = await auditWorkbook(deps.db, actorOf(request), request.query);
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent("审计记录.xlsx")}`)
        .send(Buffer.from(bytes));
    },
  );
}
