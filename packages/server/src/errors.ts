import { type ErrorCode, MESSAGES } from "./messages.js";

/** An error people may see: a stable code, an HTTP status and a Chinese message. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(code: ErrorCode, statusCode: number, details?: unknown, message?: string) {
    super(message ?? MESSAGES[code]);
    this.name = "AppError";
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }
}

export const notFound = (code: ErrorCode = "NOT_FOUND") => new AppError(code, 404);
export const forbidden = () => new AppError("FORBIDDEN", 403);
export const badRequest = (code: ErrorCode, details?: unknown) => new AppError(code, 400, details);
export const conflict = (code: ErrorCode, details?: unknown) => new AppError(code, 409, details);

const DISK_FULL_CODES = new Set(["ENOSPC", "EDQUOT"]);

/** Whether an error is the disk (or quota) running out of space. */
export const isDiskFull = (error: unknown): boolean =>
  DISK_FULL_CODES.has((error as NodeJS.ErrnoException | undefined)?.code ?? "");

/** A full disk becomes DISK_FULL (507, nothing saved); any other error passes through unchanged. */
export const diskFull = (error: unknown): unknown =>
  isDiskFull(error) ? Object.assign(new AppError("DISK_FULL", 507), { cause: error }) : error;
