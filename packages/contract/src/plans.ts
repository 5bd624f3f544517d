import { type Static, Type } from "@sinclair/typebox";
import { Nullable, OneOf, Timestamp } from "./common.js";
import { CadenceSchema, Deadline, DeadlineKindSchema, PlanStatusSchema, Target, TargetOpSchema } from "./queries.js";

/** Where an item sits in the plan's source text. */
export const Span = Type.Object({
  start: Type.Integer(),
  end: Type.Integer(),
  startLine: Type.Integer(),
  endLine: Type.Integer(),
});
export type Span = Static<typeof Span>;

/** A note of the parser about the document or a plan (codes: the parser's DiagnosticCode). */
export const Diagnostic = Type.Object({
  code: Type.String(),
  severity: OneOf(["warning", "info"] as const),
  message: Type.String(),
  span: Type.Optional(Span),
});
export type Diagnostic = Static<typeof Diagnostic>;

/**
 * What a progress report of a plan must carry, as set (a missing key takes the default: a narrative
 * always, no evidence required).
 */
export const ReportRulesInput = Type.Object(
  {
    narrative: Type.Optional(Type.Union([Type.Literal("always"), Type.Literal("when_blocked")])),
    evidence: Type.Optional(Type.Union([Type.Literal("never"), Type.Literal("when_done"), Type.Literal("always")])),
  },
  { additionalProperties: false },
);
/** The rules in force (defaults filled in). */
export type ReportRules = Required<Static<typeof ReportRulesInput>>;

/** A plan as the list shows it. */
export const PlanSummary = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  orgId: Type.String(),
  title: Type.String(),
  year: Nullable(Type.Integer()),
  status: PlanStatusSchema,
  cadence: CadenceSchema,
  sourceFilename: Nullable(Type.String()),
  publishedAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
export type PlanSummary = Static<typeof PlanSummary>;

/** A plan with its parse notes (without its source text: GET /api/plans/:id/source). */
export const Plan = Type.Object({
  ...PlanSummary.properties,
  sourceFormat: Nullable(Type.String()),
  diagnostics: Type.Array(Diagnostic),
  createdBy: Nullable(Type.String()),
  updatedAt: Timestamp,
  /** Why the plan was withdrawn (撤回) or archived. */
  statusReason: Type.Optional(Nullable(Type.String())),
  /** What a progress report of this plan must carry ({} = the defaults). */
  reportRules: Type.Optional(ReportRulesInput),
});
export type Plan = Static<typeof Plan>;

/** A plan just imported, with the number of tasks found. */
export const ImportedPlan = Type.Object({ ...Plan.properties, taskCount: Type.Integer() });
export type ImportedPlan = Static<typeof ImportedPlan>;

/** A task of a plan (draft or published), as the review page edits it. */
export const PlanTask = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  planId: Type.String(),
  seq: Type.Integer(),
  no: Type.String(),
  path: Type.Array(Type.String()),
  title: Type.String(),
  units: Type.Array(Type.String()),
  leadCount: Type.Integer(),
  deadlines: Type.Array(Deadline),
  targets: Type.Array(Target),
  body: Type.String(),
  measures: Type.Array(Type.String()),
  span: Nullable(Span),
  /** The parser's confidence (0–1) and its doubts (codes, the parser's TaskDoubt). */
  confidence: Type.Number({ description: "0–1" }),
  reasons: Type.Array(Type.String()),
  /** The task's own reporting cadence; null follows the plan's. */
  cadence: Type.Optional(Nullable(CadenceSchema)),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type PlanTask = Static<typeof PlanTask>;

export const PlanDetail = Type.Object({ plan: Plan, tasks: Type.Array(PlanTask) });
export type PlanDetail = Static<typeof PlanDetail>;

export const PlanSource = Type.Object({
  text: Type.String(),
  filename: Nullable(Type.String()),
  format: Nullable(Type.String()),
});
export type PlanSource = Static<typeof PlanSource>;

export const PlanPatchBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    year: Type.Optional(Nullable(Type.Integer({ minimum: 2000, maximum: 2100 }))),
    cadence: Type.Optional(CadenceSchema),
  },
  { additionalProperties: false },
);
export type PlanPatchBody = Static<typeof PlanPatchBody>;

export const DeadlineInput = Type.Object({
  text: Type.String({ maxLength: 200 }),
  date: Nullable(Type.String({ format: "date" })),
  kind: DeadlineKindSchema,
});
export const TargetInput = Type.Object({
  text: Type.String({ maxLength: 500 }),
  subject: Type.String({ maxLength: 200 }),
  op: TargetOpSchema,
  value: Nullable(Type.Number()),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  unit: Type.String({ maxLength: 20 }),
  baseline: Type.Optional(Nullable(Type.Number())),
});
const Strings = (max: number) => Type.Array(Type.String({ minLength: 1, maxLength: max }), { maxItems: 200 });

/** A draft task's fields as a client sends them: all to add a task, any of them to correct one. */
export const TaskFields = Type.Object(
  {
    no: Type.String({ minLength: 1, maxLength: 20 }),
    title: Type.String({ minLength: 1, maxLength: 500 }),
    path: Type.Optional(Strings(500)),
    units: Type.Optional(Strings(100)),
    leadCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
    deadlines: Type.Optional(Type.Array(DeadlineInput, { maxItems: 50 })),
    targets: Type.Optional(Type.Array(TargetInput, { maxItems: 50 })),
    body: Type.Optional(Type.String({ maxLength: 20000 })),
    measures: Type.Optional(Strings(5000)),
  },
  { additionalProperties: false },
);
export type TaskFields = Static<typeof TaskFields>;
export const TaskPatchBody = Type.Partial(TaskFields, { additionalProperties: false });
export type TaskPatchBody = Static<typeof TaskPatchBody>;

/** A published task's title or body corrected from the ledger. */
export const TaskCorrectionBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    body: Type.Optional(Type.String({ maxLength: 20000 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type TaskCorrectionBody = Static<typeof TaskCorrectionBody>;

/** How one unit name of a plan resolves to organisations. */
export const UnitResolution = Type.Object({
  unitName: Type.String(),
  status: OneOf(["resolved", "ignored", "unresolved"] as const),
  via: Type.Optional(OneOf(["name", "alias", "mapping", "group", "fanout"] as const)),
  orgIds: Type.Array(Type.String()),
});
export type UnitResolution = Static<typeof UnitResolution>;

export const UnitsReply = Type.Object({ units: Type.Array(UnitResolution), unresolved: Type.Array(Type.String()) });
export type UnitsReply = Static<typeof UnitsReply>;

export const UnitMappingsBody = Type.Object({
  mappings: Type.Array(
    Type.Object({
      unitName: Type.String({ minLength: 1, maxLength: 100 }),
      orgId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
      ignored: Type.Optional(Type.Boolean()),
    }),
    { minItems: 1, maxItems: 500 },
  ),
});
export type UnitMappingsBody = Static<typeof UnitMappingsBody>;

export const PublishReply = Type.Object({
  plan: Plan,
  assignments: Type.Integer(),
  milestones: Type.Integer(),
  indicators: Type.Integer(),
  /** Tasks published without a unit or a deadline (on the 待分配 list). */
  gaps: Type.Optional(Type.Object({ unit: Type.Integer(), deadline: Type.Integer() })),
});
export type PublishReply = Static<typeof PublishReply>;

const DiffTask = Type.Object({
  no: Type.String(),
  title: Type.String(),
  units: Type.Array(Type.String()),
  deadlines: Type.Array(Deadline),
  targets: Type.Array(Target),
  body: Type.String(),
});

/** A revised document compared with the plan (applied to the draft when `applied`). */
export const ReimportReply = Type.Object({
  added: Type.Array(DiffTask),
  removed: Type.Array(Type.Object({ id: Type.String(), ...DiffTask.properties })),
  changed: Type.Array(
    Type.Object({
      before: Type.Object({ id: Type.String(), ...DiffTask.properties }),
      after: DiffTask,
      fields: Type.Array(Type.String()),
    }),
  ),
  unchanged: Type.Integer(),
  applied: Type.Boolean(),
});
export type ReimportReply = Static<typeof ReimportReply>;

/** What a task may lack before publishing: a responsible unit, a deadline, an indicator. */
export const GAP_KINDS = ["unit", "deadline", "indicator"] as const;
export type Gap = (typeof GAP_KINDS)[number];

/** Tasks lacking a unit, a deadline or an indicator (GET /api/plans/:id/gaps). */
export const GapReport = Type.Object({
  taskCount: Type.Integer(),
  counts: Type.Object({ unit: Type.Integer(), deadline: Type.Integer(), indicator: Type.Integer() }),
  /** Tasks with a unit or deadline gap: publishing with them takes an explicit choice. */
  blocking: Type.Integer(),
  tasks: Type.Array(
    Type.Object({ taskId: Type.String(), no: Type.String(), title: Type.String(), gaps: Type.Array(OneOf(GAP_KINDS)) }),
  ),
});
export type GapReport = Static<typeof GapReport>;

const OrgIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500 });

/** Batch assignment: lead and co-units, a deadline and a cadence for the chosen tasks (before or after publishing). */
export const BatchAssignment = Type.Object(
  {
    taskIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 2000 }),
    lead: Type.Optional(OrgIds),
    co: Type.Optional(OrgIds),
    dueDate: Type.Optional(Type.String({ format: "date" })),
    cadence: Type.Optional(Nullable(CadenceSchema)),
  },
  { additionalProperties: false },
);
export type BatchAssignment = Static<typeof BatchAssignment>;
