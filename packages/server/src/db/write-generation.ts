/**
 * Counts the committed writes to an embedded database. PGlite lives in this process and no
 * other can open its data folder, so every write passes through here: a result computed while
 * the count stood still is still current. Read caches key on it (http/read-cache.ts).
 */
export class WriteGeneration {
  value = 0;

  bump(): void {
    this.value++;
  }
}

/**
 * Whether a statement may change data. Conservative: any write keyword anywhere (a CTE, a
 * function call, even a string) counts, since a needless bump costs a cache miss and a missed
 * one would serve stale data.
 */
export const mayWrite = (sql: string): boolean =>
  /\b(insert|update|delete|truncate|merge|copy|create|alter|drop|call|do|nextval|setval)\b/i.test(sql);
