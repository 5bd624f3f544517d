export { type BalanceOutcome, balanceClasses } from "./balance.js";
export {
  ALGORITHM,
  canonicalJson,
  canonicalParams,
  canonicalRosterCsv,
  deriveSeed,
  normalizeDraw,
  type SeedInputs,
  sha256Hex,
} from "./canonical.js";
export {
  CeremonyError,
  type CommitInput,
  checkInputs,
  committedSeed,
  type DrawInput,
  isCeremonyError,
  openCommitment,
  openDraw,
  paramsFromCanonical,
  paramsFromCommitment,
  paramsHashOf,
  rosterHashOf,
  runCommitted,
  sealCommitment,
  sealDraw,
  supplementParams,
  type VerifyCommittedInput,
  type VerifyCommittedOutcome,
  verifyCommitted,
} from "./ceremony.js";
export { beijingTime, CEREMONY_ERRORS, type CeremonyErrorCode, CHECK_TEXT } from "./ceremony-messages.js";
export * from "./ceremony-model.js";
export { classListsXlsx } from "./class-lists-xlsx.js";
export { type CommitmentNoticeOptions, commitmentLines, commitmentNoticeDocx } from "./commitment-notice-docx.js";
export { LABELS, type PlacementIssueCode, VERIFY_REASONS } from "./messages.js";
export * from "./model.js";
export { DEFAULT_RESTARTS, type ParamsInput, resolveParams, targetSizes } from "./params.js";
export {
  drawTeachers,
  type PlacedClass,
  type PlacementResult,
  type PlacementRun,
  placeSeeded,
  RESULT_FORMAT,
  type ResultInputs,
  runPlacement,
  type VerifyOutcome,
  verifyPlacement,
} from "./placement.js";
export { type PrepareInput, preparePlacement } from "./prepare.js";
export { balanceLines, hashLines, statisticsTable, type TextTable } from "./presenters.js";
export { Xoshiro128 } from "./prng.js";
export { type NoticeOptions, noticeDate, publicNoticeDocx } from "./public-notice-docx.js";
export { decodeCsvBytes, parseCsvText, readCsvTable } from "./roster-csv.js";
export { normalizeText, parseGender, parseRosterRows } from "./roster-rows.js";
export { readXlsxTable } from "./roster-xlsx.js";
export { snakeAssignment, totalScore } from "./snake.js";
export {
  type BalanceReport,
  type ClassStats,
  type ConstraintCheck,
  evaluateAssignment,
  type ScoreStat,
} from "./stats.js";
export { type SyntheticOptions, syntheticRosterRows } from "./synthetic.js";
export { readTableFile, tableFromBytes } from "./table-file.js";
export { parseTeacherRows } from "./teachers.js";
