/** snake_case → camelCase, at the type level: `org_id` → `orgId`. */
type CamelKey<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelKey<Tail>>}` : S;

/** A row with its top-level keys in camelCase (nested JSON values are kept as they are). */
export type Camel<T> = { [K in keyof T as K extends string ? CamelKey<K> : K]: T[K] };

const camelKey = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A database row as the wire carries it: camelCase keys, one level deep. */
export function camel<T extends object>(row: T): Camel<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[camelKey(key)] = value;
  return out as Camel<T>;
}

/** Every row of a list in camelCase. */
export const camelAll = <T extends object>(rows: readonly T[]): Camel<T>[] => rows.map(camel);
