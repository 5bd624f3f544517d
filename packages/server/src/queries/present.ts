import { type Camel, camel } from "../http/camel.js";

/** A task view as the wire carries it: its milestones in camelCase. */
export const presentTask = <T extends { milestones: readonly object[] }>(
  task: T,
): Omit<T, "milestones"> & { milestones: Camel<T["milestones"][number]>[] } => ({
  ...task,
  milestones: task.milestones.map((m: T["milestones"][number]) => camel(m)),
});
