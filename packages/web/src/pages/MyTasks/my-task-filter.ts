import type { MyReporting, TaskRow } from "../../api/types";
import type { TaskStatus } from "../../labels";

export interface MyTaskFilter {
  q: string;
  status?: TaskStatus;
  reported: "all" | "no" | "yes";
}

export interface MyTask extends TaskRow {
  /** This period's reporting (本月/本季度…) for the unit; undefined when the task is not the unit's to report. */
  reporting?: MyReporting["tasks"][number];
}

/** Overdue first, then by the next deadline; done tasks last. */
const byUrgency = (a: TaskRow, b: TaskRow) =>
  Number(b.overdue) - Number(a.overdue) ||
  Number(a.status === "done") - Number(b.status === "done") ||
  (a.nextDue ?? "9999").localeCompare(b.nextDue ?? "9999");

/** My tasks with their reporting state, filtered, grouped by plan (plans in first-seen order). */
export function groupMyTasks(tasks: TaskRow[], reporting: MyReporting, filter: MyTaskFilter) {
  const byTask = new Map(reporting.tasks.map((r) => [r.taskId, r]));
  const q = filter.q.trim().toLowerCase();
  const groups = new Map<string, { planId: string; planTitle: string; total: number; tasks: MyTask[] }>();
  for (const t of tasks) {
    const group = groups.get(t.planId) ?? { planId: t.planId, planTitle: t.planTitle, total: 0, tasks: [] };
    groups.set(t.planId, group);
    group.total++;
    const row: MyTask = { ...t, reporting: byTask.get(t.id) };
    const text = `${t.no} ${t.title} ${t.section ?? ""} ${t.units.join(" ")}`.toLowerCase();
    if (q && !text.includes(q)) continue;
    if (filter.status && t.status !== filter.status) continue;
    if (filter.reported !== "all" && (row.reporting?.reported ?? false) !== (filter.reported === "yes")) continue;
    group.tasks.push(row);
  }
  return [...groups.values()].map((g) => ({ ...g, tasks: g.tasks.sort(byUrgency) }));
}
