import type { Task, TaskDoubt } from "../model.js";

/** What each doubt leaves of the confidence; several multiply. */
const WEIGHT: Record<TaskDoubt, number> = {
  NUMBERING_GAP: 0.6,
  YEAR_INFERRED: 0.85,
  YEAR_UNKNOWN: 0.6,
  TABLE_HEADER_GUESSED: 0.75,
  JOINED_LINE: 0.85,
  INLINE_ITEM: 0.85,
  UNITS_UNSPLIT: 0.7,
  NO_UNITS: 0.8,
};

/** A task's doubts before any is found: shared, never written (doubt() gives a task its own list). */
export const NO_DOUBTS: TaskDoubt[] = [];

/** Adds a doubt to a task (once). */
export function doubt(task: Task, reason: TaskDoubt): void {
  if (!task.reasons || task.reasons === NO_DOUBTS) task.reasons = [reason];
  else if (!task.reasons.includes(reason)) task.reasons.push(reason);
}

/** Sets each task's confidence from its doubts (those found while it was read, and the plan's year). */
export function rateTasks(tasks: Task[], year: "title" | "inferred" | "unknown"): void {
  for (const task of tasks) {
    if (task.units.length === 0) doubt(task, "NO_UNITS");
    if (year !== "title" && task.deadlines.some((d) => d.kind === "by"))
      doubt(task, year === "inferred" ? "YEAR_INFERRED" : "YEAR_UNKNOWN");
    const reasons = task.reasons ?? NO_DOUBTS;
    if (reasons.length === 0) {
      task.confidence = 1;
      task.reasons = NO_DOUBTS;
      continue;
    }
    let confidence = 1;
    for (const r of reasons) confidence *= WEIGHT[r];
    task.confidence = Math.round(confidence * 100) / 100;
  }
}
