import { type Static, Type } from "@sinclair/typebox";
import { DateString, Nullable, OneOf } from "./common.js";
import { OrgKindSchema } from "./orgs.js";

/** 年度考核: each unit's raw facts, the rates and score derived from them, and its rank in its group. */

const Weight = Type.Number({ minimum: 0, maximum: 100 });

export const EvaluationWeights = Type.Object({
  completion: Weight,
  timeliness: Weight,
  attainment: Weight,
  /** Points taken off per notice received. */
  noticePenalty: Weight,
});
export type EvaluationWeights = Static<typeof EvaluationWeights>;

export const EvaluationWeightsInput = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }), ...EvaluationWeights.properties },
  { additionalProperties: false },
);

const Components = { completion: Type.Number(), timeliness: Type.Number(), attainment: Type.Number() };

export const RANK_GROUPS = ["department", "school", "other"] as const;
export type RankGroup = (typeof RANK_GROUPS)[number];

export const UnitScore = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  orgKind: OrgKindSchema,
  orgSort: Type.Number(),
  /** Assignments (as lead or co-unit) by status. */
  total: Type.Integer(),
  done: Type.Integer(),
  normal: Type.Integer(),
  warning: Type.Integer(),
  overdue: Type.Integer(),
  /** Progress reports whose deadline had passed, and how they were met (a missing one is late). */
  expectedReports: Type.Integer(),
  onTime: Type.Integer(),
  late: Type.Integer(),
  missing: Type.Integer(),
  indicators: Type.Integer(),
  indicatorsDone: Type.Integer(),
  notices: Type.Integer(),
  /** done / total, 0–1. */
  completion: Type.Number(),
  /** onTime / expectedReports, 0–1; null when no report was due yet. */
  timeliness: Nullable(Type.Number()),
  /** indicatorsDone / indicators, 0–1; null when the unit's tasks have no indicators. */
  attainment: Nullable(Type.Number()),
  score: Type.Number(),
  rank: Type.Integer(),
  /** The weights applied after spreading those of components the unit has no data for. */
  appliedWeights: Type.Object(Components),
  breakdown: Type.Object({ ...Components, noticePenalty: Type.Number() }),
});
export type UnitScore = Static<typeof UnitScore>;

export const Evaluation = Type.Object({
  year: Type.Integer(),
  asOf: DateString,
  weights: EvaluationWeights,
  formula: Type.String(),
  issuer: Type.String(),
  groups: Type.Array(Type.Object({ group: OneOf(RANK_GROUPS), label: Type.String(), units: Type.Array(UnitScore) })),
});
export type Evaluation = Static<typeof Evaluation>;

export const EvaluationQuery = Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
