import helmet from "@fastify/helmet";
import type { App } from "./types.js";

/**
 * Security headers on every answer, the web app's and the API's: a Content-Security-Policy with
 * no inline script (the built web app has none; Ant Design and ECharts write inline styles, so
 * styles may be inline), no framing (frame-ancestors 'none' and X-Frame-Options: DENY), no
 * referrer, nosniff. HTTPS-only headers (HSTS, upgrade-insecure-requests) only when the server is
 * known to run behind HTTPS: a county bureau's intranet often serves plain HTTP.
 */
export async function installSecurityHeaders(app: App, https: boolean): Promise<void> {
  await app.register(helmet, {
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
  });
  // API answers carry people's data (class lists, results, evidence, user lists): never kept by a
  // browser or a proxy. The web app's own files keep their caching (web-static.ts).
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
}
