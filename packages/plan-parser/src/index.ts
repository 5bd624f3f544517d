export * from "./errors.js";
export type {
  F1,
  ScoreCounts,
  ScoredDeadline,
  ScoredDocument,
  ScoredPlan,
  ScoredTarget,
  ScoredTask,
  ScoreReport,
  Tally,
} from "./eval/score.js";
export { addCounts, emptyCounts, scoreCounts, scoreDocument, toReport } from "./eval/score.js";
export type * from "./model.js";
export { parseDocument, parsePlan, toSchemaJson } from "./parse.js";
export type { ConvertTarget, DocumentConverter } from "./readers/convert.js";
export { detectFormat, type ReadOptions, readDocument } from "./readers/index.js";
export { DEFAULT_LIMITS, type LimitCode, limitError, type ReadLimits, readLimits } from "./readers/limits.js";
