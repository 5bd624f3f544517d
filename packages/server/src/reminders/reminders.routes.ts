import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_MANAGERS } from "../auth/actor.js";
import { AnyObject, IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf, sendDepsOf } from "../supervision/deps.js";
import {
  createEndpoint,
  deliveryLog,
  listEndpoints,
  markNotificationsRead,
  myNotifications,
  runReminders,
  updateEndpoint,
} from "./reminders.service.js";

const Event = Type.Union([
  Type.Literal("due_soon"),
  Type.Literal("overdue"),
  Type.Literal("missing_report"),
  Type.Literal("new_notice"),
]);
const EndpointFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  url: Type.String({ minLength: 8, maxLength: 1000 }),
  secret: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  events: Type.Array(Event, { maxItems: 4, uniqueItems: true }),
  enabled: Type.Boolean(),
};
const One = withErrors({ 200: Type.Object({ endpoint: AnyObject }) });

export function remindersRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);
  app.get(
    "/api/supervision/notifications",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "本单位的站内提醒",
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()) }),
        response: withErrors({ 200: Type.Object({ notifications: Type.Array(AnyObject) }) }),
      },
    },
    async (request) => ({
      notifications: await myNotifications(deps.db, actorOf(request), request.query.unread ?? false),
    }),
  );

  app.post(
    "/api/supervision/notifications/read",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "标记提醒为已读",
        body: Type.Object(
          { ids: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ updated: Type.Integer() }) }),
      },
    },
    async (request) => ({ updated: await markNotificationsRead(deps.db, actorOf(request), request.body.ids, now) }),
  );

  app.post(
    "/api/supervision/reminders/run",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "立即发送今天的提醒（已发送的不会重复发送）",
        response: withErrors({ 200: AnyObject }),
      },
    },
    async (request) => runReminders(deps.db, { regionIds: actorOf(request).visibleOrgIds, ...sendDepsOf(deps) }),
  );

  app.get(
    "/api/supervision/webhooks",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "企业微信、钉钉机器人推送配置",
        response: withErrors({ 200: Type.Object({ endpoints: Type.Array(AnyObject) }) }),
      },
    },
    async (request) => ({ endpoints: await listEndpoints(deps.db, actorOf(request)) }),
  );

  app.post(
    "/api/supervision/webhooks",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "新增机器人推送",
        body: Type.Object(
          {
            orgId: Type.Optional(Type.String({ maxLength: 64 })),
            kind: Type.Union([Type.Literal("wecom"), Type.Literal("dingtalk")]),
            name: EndpointFields.name,
            url: EndpointFields.url,
            secret: Type.Optional(EndpointFields.secret),
            events: EndpointFields.events,
            enabled: Type.Optional(EndpointFields.enabled),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Type.Object({ endpoint: AnyObject }) }),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ endpoint: await createEndpoint(deps.db, actorOf(request), request.body, deps.config.webhooks) }),
  );

  app.patch(
    "/api/supervision/webhooks/:id",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "修改机器人推送",
        params: IdParams,
        body: Type.Partial(Type.Object(EndpointFields), { additionalProperties: false }),
        response: One,
      },
    },
    async (request) => ({
      endpoint: await updateEndpoint(deps.db, actorOf(request), request.params.id, request.body, deps.config.webhooks),
    }),
  );

  app.delete(
    "/api/supervision/webhooks/:id",
    {
      config: { auth: PLAN_MANAGERS },
      schema: { tags: ["supervision"], summary: "删除机器人推送", params: IdParams, response: One },
    },
    async (request) => ({
      endpoint: await updateEndpoint(deps.db, actorOf(request), request.params.id, {}, deps.config.webhooks, true),
    }),
  );

  app.get(
    "/api/supervision/webhooks/deliveries",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "推送记录（状态、尝试次数、最后错误）",
        response: withErrors({ 200: Type.Object({ deliveries: Type.Array(AnyObject) }) }),
      },
    },
    async (request) => ({ deliveries: await deliveryLog(deps.db, actorOf(request)) }),
  );
}
