import { OneOf, ROLES } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { readUpload } from "../files/upload.js";
import { ErrorBody, IdParams, Nullable, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { importTemplate, importUsers } from "./users.import.js";
import { clearThrottle, createUser, listThrottlesFor, listVisibleUsers, updateUser } from "./users.service.js";

const User = Type.Object({
  id: Type.String(),
  region_id: Type.String(),
  org_id: Type.String(),
  username: Type.String(),
  display_name: Type.String(),
  role: Type.String(),
  created_at: Type.String(),
});

const RoleSchema = OneOf(ROLES);

const Imported = Type.Object({
  row: Type.Integer(),
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  orgId: Type.String(),
  role: Type.String(),
  generatedPassword: Nullable(Type.String()),
});

export function usersRoutes(app: App, deps: AppDeps): void {
  app.post(
    "/api/users/import",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["users"],
        summary:
          "批量导入用户（multipart：file 为 Excel 用户表，可选 dryRun=true 只检查）；任一行有误则全部不导入，并列出行号",
        consumes: ["multipart/form-data"],
        response: withErrors({
          200: Type.Object({ dryRun: Type.Boolean(), accounts: Type.Array(Imported) }),
          413: ErrorBody,
          415: ErrorBody,
          422: ErrorBody,
        }),
      },
    },
    async (request) => {
      const upload = await readUpload(request, { fileField: "file", fields: ["dryRun"] });
      return importUsers(deps.db, actorOf(request), upload.bytes, { dryRun: upload.fields.dryRun === "true" });
    },
  );

  app.get(
    "/api/users/import-template",
    {
      config: { auth: ["admin"] },
      schema: { tags: ["users"], summary: "下载用户批量导入模板（Excel）" },
    },
    async (_request, reply) =>
      reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent("用户导入模板.xlsx")}`)
        .send(Buffer.from(await importTemplate())),
  );

  app.get(
    "/api/users",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["users"],
        summary: "用户列表",
        response: withErrors({
          200: Type.Object({ users: Type.Array(Type.Object({ ...User.properties, disabled: Type.Boolean() })) }),
        }),
      },
    },
    async (request) => ({ users: await listVisibleUsers(deps.db, actorOf(request)) }),
  );

  app.post(
    "/api/users",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["users"],
        summary: "新建用户",
        body: Type.Object({
          orgId: Type.String({ minLength: 1, maxLength: 64 }),
          username: Type.String({ minLength: 2, maxLength: 64, pattern: "^[A-Za-z0-9_.-]+$" }),
          displayName: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 256 }),
          role: RoleSchema,
        }),
        response: withErrors({ 201: Type.Object({ user: User }) }),
      },
    },
    async (request, reply) => {
      const user = await createUser(deps.db, actorOf(request), request.body);
      return reply.status(201).send({ user });
    },
  );

  app.patch(
    "/api/users/:id",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["users"],
        summary: "修改用户（姓名、角色、单位、重置密码、停用/启用）",
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            role: Type.Optional(RoleSchema),
            orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
            disabled: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: withErrors({
          200: Type.Object({
            user: Type.Object({ ...User.properties, deleted_at: Nullable(Type.String()), disabled: Type.Boolean() }),
          }),
        }),
      },
    },
    async (request) => ({ user: await updateUser(deps.db, actorOf(request), request.params.id, request.body) }),
  );

  app.get(
    "/api/users/throttles",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["users"],
        summary: "当前的登录限制（本县账号、设备与客户端地址）",
        response: withErrors({
          200: Type.Object({
            throttles: Type.Array(
              Type.Object({
                key: Type.String(),
                scope: Type.String(),
                subject: Type.String(),
                failures: Type.Integer(),
                blockedUntil: Nullable(Type.String()),
                lastAttempt: Type.String(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => ({ throttles: await listThrottlesFor(deps.db, actorOf(request)) }),
  );

  app.post(
    "/api/users/throttles/clear",
    {
      config: { auth: ["admin"] },
      schema: {
        tags: ["users"],
        summary: "解除一项登录限制（记入审计）",
        body: Type.Object({ key: Type.String({ minLength: 3, maxLength: 200 }) }, { additionalProperties: false }),
        response: withErrors({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      await clearThrottle(deps.db, actorOf(request), request.body.key);
      return reply.status(204).send(null);
    },
  );
}
