import { FileAnswer, NoticeInput } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES, PLAN_MANAGERS, REPORTERS } from "../auth/actor.js";
import { camel } from "../http/camel.js";
import { attachment } from "../http/file-reply.js";
import { errors, IdParams, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { pushNoticeEvents } from "../reminders/push.js";
import type { NewNotification } from "../reminders/reminders.repository.js";
import { clockOf, sendDepsOf } from "../supervision/deps.js";
import { noticeDocx } from "./notice-document.js";
import { NoticeDetailSchema, NoticeSchema, NoticeStatusSchema, presentDetail, ReplySchema } from "./notices.schemas.js";
import {
  closeNotice,
  escalateNotice,
  issueNotices,
  listNotices,
  noticeDetail,
  replyToNotice,
} from "./notices.service.js";

const IsoDate = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$" });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const One = withErrors({ 200: Type.Object({ notice: NoticeSchema }) });
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export function noticesRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);
  // Robot messages go out after the answer, in the background; closing the app waits for them.
  const pending = new Set<Promise<unknown>>();
  app.addHook("onClose", async () => {
    await Promise.allSettled([...pending]);
  });
  const push = (rows: NewNotification[]) => {
    if (rows.length === 0) return;
    const job = pushNoticeEvents(
      deps.db,
      rows.map((r) => ({ ...r, user_id: r.user_id ?? null })),
      sendDepsOf(deps),
    )
      .catch((error) => app.log.warn({ err: error }, "robot push of a notice failed; the hourly round retries it"))
      .finally(() => pending.delete(job));
    pending.add(job);
  };

  app.post(
    "/api/supervision/notices",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "签发督办单",
        body: NoticeInput,
        response: withErrors({ 201: Type.Object({ notice: NoticeSchema }) }),
      },
    },
    async (request, reply) => {
      const [notice] = await issueNotices(deps.db, actorOf(request), [request.body], now, push);
      return reply.status(201).send({ notice: camel(notice!) });
    },
  );

  app.post(
    "/api/supervision/notices/batch",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "批量签发督办单（全部签发或全部不签发）",
        body: Type.Object(
          { notices: Type.Array(NoticeInput, { minItems: 1, maxItems: 100 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Type.Object({ notices: Type.Array(NoticeSchema) }) }),
      },
    },
    async (request, reply) => {
      const notices = await issueNotices(deps.db, actorOf(request), request.body.notices, now, push);
      return reply.status(201).send({ notices: notices.map(camel) });
    },
  );

  app.get(
    "/api/supervision/notices",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "督办单列表：收件箱（发给本单位的）、发件箱（本局签发的）、某项任务的或某条隐患的",
        querystring: Type.Object({
          box: Type.Union([Type.Literal("inbox"), Type.Literal("outbox")], { default: "inbox" }),
          status: Type.Optional(NoticeStatusSchema),
          taskId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          hazardId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
        }),
        response: withErrors({ 200: Type.Object({ notices: Type.Array(NoticeSchema) }) }),
      },
    },
    async (request) => {
      const { box, status, taskId, hazardId } = request.query;
      return { notices: (await listNotices(deps.db, actorOf(request), box, status, taskId, hazardId)).map(camel) };
    },
  );

  app.get(
    "/api/supervision/notices/:id",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "督办单详情：反馈（含证明材料）与办理过程",
        params: IdParams,
        response: withErrors({ 200: Type.Object({ notice: NoticeDetailSchema }) }),
      },
    },
    async (request) => ({
      notice: presentDetail(await noticeDetail(deps.db, actorOf(request), request.params.id)),
    }),
  );

  app.get(
    "/api/supervision/notices/:id/document.docx",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["supervision"],
        summary: "打印督办通知单（Word）",
        params: IdParams,
        response: { ...errors, 200: FileAnswer("督办通知单", [DOCX]) },
      },
    },
    async (request, reply) => {
      const { filename, bytes } = await noticeDocx(deps.db, actorOf(request), request.params.id);
      return reply.type(DOCX).header("content-disposition", attachment(filename)).send(Buffer.from(bytes));
    },
  );

  app.post(
    "/api/supervision/notices/:id/replies",
    {
      config: { auth: REPORTERS },
      schema: {
        tags: ["supervision"],
        summary: "承办单位反馈办理情况（附上传的证明材料）",
        params: IdParams,
        body: Type.Object(
          {
            text: Text(10000),
            fileIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Type.Object({ notice: NoticeSchema, reply: ReplySchema }) }),
      },
    },
    async (request, reply) => {
      const done = await replyToNotice(deps.db, actorOf(request), request.params.id, request.body, now);
      return reply.status(201).send({ notice: camel(done.notice), reply: camel(done.reply) });
    },
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
      notice: camel(await closeNotice(deps.db, actorOf(request), request.params.id, request.body.note, now)),
    }),
  );

  app.post(
    "/api/supervision/notices/:id/escalate",
    {
      config: { auth: PLAN_MANAGERS },
      schema: {
        tags: ["supervision"],
        summary: "升级督办（级别加一，通知承办单位及其负责人、局领导）",
        params: IdParams,
        body: Type.Object({ note: Text(2000), replyDue: IsoDate }, { additionalProperties: false }),
        response: One,
      },
    },
    async (request) => ({
      notice: camel(await escalateNotice(deps.db, actorOf(request), request.params.id, request.body, now, push)),
    }),
  );
}
