import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import { type ErrorCode, MESSAGES } from "../messages.js";
import type { App } from "./types.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

const invalidText = () => new AppError("INVALID_TEXT", 400);

/** A NUL anywhere in a parsed JSON value: in a string or in a key. */
function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\0");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) if (key.includes("\0") || holdsNul(inner)) return true;
  }
  return false;
}

/** The URL's path and query are valid percent-encoded UTF-8 without a NUL. */
export function urlIsText(url: string): boolean {
  try {
    return !decodeURIComponent(url.replaceAll("+", " ")).includes("\0");
  } catch {
    return false;
  }
}

/**
 * Text reaches the routes as valid UTF-8 without NUL bytes, or the request is refused with
 * 400 INVALID_TEXT before any route runs: PostgreSQL cannot store a NUL in text, and invalid
 * UTF-8 would otherwise be silently replaced. One place for every route: the URL (path
 * parameters and query string) on arrival, the JSON body as it is parsed. Multipart text
 * fields are checked where they are read (files/upload.ts).
 */
export function installTextGuard(app: App): void {
  app.addHook("onRequest", async (request) => {
    if (!urlIsText(request.raw.url ?? "")) throw invalidText();
  });
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(invalidText(), undefined);
      return;
    }
    parseJson(request, text, (error, value) => {
      if (error) done(error, undefined);
      else if (holdsNul(value)) done(invalidText(), undefined);
      else done(null, value);
    });
  });
}

/**
 * Errors the router raises before any hook runs: a path that is not valid percent-encoded UTF-8
 * (FST_ERR_BAD_URL) is INVALID_TEXT like any other bad text; the rest are plain bad requests.
 */
export function frameworkErrors(error: { code?: string }, _request: FastifyRequest, reply: FastifyReply): void {
  const code: ErrorCode = error.code === "FST_ERR_BAD_URL" ? "INVALID_TEXT" : "VALIDATION_FAILED";
  reply.status(400).send({ error: { code, message: MESSAGES[code] } });
}
