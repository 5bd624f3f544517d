import zlib from "node:zlib";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import Fastify, { type FastifyServerOptions } from "fastify";
import { auditRoutes } from "./audit/audit.routes.js";
import { authRoutes } from "./auth/auth.routes.js";
import { backupRoutes } from "./backup/backup.routes.js";
import { bureauRoutes } from "./bureau/bureau.routes.js";
import { AppError } from "./errors.js";
import { filesRoutes } from "./files/files.routes.js";
import { installAuth } from "./http/auth-hook.js";
import { installErrorHandling } from "./http/error-handler.js";
import { lazySchemas } from "./http/lazy-schemas.js";
import { installReadCache } from "./http/read-cache.js";
import { ErrorBody } from "./http/schemas.js";
import { installSecurityHeaders } from "./http/security-headers.js";
import { frameworkErrors, installTextGuard } from "./http/text-guard.js";
import type { App, AppDeps, RouteAuth } from "./http/types.js";
import { webStatic } from "./http/web-static.js";
import { bindingsRoutes } from "./ledgers/bindings.routes.js";
import { dropoutRoutes } from "./ledgers/dropout.routes.js";
import { dropoutLedgersRoutes } from "./ledgers/dropout-ledgers.routes.js";
import { hazardBureauRoutes } from "./ledgers/hazard-bureau.routes.js";
import { hazardsRoutes } from "./ledgers/hazards.routes.js";
import { hazardsIoRoutes } from "./ledgers/hazards-io.routes.js";
import { healthRoutes } from "./ledgers/health.routes.js";
import { returnsRoutes } from "./ledgers/returns.routes.js";
import { schoolAgeRoutes } from "./ledgers/school-age.routes.js";
import { screeningRoutes } from "./ledgers/screening/screening.routes.js";
import { orgsRoutes } from "./orgs/orgs.routes.js";
import { placementRoutes } from "./placement/placement.routes.js";
import { plansExportRoutes } from "./plans/plans.export.routes.js";
import { plansRoutes } from "./plans/plans.routes.js";
import { taskCorrectionsRoutes } from "./plans/task-corrections.routes.js";
import { progressRoutes } from "./progress/progress.routes.js";
import { dashboardRoutes } from "./queries/dashboard.routes.js";
import { queriesRoutes } from "./queries/queries.routes.js";
import { taskDetailRoutes } from "./queries/task-detail.routes.js";
import { searchRoutes } from "./search/search.routes.js";
import { clockOf } from "./supervision/deps.js";
import { supervisionRoutes } from "./supervision/supervision.routes.js";
import { usersRoutes } from "./users/users.routes.js";
import { type HeavyWork, workPool } from "./work/work-pool.js";

export interface RouteInfo {
  method: string;
  url: string;
  auth: RouteAuth | undefined;
  /** The module that declared the route (packages/server/src/…), for docs/ARCHITECTURE.md's route table. */
  source: string | undefined;
}

/** The first server module on the stack that is not this file or a library: the route's declarer. */
function declaringModule(): string | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? "";
  Error.stackTraceLimit = limit;
  let inApp = false;
  for (const line of stack.split("\n").slice(2)) {
    const m = line.match(/packages\/server\/(?:src|dist)\/([^:)]+)\.(?:ts|js):\d+/);
    if (!m || line.includes("node_modules")) continue;
    if (m[1] !== "app") return `packages/server/src/${m[1]}.ts`;
    inApp = true;
  }
  return inApp ? "packages/server/src/app.ts" : undefined;
}

declare module "fastify" {
  interface FastifyInstance {
    /** Every route registered, for the authorization matrix test and the docs. */
    luoshiRoutes: RouteInfo[];
    /** Compiles the route schemas not yet used (http/lazy-schemas.ts); returns how many. */
    compileAllSchemas: () => number;
  }
}

/** A hop count trusts that many proxies nearest the server (as proxy-addr does); lists and booleans as they are. */
const trustProxyOption = (value: boolean | number | string[]) =>
  typeof value === "number" ? (_address: string, i: number) => i < value : value;

export interface BuildOptions {
  logger?: FastifyServerOptions["logger"];
}

/** Everything wired in one readable place. Dependencies come in; nothing is global. */
export async function buildApp(
  given: Omit<AppDeps, "work"> & { work?: HeavyWork },
  options: BuildOptions = {},
): Promise<App> {
  const schemas = lazySchemas();
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    // A hop count trusts that many proxies nearest the server (as proxy-addr does).
    trustProxy: trustProxyOption(given.config.trustProxy),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: "array", useDefaults: true } },
    schemaController: { compilersFactory: schemas.compilersFactory },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Without a pool from the runtime, the app keeps its own and stops it on close.
  const deps: AppDeps = {
    ...given,
    work: given.work ?? workPool(given.config.work, (msg, err) => app.log.error({ err }, msg)),
  };

  const routes: RouteInfo[] = [];
  app.decorate("luoshiRoutes", routes);
  app.decorate("compileAllSchemas", schemas.compileAll);
  app.addHook("onRoute", (route) => {
    const source = declaringModule();
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      routes.push({ method, url: route.url, auth: route.config?.auth, source });
    }
  });

  if (!given.work) app.addHook("onClose", () => deps.work.close());
  installErrorHandling(app);
  installTextGuard(app);
  await installSecurityHeaders(app, deps.config.secureCookies);
  app.addSchema(ErrorBody);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError("RATE_LIMITED", 429),
  });
  await app.register(multipart, {
    // Keep the client's full name so a path in it is refused, not silently trimmed.
    preservePath: true,
    // Defaults for every form; a reader asks for fewer (files/upload.ts reads one declared file).
    limits: { fileSize: deps.config.maxUploadBytes, files: 10, fields: 20, parts: 30, fieldSize: 64 * 1024 },
  });
  await app.register(swagger, {
    openapi: {
      info: { title: "落实 Luoshi API", version: "0.1.0", description: "教育和体育局年度工作计划落实系统" },
      components: {
        securitySchemes: { session: { type: "apiKey", in: "cookie", name: "luoshi_session" } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  installAuth(app, deps);
  installReadCache(app, deps, deps.config.readCache, clockOf(deps));
  // After the read cache, which keeps answers uncompressed: JSON goes out brotli- or gzip-compressed
  // to clients that accept it (a school reporter's phone), fast settings since it is per response.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ["br", "gzip"],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 5 },
  });

  app.get(
    "/api/health",
    {
      config: { auth: "public" },
      schema: { tags: ["system"], summary: "健康检查", response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    },
    async () => ({ ok: true }),
  );
  authRoutes(app, deps);
  orgsRoutes(app, deps);
  usersRoutes(app, deps);
  plansRoutes(app, deps);
  progressRoutes(app, deps);
  filesRoutes(app, deps);
  queriesRoutes(app, deps);
  auditRoutes(app, deps);
  bureauRoutes(app, deps);
  taskDetailRoutes(app, deps);
  taskCorrectionsRoutes(app, deps);
  dashboardRoutes(app, deps);
  plansExportRoutes(app, deps);
  placementRoutes(app, deps);
  supervisionRoutes(app, deps);
  backupRoutes(app, deps);
  searchRoutes(app, deps);
  hazardsRoutes(app, deps);
  dropoutRoutes(app, deps);
  dropoutLedgersRoutes(app, deps);
  schoolAgeRoutes(app, deps);
  bindingsRoutes(app, deps);
  hazardsIoRoutes(app, deps);
  returnsRoutes(app, deps);
  healthRoutes(app, deps);
  hazardBureauRoutes(app, deps);
  screeningRoutes(app, deps);
  webStatic(app);
  return app;
}
