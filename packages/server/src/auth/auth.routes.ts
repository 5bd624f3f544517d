import { ErrorBody, LoginBody, Me, PasswordBody, SessionReply } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { AppError } from "../errors.js";
import { CSRF_HEADER, SESSION_COOKIE } from "../http/auth-hook.js";
import { withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { ALL_ROLES } from "./actor.js";
import { changePassword, DEVICE_MS, login, logout, SESSION_MS } from "./auth.service.js";

/** The remembered-browser cookie: a throttled account still signs in from a browser it used before. */
export const DEVICE_COOKIE = "luoshi_device";

const presentMe = (a: ReturnType<typeof actorOf>): Me => ({
  userId: a.userId,
  username: a.username,
  displayName: a.displayName,
  role: a.role,
  orgId: a.orgId,
  regionId: a.regionId,
});

/** The seconds a throttled sign-in must wait (LOGIN_THROTTLED carries them in its details). */
function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof AppError) || error.code !== "LOGIN_THROTTLED") return undefined;
  const details = error.details;
  if (typeof details !== "object" || details === null || !("retryAfter" in details)) return undefined;
  return typeof details.retryAfter === "number" ? details.retryAfter : undefined;
}

export function authRoutes(app: App, deps: AppDeps): void {
  app.post(
    "/api/auth/login",
    {
      config: {
        auth: "public",
        rateLimit: { max: deps.config.loginAttemptsPerMinute, timeWindow: "1 minute" },
      },
      schema: {
        tags: ["auth"],
        summary: "登录",
        body: LoginBody,
        response: withErrors({ 200: SessionReply, 429: ErrorBody }),
      },
    },
    async (request, reply) => {
      const result = await login(deps.db, request.body.username, request.body.password, {
        ip: request.ip,
        deviceToken: request.cookies[DEVICE_COOKIE],
      }).catch((error: unknown) => {
        const wait = retryAfterOf(error);
        if (wait !== undefined) reply.header("retry-after", String(wait));
        throw error;
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: "strict",
        path: "/",
        secure: deps.config.secureCookies,
        maxAge: SESSION_MS / 1000,
      });
      // After the session cookie (clients reading the first cookie get the session).
      reply.setCookie(DEVICE_COOKIE, result.deviceToken, {
        httpOnly: true,
        sameSite: "strict",
        path: "/api/auth",
        secure: deps.config.secureCookies,
        maxAge: DEVICE_MS / 1000,
      });
      return { user: presentMe(result.actor), csrfToken: result.csrfToken };
    },
  );

  app.post(
    "/api/auth/logout",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["auth"],
        summary: `退出登录（需 ${CSRF_HEADER} 头）`,
        response: withErrors({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      if (request.sessionToken) await logout(deps.db, request.sessionToken);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/auth/password",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["auth"],
        summary: `修改自己的密码（需当前密码；其他设备上的登录随之退出；需 ${CSRF_HEADER} 头）`,
        body: PasswordBody,
        response: withErrors({ 204: Type.Null(), 429: ErrorBody }),
      },
    },
    async (request, reply) => {
      await changePassword(
        deps.db,
        actorOf(request),
        request.sessionToken ?? "",
        request.body.currentPassword,
        request.body.newPassword,
      ).catch((error: unknown) => {
        const wait = retryAfterOf(error);
        if (wait !== undefined) reply.header("retry-after", String(wait));
        throw error;
      });
      return reply.status(204).send(null);
    },
  );

  // The web app's first question: answered 200 either way, so a signed-out visit to the login
  // page logs no failed request in the browser console.
  app.get(
    "/api/auth/session",
    {
      config: { auth: "public" },
      schema: {
        tags: ["auth"],
        summary: "当前会话（未登录时 user 为 null）",
        response: withErrors({
          200: Type.Object({
            user: Type.Union([Me, Type.Null()]),
            csrfToken: Type.Union([Type.String(), Type.Null()]),
          }),
        }),
      },
    },
    async (request) =>
      request.actor
        ? { user: presentMe(request.actor), csrfToken: request.csrfToken ?? "" }
        : { user: null, csrfToken: null },
  );

  app.get(
    "/api/auth/me",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags: ["auth"],
        summary: "当前用户",
        response: withErrors({ 200: SessionReply }),
      },
    },
    async (request) => ({ user: presentMe(actorOf(request)), csrfToken: request.csrfToken ?? "" }),
  );
}
