import type { ScoreReport } from "../eval/score.js";

/** The thresholds of "Done" (tasks/targets/deadlines are F1), keyed like a ScoreReport. */
export const DONE = {
  plans: 1,
  tasks: 0.99,
  path_accuracy: 0.97,
  units_exact_accuracy: 0.98,
  deadlines: 0.95,
  targets: 0.9,
  target_op_accuracy: 0.98,
} as const satisfies Partial<Record<keyof ScoreReport, number>>;
