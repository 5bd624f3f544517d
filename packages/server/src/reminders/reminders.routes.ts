import { NewWebhookBody, ReminderRun, WebhookPatchBody } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_MANAGERS } from "../auth/actor.js";
import { camel } from "../http/camel.js";
import { IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { openInboxCount } from "../notices/notices.service.js";
import { clockOf, sendDepsOf } from "../supervision/deps.js";
import { DeliverySchema, EndpointSchema, NotificationSchema, presentNotification } from "./reminders.schemas.js";
import {
  createEndpoint,
  deliveryLog,
  listEndpoints,
  markNotificationsRead,
  myNotifications,
  runReminders,
  testEndpoint,
  unreadNotifications,
  updateEndpoint,
} from "./reminders.service.js";

const One = withErrors({ 200: Type.Object({ endpoint: EndpointSchema }) });

export function remindersRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);
  app.get(
    "/api/supervision/notifications",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "消息中心：发给本单位和本人的站内提醒（最新 200 条）",
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()) }),
        response: withErrors({
          200: Type.Object({ notifications: Type.Array(NotificationSchema), unread: Type.Integer() }),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await myNotifications(deps.db, actor, request.query.unread ?? false);
      return { notifications: rows.map(presentNotification), unread: await unreadNotifications(deps.db, actor) };
    },
  );

  app.get(
    "/api/supervision/notifications/unread",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "未读提醒数与待办督办单数（页头角标）",
        response: withErrors({ 200: Type.Object({ unread: Type.Integer(), openNotices: Type.Integer() }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return {
        unread: await unreadNotifications(deps.db, actor),
        openNotices: await openInboxCount(deps.db, actor),
      };
    },
  );

  app.post(
    "/api/supervision/notifications/read",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "标记提醒为已读（all: true 为全部已读）",
        body: Type.Object(
          {
            ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 })),
            all: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ updated: Type.Integer() }) }),
      },
    },
    async (request) => ({
      updated: await markNotificationsRead(
        deps.db,
        actorOf(request),
        request.body.all ? null : (request.body.ids ?? []),
        now,
      ),
    }),
  );

  app.post(
    "/api/supervision/reminders/run",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "立即发送今天的提醒（已发送的不会重复发送）",
        response: withErrors({ 200: ReminderRun }),
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
        response: withErrors({ 200: Type.Object({ endpoints: Type.Array(EndpointSchema) }) }),
      },
    },
    async (request) => ({ endpoints: (await listEndpoints(deps.db, actorOf(request))).map(camel) }),
  );

  app.post(
    "/api/supervision/webhooks",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "新增机器人推送",
        body: NewWebhookBody,
        response: withErrors({ 201: Type.Object({ endpoint: EndpointSchema }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        endpoint: camel(await createEndpoint(deps.db, actorOf(request), request.body, deps.config.webhooks)),
      }),
  );

  app.patch(
    "/api/supervision/webhooks/:id",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "修改机器人推送",
        params: IdParams,
        body: WebhookPatchBody,
        response: One,
      },
    },
    async (request) => ({
      endpoint: camel(
        await updateEndpoint(deps.db, actorOf(request), request.params.id, request.body, deps.config.webhooks),
      ),
    }),
  );

  app.delete(
    "/api/supervision/webhooks/:id",
    {
      config: { auth: PLAN_MANAGERS },
      schema: { tags: ["supervision"], summary: "删除机器人推送", params: IdParams, response: One },
    },
    async (request) => ({
      endpoint: camel(
        await updateEndpoint(deps.db, actorOf(request), request.params.id, {}, deps.config.webhooks, true),
      ),
    }),
  );

  app.post(
    "/api/supervision/webhooks/:id/test",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "发送测试消息（记入推送记录）",
        params: IdParams,
        response: withErrors({ 200: Type.Object({ delivery: DeliverySchema }) }),
      },
    },
    async (request) => ({
      delivery: camel(await testEndpoint(deps.db, actorOf(request), request.params.id, sendDepsOf(deps))),
    }),
  );

  app.get(
    "/api/supervision/webhooks/deliveries",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "推送记录（状态、尝试次数、最后错误）",
        response: withErrors({ 200: Type.Object({ deliveries: Type.Array(DeliverySchema) }) }),
      },
    },
    async (request) => ({ deliveries: (await deliveryLog(deps.db, actorOf(request), now)).map(camel) }),
  );
}
