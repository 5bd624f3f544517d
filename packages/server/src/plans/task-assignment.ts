import { CADENCE_LABELS } from "@luoshi/contract";
import type { Cadence, DeadlineJson } from "../db/schema.js";

/** What a batch assignment sets on each selected task; an absent field is left as it is. */
export interface AssignmentChange {
  /** Lead units then co-units (org ids); given together, they replace the task's units. */
  lead?: string[];
  co?: string[];
  /** One "by" deadline replacing the task's deadlines. */
  dueDate?: string;
  /** The task's own reporting cadence; null follows the plan's. */
  cadence?: Cadence | null;
}

export interface NamedOrg {
  id: string;
  name: string;
}

export const changesUnits = (c: AssignmentChange) => c.lead !== undefined || c.co !== undefined;

/** Lead and co units, a unit named twice keeping its lead role. */
export function unitRoles(c: AssignmentChange): { orgId: string; role: "lead" | "co" }[] {
  const lead = [...new Set(c.lead ?? [])];
  const co = [...new Set(c.co ?? [])].filter((id) => !lead.includes(id));
  return [
    ...lead.map((orgId) => ({ orgId, role: "lead" as const })),
    ...co.map((orgId) => ({ orgId, role: "co" as const })),
  ];
}

/** The deadline a date stands for, worded as plans word it. */
export function deadlineOf(date: string): DeadlineJson {
  const [y, m, d] = date.split("-").map(Number);
  return { text: `${y}年${m}月${d}日前`, date, kind: "by" };
}

/** A task's fields after the change: units by org name (lead first), lead count, deadlines, cadence. */
export function changedTaskFields(
  task: { units: string[]; lead_count: number; deadlines: DeadlineJson[]; cadence: Cadence | null },
  change: AssignmentChange,
  orgs: ReadonlyMap<string, NamedOrg>,
) {
  const roles = changesUnits(change) ? unitRoles(change) : null;
  return {
    units: roles ? roles.map((r) => orgs.get(r.orgId)!.name) : task.units,
    lead_count: roles ? roles.filter((r) => r.role === "lead").length : task.lead_count,
    deadlines: change.dueDate ? [deadlineOf(change.dueDate)] : task.deadlines,
    cadence: change.cadence !== undefined ? change.cadence : task.cadence,
  };
}

/** A short Chinese account of the change, for the notice the units receive. */
export function describeChange(change: AssignmentChange, orgs: ReadonlyMap<string, NamedOrg>): string {
  const parts: string[] = [];
  if (changesUnits(change)) {
    const names = (ids: string[] | undefined) => (ids ?? []).map((id) => orgs.get(id)?.name ?? id).join("、");
    parts.push(`责任单位调整为：牵头 ${names(change.lead) || "无"}；配合 ${names(change.co) || "无"}`);
  }
  if (change.dueDate) parts.push(`完成时限调整为 ${deadlineOf(change.dueDate).text}`);
  if (change.cadence !== undefined)
    parts.push(`填报周期调整为${change.cadence ? CADENCE_LABELS[change.cadence] : "随计划"}`);
  return parts.join("；");
}
