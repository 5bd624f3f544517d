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

export interface UnitRole {
  orgId: string;
  role: "lead" | "co";
}

const ROLE_WORD = { lead: "牵头单位", co: "配合单位" } as const;

/**
 * How a task's units change, unit by unit: who is added (as lead or co), who removed, whose role
 * changes. A published task's assignees are known, so its units hear exactly what changed for them.
 */
export function describeUnitChange(before: UnitRole[], after: UnitRole[], orgs: ReadonlyMap<string, NamedOrg>) {
  const name = (id: string) => orgs.get(id)?.name ?? id;
  const was = new Map(before.map((r) => [r.orgId, r.role]));
  const now = new Map(after.map((r) => [r.orgId, r.role]));
  const parts: string[] = [];
  for (const role of ["lead", "co"] as const) {
    const added = after.filter((r) => r.role === role && !was.has(r.orgId)).map((r) => name(r.orgId));
    if (added.length) parts.push(`新增${ROLE_WORD[role]} ${added.join("、")}`);
  }
  const removed = before.filter((r) => !now.has(r.orgId)).map((r) => name(r.orgId));
  if (removed.length) parts.push(`不再由 ${removed.join("、")} 承担`);
  for (const r of after) {
    const old = was.get(r.orgId);
    if (old && old !== r.role) parts.push(`${name(r.orgId)}改为${ROLE_WORD[r.role]}`);
  }
  return parts.join("；") || "责任单位未变";
}

/**
 * A short Chinese account of the change, for the notice the units receive. With the task's units
 * before the change (a published task), the units part says who is added and who removed;
 * without (a draft), it states the new lead and co units.
 */
export function describeChange(
  change: AssignmentChange,
  orgs: ReadonlyMap<string, NamedOrg>,
  before?: UnitRole[],
): string {
  const parts: string[] = [];
  if (changesUnits(change) && before) parts.push(describeUnitChange(before, unitRoles(change), orgs));
  else if (changesUnits(change)) {
    const names = (ids: string[] | undefined) => (ids ?? []).map((id) => orgs.get(id)?.name ?? id).join("、");
    parts.push(`责任单位调整为：牵头 ${names(change.lead) || "无"}；配合 ${names(change.co) || "无"}`);
  }
  if (change.dueDate) parts.push(`完成时限调整为 ${deadlineOf(change.dueDate).text}`);
  if (change.cadence !== undefined)
    parts.push(`填报周期调整为${change.cadence ? CADENCE_LABELS[change.cadence] : "随计划"}`);
  return parts.join("；");
}
