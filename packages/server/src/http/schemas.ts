import { ErrorBody } from "@luoshi/contract";
import type { TSchema } from "@sinclair/typebox";

export { ErrorBody, IdParams, Nullable, Page } from "@luoshi/contract";

/** Standard error responses, so every route documents them in OpenAPI. */
export const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};

export const withErrors = <T extends Record<number, TSchema>>(ok: T) => ({ ...errors, ...ok });
