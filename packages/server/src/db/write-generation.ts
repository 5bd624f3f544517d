/**
 * Counts the committed writes to an embedded database, and which plans they touched. PGlite
 * lives in this process and no other can open its data folder, so every write passes through
 * here: a result computed while nothing it depends on was written is still current. Read
 * caches key on it (http/read-cache.ts).
 *
 * A write says which plans it touches with a marker in front of its SQL (`writesTo`); a write
 * without one may have changed anything, so it moves every answer.
 */
export class WriteGeneration {
  /** Committed writes so far: each write's number is the value after it. */
  value = 0;
  /** The number of the last write of unknown scope. */
  private lastUnscoped = 0;
  /** The number of the last write to each scope. */
  private readonly lastWrite = new Map<string, number>();

  /** A write committed: to these scopes, or (undefined) to anything. */
  bump(scopes?: Iterable<string>): void {
    this.value++;
    if (scopes === undefined) this.lastUnscoped = this.value;
    else for (const scope of scopes) this.lastWrite.set(scope, this.value);
  }

  /**
   * Whether a write committed after write number `since` may have changed an answer depending on
   * `scopes` (undefined: on anything).
   */
  changedSince(since: number, scopes: readonly string[] | undefined): boolean {
    if (this.value === since) return false;
    if (scopes === undefined || this.lastUnscoped > since) return true;
    return scopes.some((scope) => (this.lastWrite.get(scope) ?? 0) > since);
  }
}

/**
 * Whether a statement may change data. Conservative: any write keyword anywhere (a CTE, a
 * function call, even a string) counts, since a needless bump costs a cache miss and a missed
 * one would serve stale data.
 */
export const mayWrite = (sql: string): boolean =>
  /\b(insert|update|delete|truncate|merge|copy|create|alter|drop|call|do|nextval|setval)\b/i.test(sql);

/** The scope of one plan's data: its tasks' reports, statuses, actuals and evidence. */
export const planScope = (planId: string): string => `p:${encodeURIComponent(planId).replace(/\*/g, "%2A")}`;

const MARKER = /^\/\* luoshi:writes ([^*]*) \*\/ /;

/**
 * A marker to put in front of a statement that changes only the data of these scopes (see
 * planScope), so that answers depending on other plans stay cached. The statement must change
 * nothing else. Scopes are URI-encoded (`*` too), so a marker can never end early.
 */
export const writesTo = (scopes: readonly string[]): string => `/* luoshi:writes ${scopes.join(" ")} */ `;

/** A statement's text without its scope marker, and the scopes it named (undefined: none). */
export function splitWriteScope(sql: string): { sql: string; scopes: string[] | undefined } {
  const marked = MARKER.exec(sql);
  if (!marked) return { sql, scopes: undefined };
  return { sql: sql.slice(marked[0].length), scopes: marked[1]!.split(" ").filter(Boolean) };
}
