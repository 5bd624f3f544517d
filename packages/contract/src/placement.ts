import { type Static, Type } from "@sinclair/typebox";
import { Nullable, OneOf, Timestamp } from "./common.js";
import { PERSONAL_ACCESS_LABELS, type PersonalAccess } from "./personal-data.js";

/*
 * 均衡编班 (verifiable class placement): the lottery in three steps (commit → draw → run), the runs, their
 * class lists (masked) and their verification.
 */

const Hash = Type.String({ description: "SHA-256, lower-case hex" });

export const PersonalAccessSchema = OneOf(Object.keys(PERSONAL_ACCESS_LABELS) as PersonalAccess[], {
  description: "对个人信息的访问：clear 完整、masked 脱敏、none 不可见",
});

export const CEREMONY_STATUSES = ["committed", "drawn", "done"] as const;
export type CeremonyStatus = (typeof CEREMONY_STATUSES)[number];

/** The downloads of a run and of a ceremony. */
export const PLACEMENT_FILE_KINDS = ["result", "classes", "notice"] as const;
export type PlacementFileKind = (typeof PLACEMENT_FILE_KINDS)[number];
export const CEREMONY_FILE_KINDS = ["notice", "commitment", "draw"] as const;
export type CeremonyFileKind = (typeof CEREMONY_FILE_KINDS)[number];

export const Witness = Type.Object({ name: Type.String({ maxLength: 50 }), role: Type.String({ maxLength: 50 }) });
export type Witness = Static<typeof Witness>;

/** Step 2's body: the public draw numbers, their source and the witnesses. */
export const DrawInput = Type.Object(
  {
    draw: Type.String({ maxLength: 200 }),
    source: Type.Optional(Type.String({ maxLength: 200 })),
    witnesses: Type.Array(Type.Object(Witness.properties, { additionalProperties: false }), { maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type DrawInput = Static<typeof DrawInput>;

/** A run in a list: what was placed, by which public numbers, with which hashes. */
export const PlacementSummary = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  name: Type.String(),
  classCount: Type.Integer(),
  capacities: Type.Array(Type.Integer()),
  studentCount: Type.Integer(),
  draw: Type.String(),
  seed: Hash,
  rosterHash: Hash,
  paramsHash: Hash,
  resultHash: Hash,
  rosterFilename: Type.String(),
  teachersFilename: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: Timestamp,
  /** The commitment it was computed from; null for a single-step run (旧版/未承诺). */
  commitmentId: Nullable(Type.String()),
  /** A single-step run (旧版/未承诺). */
  legacy: Type.Boolean(),
});
export type PlacementSummary = Static<typeof PlacementSummary>;

/** The first round a 补录 commitment adds to. */
export const SupplementOf = Type.Object({
  baseCommitmentHash: Hash,
  baseResultHash: Hash,
  /** Students already placed by the first round, per class (class i at index i − 1). */
  baseSizes: Type.Array(Type.Integer()),
});

/** The seed inputs of a run as result.json states them (committed runs add the ceremony's hashes and times). */
export const PlacementInputs = Type.Object({
  rosterHash: Hash,
  paramsHash: Hash,
  draw: Type.String(),
  seed: Hash,
  classCount: Type.Integer(),
  capacities: Type.Array(Type.Integer()),
  restarts: Type.Integer(),
  studentCount: Type.Integer(),
  commitmentHash: Type.Optional(Hash),
  committedAt: Type.Optional(Timestamp),
  drawHash: Type.Optional(Hash),
  drawnAt: Type.Optional(Timestamp),
  supplementOf: Type.Optional(SupplementOf),
});

export const ClassStats = Type.Object({
  classNo: Type.Integer(),
  capacity: Type.Integer(),
  size: Type.Integer(),
  male: Type.Integer(),
  female: Type.Integer(),
  scores: Type.Array(Type.Object({ name: Type.String(), mean: Type.Number(), sd: Type.Number() })),
  tags: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() })),
});
export type ClassStats = Static<typeof ClassStats>;

export const BalanceReport = Type.Object({
  scores: Type.Array(
    Type.Object({
      name: Type.String(),
      range: Type.Number(),
      maxMeanDiff: Type.Number(),
      maxMeanDiffPercent: Type.Number(),
      maxSdDiff: Type.Number(),
    }),
  ),
  maxSizeDiff: Type.Number(),
  maxGenderDiff: Type.Number(),
  tags: Type.Array(Type.Object({ name: Type.String(), maxDiff: Type.Number() })),
  constraints: Type.Object({
    allPlacedOnce: Type.Boolean(),
    capacitiesRespected: Type.Boolean(),
    groupsTogether: Type.Boolean(),
    apartRespected: Type.Boolean(),
    splitGroups: Type.Integer(),
    apartViolations: Type.Integer(),
  }),
});
export type BalanceReport = Static<typeof BalanceReport>;

/** A run in detail: per-class statistics, the balance report and the seed inputs (names stay in the downloads). */
export const PlacementDetail = Type.Object({
  ...PlacementSummary.properties,
  algorithm: Type.String(),
  inputs: PlacementInputs,
  classes: Type.Array(
    Type.Object({
      classNo: Type.Integer(),
      capacity: Type.Integer(),
      size: Type.Integer(),
      team: Type.Optional(Type.String()),
      headTeacher: Type.Optional(Type.String()),
    }),
  ),
  statistics: Type.Array(ClassStats),
  balance: BalanceReport,
  balanceLines: Type.Array(Type.String()),
  hashLines: Type.Array(Type.String()),
  /** What the caller may see of the class lists (GET /api/placements/:id only). */
  personalAccess: Type.Optional(PersonalAccessSchema),
});
export type PlacementDetail = Static<typeof PlacementDetail> & { personalAccess: PersonalAccess };

/** A ceremony in a list: what was committed, when, and how far it has come. */
export const CeremonySummary = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  name: Type.String(),
  supplement: Type.Boolean(),
  commitmentHash: Hash,
  classCount: Type.Integer(),
  studentCount: Type.Integer(),
  committedAt: Timestamp,
  drawnAt: Nullable(Timestamp),
  runId: Nullable(Type.String()),
  status: OneOf(CEREMONY_STATUSES),
  statusText: Type.String(),
});
export type CeremonySummary = Static<typeof CeremonySummary>;

/** A ceremony in detail: the commitment as published, the draw with its witnesses, the run's id. */
export const Ceremony = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  name: Type.String(),
  baseCommitmentId: Nullable(Type.String()),
  supplementOf: Nullable(SupplementOf),
  commitmentHash: Hash,
  rosterHash: Hash,
  paramsHash: Hash,
  classCount: Type.Integer(),
  capacities: Type.Array(Type.Integer()),
  studentCount: Type.Integer(),
  teacherTeams: Type.Integer(),
  drawPlan: Type.String(),
  rosterFilename: Type.String(),
  teachersFilename: Nullable(Type.String()),
  committedBy: Type.String(),
  committedAt: Timestamp,
  commitmentLines: Type.Array(Type.String()),
  draw: Nullable(
    Type.Object({
      draw: Type.String(),
      source: Type.String(),
      witnesses: Type.Array(Witness),
      drawHash: Hash,
      drawnBy: Type.String(),
      drawnAt: Timestamp,
    }),
  ),
  runId: Nullable(Type.String()),
  resultHash: Nullable(Hash),
  status: OneOf(CEREMONY_STATUSES),
  statusText: Type.String(),
});
export type Ceremony = Static<typeof Ceremony>;

/** One student of the class lists: the id always masked, the name clear only with clear access. */
export const StudentLine = Type.Object({
  classNo: Type.Integer(),
  /** Position in the class list, 1-based. */
  seat: Type.Integer(),
  id: Type.String(),
  name: Type.String(),
  gender: Type.String(),
});
export type StudentLine = Static<typeof StudentLine>;

export const StudentList = Type.Object({ access: PersonalAccessSchema, students: Type.Array(StudentLine) });
export type StudentList = Static<typeof StudentList>;

export const RevealInput = Type.Object(
  { classNo: Type.Integer({ minimum: 1, maximum: 1000 }), seat: Type.Integer({ minimum: 1, maximum: 10000 }) },
  { additionalProperties: false },
);

/** What a verification found: for committed runs every check of commitment → draw → result. */
export const VerifyAnswer = Type.Object({
  ok: Type.Boolean(),
  /** A single-step run (旧版/未承诺): nothing shows its roster was fixed before the draw. */
  legacy: Type.Boolean(),
  message: Type.String(),
  reasons: Type.Array(Type.String()),
  checks: Type.Optional(
    Type.Array(
      Type.Object({
        key: OneOf(["commitment", "roster", "params", "draw", "order", "supplement", "result"] as const),
        ok: Type.Boolean(),
        text: Type.String(),
      }),
    ),
  ),
  resultHash: Type.Optional(Hash),
  /** Which inputs came from the upload rather than from the stored run. */
  uploaded: Type.Object({ roster: Type.Boolean(), teachers: Type.Boolean(), result: Type.Boolean() }),
});
export type VerifyAnswer = Static<typeof VerifyAnswer>;

/** A refused roster's per-row problems, in the error's details. */
export interface PlacementIssue {
  code: string;
  row?: number;
  message: string;
  text: string;
}
