import { type TLiteral, type TSchema, type TUnion, Type } from "@sinclair/typebox";

/** Every error answer: a stable code for programs and a Chinese message for people. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(
        Type.Unknown({ description: "Machine-readable particulars of the error (free-form JSON)" }),
      ),
    }),
  },
  { $id: "ErrorBody" },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const Page = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A union of string literals from one of the vocabulary's lists. */
export const OneOf = <const K extends string>(values: readonly K[], options: { description?: string } = {}) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  ) as unknown as TUnion<TLiteral<K>[]>;

/** An ISO date-time string as the server writes it. */
export const Timestamp = Type.String({ description: "ISO 8601 date-time" });
/** A calendar date, YYYY-MM-DD. */
export const DateString = Type.String({ description: "YYYY-MM-DD" });

/** A plain `{ ok: true }` acknowledgement. */
export const Ok = Type.Object({ ok: Type.Boolean() });

/** Bytes on the wire: a buffer or a stream of them. */
export const Bytes = Type.Unsafe<Uint8Array | AsyncIterable<unknown>>({ type: "string", format: "binary" });

/**
 * A file answer (a download): its media types, each a binary string. Fastify sends the bytes as they
 * are (buffers and streams skip serialisation); OpenAPI documents the types.
 */
export const FileAnswer = (description: string, mediaTypes: readonly string[]) => ({
  description,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: Bytes }])),
});
