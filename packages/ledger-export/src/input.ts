import type { Deadline, Plan, Target, Task } from "@luoshi/plan-parser";

/**
 * What the exporters need: a ParsedDocument fits, and so does a plan loaded from the
 * database (no spans, no source text).
 */
export type LedgerTask = Pick<Task, "no" | "path" | "title" | "units" | "deadlines" | "targets"> &
  Partial<Pick<Task, "leadCount" | "body" | "measures">>;

export type LedgerPlan = Pick<Plan, "title" | "year"> & { tasks: LedgerTask[] };

export interface LedgerInput {
  plans: LedgerPlan[];
}

export type { Deadline, Target };
