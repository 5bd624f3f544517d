import { type Static, Type } from "@sinclair/typebox";
import { OneOf, Timestamp } from "./common.js";
import { PERIOD_PATTERN_SOURCE, TASK_STATUSES } from "./vocabulary.js";

export const TaskStatusSchema = OneOf(TASK_STATUSES, { description: "任务状态" });
export const Period = Type.String({
  pattern: PERIOD_PATTERN_SOURCE,
  description: "填报周期：2024-05、2024-Q2、2024-H1 或 2024",
});

export const Actual = Type.Object({ indicatorId: Type.String({ maxLength: 64 }), value: Type.Number() });
export type Actual = Static<typeof Actual>;

export const ReportBody = Type.Object(
  {
    orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    period: Type.String({ minLength: 4, maxLength: 7 }),
    status: TaskStatusSchema,
    narrative: Type.String({ maxLength: 10000, default: "" }),
    percent: Type.Integer({ minimum: 0, maximum: 100 }),
    actuals: Type.Optional(Type.Array(Actual, { maxItems: 100 })),
    fileIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type ReportBody = Static<typeof ReportBody>;

const ReportFields = {
  id: Type.String(),
  taskId: Type.String(),
  orgId: Type.String(),
  period: Type.String(),
  status: TaskStatusSchema,
  narrative: Type.String(),
  percent: Type.Integer(),
  submittedBy: Type.String(),
  submittedAt: Timestamp,
  updatedAt: Timestamp,
  actuals: Type.Array(Actual),
};

/** The report as saved (a resubmission for the same period replaces it). */
export const SavedReport = Type.Object({ ...ReportFields, fileIds: Type.Array(Type.String()) });
export type SavedReport = Static<typeof SavedReport>;

/** An evidence file as a report lists it. */
export const EvidenceRef = Type.Object({
  id: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
});
export type EvidenceRef = Static<typeof EvidenceRef>;

/** A report in a task's history, with its unit's name and evidence. */
export const Report = Type.Object({ ...ReportFields, orgName: Type.String(), evidence: Type.Array(EvidenceRef) });
export type Report = Static<typeof Report>;
