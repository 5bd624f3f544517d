import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { MESSAGES } from "../messages.js";
import { acceptedEncoding, CompressedAssets } from "./compressed-assets.js";
import type { App } from "./types.js";

/** packages/web/dist, seen from packages/server/{src,dist}/http. */
const DEFAULT_WEB_DIR = fileURLToPath(new URL("../../../web/dist", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>落实</title>
<body><p>前端尚未构建，请先运行 <code>npm run build</code>。接口文档见 <a href="/api/docs">/api/docs</a>。</p></body></html>`;

/** A file under root, with its modification time (the compressed copies' version). */
async function fileAt(root: string, path: string): Promise<{ path: string; mtimeMs: number } | undefined> {
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? { path, mtimeMs: info.mtimeMs } : undefined;
}

/**
 * Serves the built web app at `/`: files from packages/web/dist, and index.html for any
 * other non-API path so the browser's router can take it. Unknown /api paths stay JSON 404s.
 */
export function webStatic(app: App, webDir = process.env.LUOSHI_WEB_DIR || DEFAULT_WEB_DIR): void {
  const root = resolve(webDir);
  const compressed = new CompressedAssets();
  app.get("/*", { config: { auth: "public" }, schema: { hide: true } }, async (request, reply) => {
    const urlPath = request.url.split("?")[0] ?? "/";
    if (urlPath === "/api" || urlPath.startsWith("/api/")) {
      return reply.status(404).send({ error: { code: "ROUTE_NOT_FOUND", message: MESSAGES.ROUTE_NOT_FOUND } });
    }
    let file: Awaited<ReturnType<typeof fileAt>>;
    try {
      file = urlPath === "/" ? undefined : await fileAt(root, resolve(root, `.${decodeURIComponent(urlPath)}`));
    } catch {
      file = undefined; // a malformed escape is just a page the router does not know
    }
    if (!file && extname(urlPath) !== "" && urlPath.startsWith("/assets/")) {
      return reply.status(404).send({ error: { code: "NOT_FOUND", message: MESSAGES.NOT_FOUND } });
    }
    const target = file ?? (await fileAt(root, resolve(root, "index.html")));
    const bytes = target && (await readFile(target.path).catch(() => undefined));
    if (!target || !bytes) return reply.type(TYPES[".html"]!).send(NOT_BUILT);
    const immutable = file !== undefined && urlPath.startsWith("/assets/");
    const type = TYPES[extname(target.path)] ?? "application/octet-stream";
    reply
      .type(type)
      .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache")
      .header("x-content-type-options", "nosniff");
    if (!compressed.compressible(type, bytes)) return reply.send(bytes);
    reply.header("vary", "accept-encoding");
    const encoding = acceptedEncoding(request.headers["accept-encoding"]);
    if (!encoding) return reply.send(bytes);
    return reply
      .header("content-encoding", encoding)
      .send(await compressed.get(target.path, target.mtimeMs, bytes, encoding));
  });
}
