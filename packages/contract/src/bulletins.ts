import { type Static, Type } from "@sinclair/typebox";
import { DateString, Nullable, Timestamp } from "./common.js";

/** 通报: a period's figures computed from the records as of its end, with its Word text and Excel appendix. */

export const BULLETIN_FORMATS = ["docx", "xlsx"] as const;
export type BulletinFormat = (typeof BULLETIN_FORMATS)[number];

/** One unit's overdue tasks as of the period's end. */
export const OverdueGroup = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  tasks: Type.Array(
    Type.Object({
      taskNo: Type.String(),
      taskTitle: Type.String(),
      dueDate: Nullable(DateString),
      /** Reason codes (STATUS_REASON_LABELS; missing_report carries ":<period>"). */
      reasons: Type.Array(Type.String()),
    }),
  ),
});
export type OverdueGroup = Static<typeof OverdueGroup>;

/** What a bulletin states: its totals as of `asOf`. Bulletins generated before the grouped list lack overdueByUnit. */
export const BulletinSummary = Type.Object({
  asOf: DateString,
  total: Type.Integer(),
  done: Type.Integer(),
  normal: Type.Integer(),
  warning: Type.Integer(),
  overdue: Type.Integer(),
  /** done / total, 0–1. */
  completion: Type.Number(),
  indicators: Type.Integer(),
  indicatorsDone: Type.Integer(),
  overdueByUnit: Type.Optional(Type.Array(OverdueGroup)),
});
export type BulletinSummary = Static<typeof BulletinSummary>;

export const Bulletin = Type.Object({
  id: Type.String(),
  regionId: Type.String(),
  orgId: Type.String(),
  period: Type.String({ description: "YYYY-MM or YYYY-Qn" }),
  title: Type.String(),
  /** 发文字号; null on bulletins generated before letterheads. */
  docNo: Nullable(Type.String()),
  docxFileId: Type.String(),
  xlsxFileId: Type.String(),
  summary: BulletinSummary,
  generatedBy: Nullable(Type.String()),
  generatedAt: Timestamp,
  createdAt: Timestamp,
});
export type Bulletin = Static<typeof Bulletin>;

export const BulletinInput = Type.Object({ period: Type.String({ maxLength: 7 }) }, { additionalProperties: false });
