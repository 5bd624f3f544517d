import { ALL_ROLES } from "../auth/actor.js";
import { authenticate } from "../auth/auth.service.js";
import { bearerMatches } from "../backup/local-admin.js";
import { AppError } from "../errors.js";
import type { App, AppDeps } from "./types.js";

export const SESSION_COOKIE = "luoshi_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every route declares `config.auth`. Before the body is even read: the session cookie
 * becomes `request.actor`, the role is checked, and unsafe methods must echo the
 * session's CSRF token in a header (a cross-site form cannot set headers).
 */
export function installAuth(app: App, deps: AppDeps): void {
  app.addHook("onRequest", async (request) => {
    const url = request.routeOptions.url;
    // The API documentation is for signed-in users unless the deployment publishes it.
    const docs = url?.startsWith("/api/docs") && !deps.config.publicApiDocs;
    const auth = docs ? ALL_ROLES : request.routeOptions.config.auth;
    if (auth === undefined) {
      if (url === undefined) return; // 404 handler
      if (url.startsWith("/api/docs")) return;
      throw new AppError("FORBIDDEN", 403);
    }
    const { localAdmin } = request.routeOptions.config;
    if (localAdmin && bearerMatches(request.headers.authorization, deps.localAdminToken)) {
      request.localAdmin = true;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await authenticate(deps.db, token);
      if (session) {
        request.actor = session.actor;
        request.csrfToken = session.csrfToken;
        request.sessionToken = token;
      }
    }
    if (auth === "public") return;
    if (!request.actor) throw new AppError("UNAUTHENTICATED", 401);
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== request.csrfToken) {
      throw new AppError("CSRF_INVALID", 403);
    }
    if (!auth.includes(request.actor.role)) throw new AppError("FORBIDDEN", 403);
  });
}
