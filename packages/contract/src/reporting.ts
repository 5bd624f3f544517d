import { type Static, Type } from "@sinclair/typebox";
import { Nullable } from "./common.js";
import { ReportRulesInput } from "./plans.js";
import { CadenceSchema } from "./queries.js";

/** What is due from whom: the periods of a task and 本期已报/未报 of my tasks. */

/** The periods a unit may report a task for (GET /api/tasks/:id/periods), and the plan's report rules. */
export const TaskPeriods = Type.Object({
  cadence: CadenceSchema,
  current: Nullable(Type.String()),
  periods: Type.Array(Type.Object({ period: Type.String(), label: Type.String(), reported: Type.Boolean() })),
  rules: Type.Required(ReportRulesInput),
});
export type TaskPeriods = Static<typeof TaskPeriods>;

/** 本期已报/未报 of my tasks (GET /api/tasks/mine/reporting). */
export const MyReporting = Type.Object({
  /** The current period of each cadence. */
  periods: Type.Object({
    monthly: Type.String(),
    quarterly: Type.String(),
    half_year: Type.String(),
    yearly: Type.String(),
  }),
  tasks: Type.Array(
    Type.Object({
      taskId: Type.String(),
      planId: Type.String(),
      cadence: CadenceSchema,
      period: Type.String(),
      label: Type.String(),
      units: Type.Integer(),
      reportedUnits: Type.Integer(),
      reported: Type.Boolean(),
    }),
  ),
});
export type MyReporting = Static<typeof MyReporting>;
