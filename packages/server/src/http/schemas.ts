import { ErrorBody } from "@luoshi/contract";
import { type TSchema, Type } from "@sinclair/typebox";

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

/** Rows come out with loose JSON columns; responses document their shape without over-constraining. */
export const AnyObject = Type.Object({}, { additionalProperties: true });
