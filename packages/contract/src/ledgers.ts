import { type Static, type TOptional, type TSchema, Type } from "@sinclair/typebox";
import { DateString, Nullable, OneOf, Timestamp } from "./common.js";
import {
  HAZARD_CATEGORIES,
  HAZARD_GRADES,
  HAZARD_SOURCES,
  HAZARD_TRANSITIONS,
  LEDGER_ACTIONS,
  LEDGER_METRICS,
  LEDGER_STATES,
  RISK_LEVELS,
  ROUND_KINDS,
} from "./ledger-vocabulary.js";
import { SupervisionStatusSchema } from "./queries.js";

/** Requests and answers of the ledgers (issue 15): the campus safety hazard ledger and its rounds. */

export const LedgerStateSchema = OneOf(LEDGER_STATES, { description: "台账记录状态" });
export const LedgerActionSchema = OneOf(LEDGER_ACTIONS, { description: "台账操作" });
export const HazardCategorySchema = OneOf(HAZARD_CATEGORIES, { description: "隐患类别" });
export const HazardGradeSchema = OneOf(HAZARD_GRADES, { description: "隐患等级" });
export const HazardSourceSchema = OneOf(HAZARD_SOURCES, { description: "隐患性质" });
export const RiskLevelSchema = OneOf(RISK_LEVELS, { description: "风险等级" });
export const RoundKindSchema = OneOf(ROUND_KINDS, { description: "排查类型" });
export const LedgerMetricSchema = OneOf(LEDGER_METRICS, { description: "台账指标" });

const IsoDate = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const FileIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20, description: "附件编号" });
const Id = Type.String({ minLength: 1, maxLength: 64 });

/** Every field of a hazard, as answers carry them (personal ones masked unless revealed). */
const HAZARD_FIELD_SCHEMAS = {
  category: HazardCategorySchema,
  subItem: Text(100),
  location: Text(200),
  description: Text(2000),
  source: HazardSourceSchema,
  grade: HazardGradeSchema,
  riskLevel: RiskLevelSchema,
  foundOn: IsoDate,
  beforePhotos: FileIds,
  tempMeasures: Text(1000),
  responsibleId: Id,
  contactPhone: Type.String({ minLength: 1, maxLength: 32, description: "责任人联系电话（个人信息，默认脱敏）" }),
  deadline: IsoDate,
  planResponsible: Text(500),
  planMeasures: Text(2000),
  planFunds: Text(500),
  planDeadline: IsoDate,
  planContingency: Text(2000),
  afterPhotos: FileIds,
  fixNote: Text(2000),
  fixedBy: Id,
  fixedOn: IsoDate,
  reviewNote: Text(2000),
  reviewedBy: Id,
  closedOn: IsoDate,
  roundId: Id,
} satisfies Record<string, TSchema>;
type HazardFieldName = keyof typeof HAZARD_FIELD_SCHEMAS;

const HazardFieldsObject = Type.Object(HAZARD_FIELD_SCHEMAS);

/** Some fields, each optional, no other key. */
const optionalFields = <K extends HazardFieldName>(names: K[]) =>
  Type.Partial(Type.Pick(HazardFieldsObject, names), { additionalProperties: false });

/** Some fields, each optional and nullable (null clears it), no other key. */
const clearableFields = (names: HazardFieldName[]) =>
  Type.Object(
    Object.fromEntries(names.map((n) => [n, Type.Optional(Nullable(HAZARD_FIELD_SCHEMAS[n]))])) as unknown as Record<
      string,
      TOptional<TSchema>
    >,
    { additionalProperties: false },
  );

export const HazardFields = Type.Partial(HazardFieldsObject);
export type HazardFields = Static<typeof HazardFields>;

/** A hazard as found on a round. */
export const NewHazard = Type.Object(
  {
    category: HazardCategorySchema,
    subItem: Type.Optional(Text(100)),
    location: Text(200),
    description: Text(2000),
    source: HazardSourceSchema,
    grade: HazardGradeSchema,
    riskLevel: Type.Optional(RiskLevelSchema),
    foundOn: Type.Optional(IsoDate),
    beforePhotos: Type.Optional(FileIds),
    tempMeasures: Type.Optional(Text(1000)),
    contactPhone: Type.Optional(HAZARD_FIELD_SCHEMAS.contactPhone),
    planResponsible: Type.Optional(Text(500)),
    planMeasures: Type.Optional(Text(2000)),
    planFunds: Type.Optional(Text(500)),
    planDeadline: Type.Optional(IsoDate),
    planContingency: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type NewHazard = Static<typeof NewHazard>;

export const ChecklistResult = Type.Object(
  {
    category: HazardCategorySchema,
    item: Text(200),
    ok: Type.Boolean({ description: "该项是否正常" }),
    note: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type ChecklistResult = Static<typeof ChecklistResult>;

/** An inspection round: its checklist as gone through, and the hazards it found (none: a zero report). */
export const NewRound = Type.Object(
  {
    orgId: Type.Optional(Id),
    kind: RoundKindSchema,
    heldOn: IsoDate,
    checklist: Type.Array(ChecklistResult, { maxItems: 300 }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    hazards: Type.Array(NewHazard, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type NewRound = Static<typeof NewRound>;

/** The fields each workflow step accepts. */
export const HazardStep = Type.Union([
  Type.Object(
    {
      action: Type.Literal("assign"),
      fields: optionalFields([
        "responsibleId",
        "contactPhone",
        "deadline",
        "tempMeasures",
        "planResponsible",
        "planMeasures",
        "planFunds",
        "planDeadline",
        "planContingency",
      ]),
      note: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal("submit_fix"),
      fields: optionalFields(["afterPhotos", "fixNote"]),
      note: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Union([Type.Literal("pass_review"), Type.Literal("fail_review")]),
      fields: optionalFields(["reviewNote", "deadline"]),
      note: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
]);
export type HazardStep = Static<typeof HazardStep>;
export const HAZARD_STEP_ACTIONS = HAZARD_TRANSITIONS;

/** A correction: editable fields (null clears one) and why. */
export const HazardCorrection = Type.Object(
  {
    fields: clearableFields([
      "category",
      "subItem",
      "location",
      "description",
      "source",
      "grade",
      "riskLevel",
      "foundOn",
      "beforePhotos",
      "tempMeasures",
      "responsibleId",
      "contactPhone",
      "deadline",
      "planResponsible",
      "planMeasures",
      "planFunds",
      "planDeadline",
      "planContingency",
      "afterPhotos",
      "fixNote",
      "reviewNote",
    ]),
    note: Text(2000),
  },
  { additionalProperties: false },
);
export type HazardCorrection = Static<typeof HazardCorrection>;

const FieldValue = Type.Union([Type.String(), Type.Number(), Type.Array(Type.String()), Type.Null()]);

export const LedgerHistoryEntry = Type.Object({
  seq: Type.Integer(),
  action: LedgerActionSchema,
  fromState: Nullable(LedgerStateSchema),
  toState: LedgerStateSchema,
  changes: Type.Record(Type.String(), Type.Object({ from: FieldValue, to: FieldValue }), {
    description: "每个改动的字段：原值与新值（个人信息脱敏）",
  }),
  note: Nullable(Type.String()),
  actorId: Type.String(),
  actorName: Nullable(Type.String()),
  at: Timestamp,
});
export type LedgerHistoryEntry = Static<typeof LedgerHistoryEntry>;

export const Hazard = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  state: LedgerStateSchema,
  fields: HazardFields,
  /** Past its rectification deadline and not written off (the status engine's rule, as of the server's today). */
  overdue: Type.Boolean(),
  version: Type.Integer(),
  createdBy: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Display names of the people the fields name (responsible, fixer, reviewer). */
  people: Type.Record(Type.String(), Type.String(), { description: "用户编号 → 姓名" }),
});
export type Hazard = Static<typeof Hazard>;

export const HazardDetail = Type.Object({ ...Hazard.properties, history: Type.Array(LedgerHistoryEntry) });
export type HazardDetail = Static<typeof HazardDetail>;

export const HazardQuery = Type.Object({
  orgId: Type.Optional(Id),
  category: Type.Optional(HazardCategorySchema),
  grade: Type.Optional(HazardGradeSchema),
  state: Type.Optional(LedgerStateSchema),
  overdue: Type.Optional(Type.Boolean()),
  foundFrom: Type.Optional(IsoDate),
  foundTo: Type.Optional(IsoDate),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

export const Round = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  kind: RoundKindSchema,
  heldOn: DateString,
  checklist: Type.Array(ChecklistResult),
  hazardCount: Type.Integer(),
  /** A round that found nothing: the zero report of inspections. */
  zeroReport: Type.Boolean(),
  note: Nullable(Type.String()),
  recordedBy: Type.String(),
  recordedByName: Nullable(Type.String()),
  recordedAt: Timestamp,
});
export type Round = Static<typeof Round>;

export const RoundRecorded = Type.Object({ round: Round, hazards: Type.Array(Hazard) });

export const RoundQuery = Type.Object({
  orgId: Type.Optional(Id),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
});

/** The region's settings of the hazard ledger: default rectification days and checklists per category. */
export const HazardConfig = Type.Object(
  {
    deadlineDays: Type.Object(
      {
        general: Type.Integer({ minimum: 1, maximum: 365 }),
        major: Type.Integer({ minimum: 1, maximum: 1095 }),
      },
      { additionalProperties: false },
    ),
    checklists: Type.Record(Type.String(), Type.Array(Text(200), { maxItems: 100 }), {
      description: "隐患类别 → 排查清单条目",
    }),
  },
  { additionalProperties: false },
);
export type HazardConfig = Static<typeof HazardConfig>;

/** Personal fields of one hazard in clear (an audited reveal). */
export const HazardReveal = Type.Object({
  id: Type.String(),
  fields: Type.Record(Type.String(), Nullable(Type.String()), { description: "个人信息字段 → 明文" }),
});

export const LedgerMetricValue = Type.Object({
  metric: LedgerMetricSchema,
  value: Nullable(Type.Number()),
  numerator: Type.Integer(),
  denominator: Nullable(Type.Integer()),
  recordIds: Type.Array(Type.String()),
  baseIds: Type.Array(Type.String()),
});
export type LedgerMetricValue = Static<typeof LedgerMetricValue>;

export const HazardIndicatorsQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  asOf: Type.Optional(IsoDate),
  orgId: Type.Optional(Id),
});

export const HazardIndicators = Type.Object({
  from: DateString,
  to: DateString,
  asOf: DateString,
  metrics: Type.Array(LedgerMetricValue),
});
export type HazardIndicators = Static<typeof HazardIndicators>;

/** A plan indicator bound to a ledger metric. */
export const LedgerBinding = Type.Object({
  indicatorId: Type.String(),
  taskId: Type.String(),
  indicatorText: Type.String(),
  metric: LedgerMetricSchema,
  boundBy: Type.String(),
  boundByName: Nullable(Type.String()),
  boundAt: Timestamp,
});
export type LedgerBinding = Static<typeof LedgerBinding>;

/** An indicator whose subject names a metric's synonym: offered, not yet bound. */
export const LedgerBindingSuggestion = Type.Object({
  indicatorId: Type.String(),
  taskId: Type.String(),
  indicatorText: Type.String(),
  subject: Type.String(),
  metric: LedgerMetricSchema,
  matched: Type.String({ description: "命中的同义词" }),
});

export const PlanLedgerBindings = Type.Object({
  bindings: Type.Array(LedgerBinding),
  suggestions: Type.Array(LedgerBindingSuggestion),
});
export type PlanLedgerBindings = Static<typeof PlanLedgerBindings>;

export const BindIndicator = Type.Object({ metric: LedgerMetricSchema }, { additionalProperties: false });

/**
 * A hazard on the warnings board (issue 15): red past its rectification deadline, yellow close to
 * it (the status engine's rule), and every open 重大 hazard (escalated to the bureau) whatever its
 * status; with the 督办单 already issued about it.
 */
export const HazardWarning = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  category: HazardCategorySchema,
  grade: HazardGradeSchema,
  location: Type.String(),
  description: Type.String(),
  state: LedgerStateSchema,
  foundOn: Nullable(DateString),
  deadline: Nullable(DateString),
  status: SupervisionStatusSchema,
  /** Reason codes as the board's (past_due, due_soon). */
  reasons: Type.Array(Type.String()),
  /** 督办单 issued about the hazard and not yet 办结. */
  openNotices: Type.Integer({ minimum: 0 }),
});
export type HazardWarning = Static<typeof HazardWarning>;
