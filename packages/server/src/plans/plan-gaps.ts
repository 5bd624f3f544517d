import type { Gap, GapReport } from "@luoshi/contract";
import type { DeadlineJson } from "../db/schema.js";
import type { Resolution } from "./unit-resolution.js";

/**
 * What a task lacks before units can work on it: a responsible unit, a deadline, an indicator.
 * Unit and deadline gaps orphan a task (nobody reports, nothing falls due), so publishing with
 * them takes an explicit choice; a missing indicator is shown but never blocks (many tasks are
 * qualitative).
 */
export const BLOCKING_GAPS: readonly Gap[] = ["unit", "deadline"];

export type { Gap, GapReport };
export type TaskGaps = GapReport["tasks"][number];

/** A deadline counts when it has a date or runs throughout the year (常态化). */
export const hasDeadline = (deadlines: readonly Pick<DeadlineJson, "date" | "kind">[]) =>
  deadlines.some((d) => d.date !== null || d.kind === "throughout");

/** A draft task's gaps: units resolving to no organisation count as none. */
export function draftTaskGaps(
  task: { units: string[]; deadlines: DeadlineJson[]; targets: unknown[] },
  resolutions: ReadonlyMap<string, Resolution>,
): Gap[] {
  const gaps: Gap[] = [];
  if (!task.units.some((u) => (resolutions.get(u)?.orgIds.length ?? 0) > 0)) gaps.push("unit");
  if (!hasDeadline(task.deadlines)) gaps.push("deadline");
  if (task.targets.length === 0) gaps.push("indicator");
  return gaps;
}

/** A published task's gaps, from what publishing created for it. */
export function publishedTaskGaps(task: {
  assignments: number;
  milestones: Pick<DeadlineJson, "date" | "kind">[];
  indicators: number;
}): Gap[] {
  const gaps: Gap[] = [];
  if (task.assignments === 0) gaps.push("unit");
  if (!hasDeadline(task.milestones)) gaps.push("deadline");
  if (task.indicators === 0) gaps.push("indicator");
  return gaps;
}

export function gapReport(taskCount: number, tasks: TaskGaps[]): GapReport {
  const withGaps = tasks.filter((t) => t.gaps.length > 0);
  const count = (g: Gap) => withGaps.filter((t) => t.gaps.includes(g)).length;
  return {
    taskCount,
    counts: { unit: count("unit"), deadline: count("deadline"), indicator: count("indicator") },
    blocking: withGaps.filter((t) => t.gaps.some((g) => BLOCKING_GAPS.includes(g))).length,
    tasks: withGaps,
  };
}
