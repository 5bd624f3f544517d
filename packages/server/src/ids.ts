import { randomUUID } from "node:crypto";

export const newId = (): string => randomUUID();

/** JSON columns are written as text so both drivers store the same jsonb. */
export const json = (value: unknown): string => JSON.stringify(value);
