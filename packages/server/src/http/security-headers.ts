import type { IncomingMessage, ServerResponse } from "node:http";
import helmet from "helmet";
import type { App } from "./types.js";

/**
 * Security headers on every answer, the web app's and the API's: a Content-Security-Policy with
 * no inline script (the built web app has none; Ant Design and ECharts write inline styles, so
 * styles may be inline), no framing (frame-ancestors 'none' and X-Frame-Options: DENY), no
 * referrer, nosniff. HTTPS-only headers (HSTS, upgrade-insecure-requests) only when the server is
 * known to run behind HTTPS: a county bureau's intranet often serves plain HTTP.
 */
export async function installSecurityHeaders(app: App, https: boolean): Promise<void> {
  const headers = securityHeaders(https);
  app.addHook("onRequest", async (_request, reply) => {
    reply.headers(headers);
  });
  // API answers carry people's data (class lists, results, evidence, user lists): never kept by a
  // browser or a proxy. The web app's own files keep their caching (web-static.ts).
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
}

/**
 * The headers helmet sets, computed once: @fastify/helmet built helmet's middleware (parsing the
 * policy) for every request, 5 % of a cached read's CPU. They depend on nothing in the request.
 */
function securityHeaders(https: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => {
      headers[name.toLowerCase()] = value;
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  } as unknown as ServerResponse;
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: https ? { maxAge: 15552000 } : false,
  })({} as IncomingMessage, response, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}
