import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { DateString, Nullable, OneOf } from "./common.js";
import { Report, TaskStatusSchema } from "./progress.js";
import {
  ASSIGNMENT_ROLES,
  CADENCES,
  DEADLINE_KINDS,
  PLAN_STATUSES,
  SUPERVISION_STATUSES,
  TARGET_OPS,
  TASK_STATUSES,
  type WarningLevel,
} from "./vocabulary.js";

/** The status engine's verdict. */
export const SupervisionStatusSchema = OneOf(SUPERVISION_STATUSES, { description: "预警状态" });
export const TargetOpSchema = OneOf(TARGET_OPS, { description: "指标关系" });
export const DeadlineKindSchema = OneOf(DEADLINE_KINDS, { description: "时限类型" });
export const CadenceSchema = OneOf(CADENCES, { description: "填报周期" });
export const PlanStatusSchema = OneOf(PLAN_STATUSES, { description: "计划状态" });

/** A deadline as the parser read it (text, date when one was found). */
export const Deadline = Type.Object({ text: Type.String(), date: Nullable(DateString), kind: DeadlineKindSchema });
export type Deadline = Static<typeof Deadline>;

/** A quantified target as the parser read it. */
export const Target = Type.Object({
  text: Type.String(),
  subject: Type.String(),
  op: TargetOpSchema,
  value: Nullable(Type.Number()),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  unit: Type.String(),
  baseline: Type.Optional(Nullable(Type.Number())),
});
export type Target = Static<typeof Target>;

/** One unit's assignment on a task, with its latest report's status. */
export const Assignee = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  role: OneOf(ASSIGNMENT_ROLES),
  status: TaskStatusSchema,
  percent: Type.Integer(),
  period: Nullable(Type.String()),
  supervision: Nullable(SupervisionStatusSchema),
});
export type Assignee = Static<typeof Assignee>;

export const Milestone = Type.Object({
  taskId: Type.String(),
  seq: Type.Integer(),
  text: Type.String(),
  dueDate: Nullable(DateString),
  kind: DeadlineKindSchema,
  /** The status engine's current status of the milestone. */
  status: Nullable(SupervisionStatusSchema),
});
export type Milestone = Static<typeof Milestone>;

/** A published task in the ledger (GET /api/tasks); `assigneeCount` counts all its assignees, where a unit's own list shows only some. */
export const TaskRow = Type.Object({
  id: Type.String(),
  planId: Type.String(),
  planTitle: Type.String(),
  no: Type.String(),
  title: Type.String(),
  section: Nullable(Type.String()),
  path: Type.Array(Type.String()),
  units: Type.Array(Type.String()),
  assignees: Type.Array(Assignee),
  milestones: Type.Array(Milestone),
  status: TaskStatusSchema,
  supervision: Nullable(SupervisionStatusSchema),
  nextDue: Nullable(DateString),
  overdue: Type.Boolean(),
  assigneeCount: Type.Optional(Type.Integer({ description: "All assignees of the task (my tasks lists only some)" })),
});
export type TaskRow = Static<typeof TaskRow>;

export const TasksReply = Type.Object({ tasks: Type.Array(TaskRow) });

export const TasksQuery = Type.Object({
  planId: Type.Optional(Type.String({ maxLength: 64 })),
  section: Type.Optional(Type.String({ maxLength: 500 })),
  orgId: Type.Optional(Type.String({ maxLength: 64 })),
  status: Type.Optional(OneOf(TASK_STATUSES)),
  supervision: Type.Optional(SupervisionStatusSchema),
  dueFrom: Type.Optional(Type.String({ format: "date" })),
  dueTo: Type.Optional(Type.String({ format: "date" })),
  mine: Type.Optional(Type.Boolean()),
  overdue: Type.Optional(Type.Boolean()),
});
export type TasksQuery = Static<typeof TasksQuery>;

/** The ledger page's filters, as the ledger exports take them: the file holds the rows the page shows. */
export const LedgerExportQuery = Type.Omit(TasksQuery, ["planId", "mine"]);
export type LedgerExportQuery = Static<typeof LedgerExportQuery>;

/** An indicator with its latest actual and whether it is attained (null: not yet judged). */
export const Indicator = Type.Object({
  id: Type.String(),
  taskId: Type.String(),
  taskNo: Nullable(Type.String()),
  subject: Type.String(),
  text: Type.String(),
  op: TargetOpSchema,
  baseline: Nullable(Type.Number()),
  targetValue: Nullable(Type.Number()),
  targetMin: Nullable(Type.Number()),
  targetMax: Nullable(Type.Number()),
  unit: Type.String(),
  actual: Nullable(Type.Number()),
  period: Nullable(Type.String()),
  attained: Nullable(Type.Boolean()),
  /** A value computed from a ledger: how (e.g. a screening rate's numerator, denominator and last year's). */
  derivation: Type.Optional(Type.String()),
});
export type Indicator = Static<typeof Indicator>;

export const UnitCompletion = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  total: Type.Integer(),
  done: Type.Integer(),
  inProgress: Type.Integer(),
  blocked: Type.Integer(),
  overdue: Type.Integer(),
  completionRate: Type.Number({ description: "0–1" }),
});
export type UnitCompletion = Static<typeof UnitCompletion>;

export const TaskDetail = Type.Object({
  task: Type.Object({
    id: Type.String(),
    planId: Type.String(),
    no: Type.String(),
    title: Type.String(),
    path: Type.Array(Type.String()),
    units: Type.Array(Type.String()),
    deadlines: Type.Array(Deadline),
    targets: Type.Array(Target),
    body: Type.String(),
    measures: Type.Array(Type.String()),
    status: TaskStatusSchema,
    supervision: Nullable(SupervisionStatusSchema),
    nextDue: Nullable(DateString),
    overdue: Type.Boolean(),
    /** The task's own reporting cadence; null follows the plan's. */
    cadence: Type.Optional(Nullable(CadenceSchema)),
  }),
  plan: Type.Object({
    id: Type.String(),
    title: Type.String(),
    year: Nullable(Type.Integer()),
    status: PlanStatusSchema,
    cadence: CadenceSchema,
  }),
  assignees: Type.Array(Assignee),
  milestones: Type.Array(Milestone),
  indicators: Type.Array(Indicator),
  reports: Type.Array(Report),
});
export type TaskDetail = Static<typeof TaskDetail>;

const CountFields = {
  total: Type.Integer(),
  done: Type.Integer(),
  inProgress: Type.Integer(),
  blocked: Type.Integer(),
  notStarted: Type.Integer(),
  overdue: Type.Integer(),
};
export const Counts = Type.Object(CountFields);
export type Counts = Static<typeof Counts>;

const PlanRef = Type.Object({ id: Type.String(), title: Type.String(), year: Nullable(Type.Integer()) });

/** The dashboard of one published plan; without one, only `plans`, `plan: null` and `today`. */
export const Dashboard = Type.Object({
  plans: Type.Array(PlanRef),
  plan: Nullable(PlanRef),
  today: DateString,
  totals: Type.Optional(Counts),
  bySection: Type.Optional(Type.Array(Type.Object({ section: Type.String(), ...CountFields }))),
  byUnit: Type.Optional(Type.Array(UnitCompletion)),
  warnings: Type.Optional(
    Type.Object({ green: Type.Integer(), yellow: Type.Integer(), red: Type.Integer() } satisfies Record<
      WarningLevel,
      TSchema
    >),
  ),
  overdue: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String(),
        no: Type.String(),
        title: Type.String(),
        section: Nullable(Type.String()),
        status: TaskStatusSchema,
        dueDates: Type.Array(DateString),
        units: Type.Array(Type.String()),
      }),
    ),
  ),
  indicators: Type.Optional(
    Type.Object({
      attained: Type.Integer(),
      missed: Type.Integer(),
      unknown: Type.Integer(),
      items: Type.Array(Indicator),
    }),
  ),
  trend: Type.Optional(
    Type.Array(Type.Object({ month: Type.String(), reports: Type.Integer(), completionRate: Type.Number() })),
  ),
});
export type Dashboard = Static<typeof Dashboard>;

export const DashboardQuery = Type.Object({ planId: Type.Optional(Type.String({ maxLength: 64 })) });
