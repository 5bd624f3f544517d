import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_MANAGERS, REPORTERS } from "../auth/actor.js";
import { AnyObject, IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { noticeDocx } from "./notice-document.js";
import {
  closeNotice,
  escalateNotice,
  issueNotice,
  listNotices,
  noticeDetail,
  replyToNotice,
} from "./notices.service.js";

const IsoDate = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const One = withErrors({ 200: Type.Object({ notice: AnyObject }) });

export function noticesRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);
  app.post(
    "/api/supervision/notices",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "签发督办单",
        body: Type.Object(
          {
            taskId: Type.String({ minLength: 1, maxLength: 64 }),
            orgId: Type.String({ minLength: 1, maxLength: 64 }),
            reason: Text(2000),
            requirement: Text(4000),
            replyDue: IsoDate,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Type.Object({ notice: AnyObject }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({ notice: await issueNotice(deps.db, actorOf(request), request.body, now) }),
  );

  app.get(
    "/api/supervision/notices",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "督办单列表：收件箱（发给本单位的）或发件箱（本局签发的）",
        querystring: Type.Object({
          box: Type.Union([Type.Literal("inbox"), Type.Literal("outbox")], { default: "inbox" }),
          status: Type.Optional(Type.String({ maxLength: 20 })),
        }),
        response: withErrors({ 200: Type.Object({ notices: Type.Array(AnyObject) }) }),
      },
    },
    async (request) => ({
      notices: await listNotices(deps.db, actorOf(request), request.query.box, request.query.status),
    }),
  );

  app.get(
    "/api/supervision/notices/:id",
    {
      config: { auth: ALL_ROLES },
      schema: { tags: ["supervision"], summary: "督办单详情与反馈记录", params: IdParams, response: One },
    },
    async (request) => ({ notice: await noticeDetail(deps.db, actorOf(request), request.params.id) }),
  );

  app.get(
    "/api/supervision/notices/:id/document.docx",
    {
      config: { auth: ALL_ROLES },
      schema: { tags: ["supervision"], summary: "打印督办通知单（Word）", params: IdParams },
    },
    async (request, reply) => {
      const { filename, bytes } = await noticeDocx(deps.db, actorOf(request), request.params.id);
      return reply
        .type("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(Buffer.from(bytes));
    },
  );

  app.post(
    "/api/supervision/notices/:id/replies",
    {
      config: { auth: REPORTERS },
      schema: {
        tags: ["supervision"],
        summary: "承办单位反馈办理情况（可附证明材料）",
        params: IdParams,
        body: Type.Object(
          {
            text: Text(10000),
            fileIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Type.Object({ notice: AnyObject, reply: AnyObject }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await replyToNotice(deps.db, actorOf(request), request.params.id, request.body, now)),
  );

  app.post(
    "/api/supervision/notices/:id/close",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "督办单办结",
        params: IdParams,
        body: Type.Object({ note: Type.String({ maxLength: 2000, default: "" }) }, { additionalProperties: false }),
        response: One,
      },
    },
    async (request) => ({
      notice: await closeNotice(deps.db, actorOf(request), request.params.id, request.body.note, now),
    }),
  );

  app.post(
    "/api/supervision/notices/:id/escalate",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "升级督办",
        params: IdParams,
        body: Type.Object({ note: Text(2000), replyDue: IsoDate }, { additionalProperties: false }),
        response: One,
      },
    },
    async (request) => ({
      notice: await escalateNotice(deps.db, actorOf(request), request.params.id, request.body, now),
    }),
  );
}
