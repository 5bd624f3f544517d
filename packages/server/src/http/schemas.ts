import { type TSchema, Type } from "@sinclair/typebox";

export const ErrorBody = Type.Object(
  {
    error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
  },
  { $id: "ErrorBody" },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** Standard error responses, so every route documents them in OpenAPI. */
export const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
};

export const withErrors = <T extends Record<number, TSchema>>(ok: T) => ({ ...errors, ...ok });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Rows come out with loose JSON columns; responses document their shape without over-constraining. */
export const AnyObject = Type.Object({}, { additionalProperties: true });
export const Page = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});
