import { isPlanParseError } from "@luoshi/plan-parser";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { isDatabaseUnavailable } from "../db/unavailable.js";
import { AppError, isDiskFull } from "../errors.js";
import { type ErrorCode, MESSAGES } from "../messages.js";
import type { App } from "./types.js";

const send = (reply: FastifyReply, status: number, code: string, message: string, details?: unknown) =>
  reply.status(status).send({ error: details === undefined ? { code, message } : { code, message, details } });

const FASTIFY_CODES: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "MALFORMED_JSON"],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "MALFORMED_JSON"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, "MALFORMED_JSON"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "UNSUPPORTED_MEDIA_TYPE"],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "PAYLOAD_TOO_LARGE"],
  FST_REQ_FILE_TOO_LARGE: [413, "PAYLOAD_TOO_LARGE"],
  FST_PARTS_LIMIT: [413, "PAYLOAD_TOO_LARGE"],
  FST_FILES_LIMIT: [413, "PAYLOAD_TOO_LARGE"],
  FST_FIELDS_LIMIT: [413, "PAYLOAD_TOO_LARGE"],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, "UNSUPPORTED_MEDIA_TYPE"],
  FST_ERR_VALIDATION: [400, "VALIDATION_FAILED"],
};

/** PostgreSQL errors that mean the input was wrong, not the server. */
const PG_CODES: Record<string, [number, ErrorCode]> = {
  "23505": [409, "CONFLICT"],
  "23503": [400, "VALIDATION_FAILED"],
  "22P02": [400, "VALIDATION_FAILED"],
  "23514": [400, "VALIDATION_FAILED"],
  "53100": [507, "DISK_FULL"],
};

/** One place maps every failure to `{ error: { code, message } }`; stacks stay in the log. */
export function installErrorHandling(app: App): void {
  app.setNotFoundHandler((_request, reply) => send(reply, 404, "ROUTE_NOT_FOUND", MESSAGES.ROUTE_NOT_FOUND));

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.error({ err: error.cause ?? error }, error.code);
      return send(reply, error.statusCode, error.code, error.message, error.details);
    }
    if (isDiskFull(error)) {
      request.log.error({ err: error }, "disk full");
      return send(reply, 507, "DISK_FULL", MESSAGES.DISK_FULL);
    }
    if (isPlanParseError(error)) return send(reply, 422, error.code, error.messageZh);
    if (error.validation) {
      const details = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      return send(reply, 400, "VALIDATION_FAILED", MESSAGES.VALIDATION_FAILED, details);
    }
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known) return send(reply, known[0], known[1], MESSAGES[known[1]]);
    const pgCode = (error as { code?: string }).code;
    const pgKnown = pgCode ? PG_CODES[pgCode] : undefined;
    if (pgKnown) return send(reply, pgKnown[0], pgKnown[1], MESSAGES[pgKnown[1]]);
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, "database unavailable");
      return send(reply, 503, "DATABASE_UNAVAILABLE", MESSAGES.DATABASE_UNAVAILABLE);
    }
    if (error.statusCode === 429) return send(reply, 429, "RATE_LIMITED", MESSAGES.RATE_LIMITED);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.info({ err: error }, "client error");
      return send(reply, error.statusCode, "BAD_REQUEST", MESSAGES.VALIDATION_FAILED);
    }
    request.log.error({ err: error }, "unhandled error");
    return send(reply, 500, "INTERNAL_ERROR", MESSAGES.INTERNAL_ERROR);
  });
}
