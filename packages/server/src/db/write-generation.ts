/**
 * Counts the committed writes to an embedded database, and which plans and tasks they touched.
 * PGlite lives in this process and no other can open its data folder, so every write passes
 * through here: a result computed while nothing it depends on was written is still current.
 * Read caches key on it (http/read-cache.ts).
 *
 * A write says what it touches with a marker in front of its SQL (`writesTo`); a write without
 * one may have changed anything, so it moves every answer. Scopes nest: a plan's scope
 * (`planScope`) stands for anything in the plan, a task's (`taskScope`) for that task's own data
 * (its reports, actuals, evidence and stored statuses). A write to a task moves the answers about
 * its plan and about that task, not those about the plan's other tasks; a write to a plan moves
 * them all.
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
    if (scopes === undefined) {
      this.lastUnscoped = this.value;
      return;
    }
    for (const scope of scopes) {
      const plan = planOf(scope);
      this.lastWrite.set(scope, this.value);
      // A task's write is a write to its plan; a plan's write is one to each of its tasks too.
      this.lastWrite.set(plan === undefined ? wholePlan(scope) : plan, this.value);
    }
  }

  /**
   * Whether a write committed after write number `since` may have changed an answer depending on
   * `scopes` (undefined: on anything).
   */
  changedSince(since: number, scopes: readonly string[] | undefined): boolean {
    if (this.value === since) return false;
    if (scopes === undefined || this.lastUnscoped > since) return true;
    const after = (key: string) => (this.lastWrite.get(key) ?? 0) > since;
    return scopes.some((scope) => {
      const plan = planOf(scope);
      return after(scope) || (plan !== undefined && after(wholePlan(plan)));
    });
  }
}

/** The plan scope a task scope belongs to (undefined for a plan scope). */
const planOf = (scope: string): string | undefined => {
  const slash = scope.indexOf("/");
  return slash < 0 ? undefined : scope.slice(0, slash);
};

/** The key of the writes to a plan as a whole (not through one of its tasks). */
const wholePlan = (plan: string): string => `${plan}/*`;

/**
 * Whether a statement may change data. Conservative: any write keyword anywhere (a CTE, a
 * function call, even a string) counts, since a needless bump costs a cache miss and a missed
 * one would serve stale data.
 */
export const mayWrite = (sql: string): boolean =>
  /\b(insert|update|delete|truncate|merge|copy|create|alter|drop|call|do|nextval|setval)\b/i.test(sql);

const encode = (id: string) => encodeURIComponent(id).replace(/\*/g, "%2A");

/** The scope of one plan's data: the plan, its tasks, their reports, statuses, actuals and evidence. */
export const planScope = (planId: string): string => `p:${encode(planId)}`;

/**
 * The scope of one task's own data: its reports, actuals, evidence and stored statuses (not the
 * task's text or assignments, which plan edits write to the plan's scope or to none).
 */
export const taskScope = (planId: string, taskId: string): string => `${planScope(planId)}/t:${encode(taskId)}`;

const MARKER = /^\/\* luoshi:writes ([^*]*) \*\/ /;

/**
 * A marker to put in front of a statement that changes only the data of these scopes (see
 * planScope, taskScope), so that answers depending on other plans or tasks stay cached. The statement must change
 * nothing else. Scopes are URI-encoded (`*` too), so a marker can never end early.
 */
export const writesTo = (scopes: readonly string[]): string => `/* luoshi:writes ${scopes.join(" ")} */ `;

/** A statement's text without its scope marker, and the scopes it named (undefined: none). */
export function splitWriteScope(sql: string): { sql: string; scopes: string[] | undefined } {
  const marked = MARKER.exec(sql);
  if (!marked) return { sql, scopes: undefined };
  return { sql: sql.slice(marked[0].length), scopes: marked[1]!.split(" ").filter(Boolean) };
}
