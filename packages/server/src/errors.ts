import { type ErrorCode, MESSAGES } from "./messages.js";

/**
 * The one error people may see: a stable code, an HTTP status and a Chinese message. Server-wide
 * codes are in messages.ts; a module registers its own with registerErrors (codes unique across modules).
 */
export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly details: unknown;

  constructor(code: ErrorCode, statusCode: number, details?: unknown, message?: string);
  /** A module's registered code (registerErrors' factory), with its message. */
  constructor(code: string, statusCode: number, details: unknown, message: string);
  constructor(code: string, statusCode: number, details?: unknown, message?: string) {
    super(message ?? REGISTERED.get(code) ?? code);
    this.name = "AppError";
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }
}

/** Every code an AppError carries, with its message: the server-wide ones and each module's. */
const REGISTERED = new Map<string, string>(Object.entries(MESSAGES));

/**
 * Registers a module's error codes and their Chinese messages; returns the module's error factory.
 * A code already registered with another message is a programming error, caught at start-up.
 */
export function registerErrors<const M extends Record<string, string>>(module: string, messages: M) {
  for (const [code, message] of Object.entries(messages)) {
    const known = REGISTERED.get(code);
    if (known !== undefined && known !== message)
      throw new Error(`${module}: error code ${code} is already registered`);
    REGISTERED.set(code, message);
  }
  return (code: keyof M & string, statusCode: number, details?: unknown, message?: string): AppError =>
    new AppError(code, statusCode, details, message ?? messages[code] ?? code);
}

/** The message of a registered code (undefined for an unknown one). */
export const registeredMessage = (code: string): string | undefined => REGISTERED.get(code);

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
