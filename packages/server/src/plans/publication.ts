import type { DeadlineJson, TargetJson } from "../db/schema.js";
import type { Resolution } from "./unit-resolution.js";

/** What publishing one task creates: assignments from units, milestones from deadlines, indicators from targets. */
export interface TaskPublication {
  assignments: { orgId: string; role: "lead" | "co"; unitName: string }[];
  milestones: { seq: number; text: string; dueDate: string | null; kind: "by" | "throughout" }[];
  indicators: {
    seq: number;
    text: string;
    subject: string;
    op: TargetJson["op"];
    baseline: number | null;
    targetValue: number | null;
    targetMin: number | null;
    targetMax: number | null;
    unit: string;
  }[];
}

export function publishTask(
  task: { units: string[]; lead_count: number; deadlines: DeadlineJson[]; targets: TargetJson[] },
  resolutions: ReadonlyMap<string, Resolution>,
): TaskPublication {
  const assignments: TaskPublication["assignments"] = [];
  const seen = new Set<string>();
  task.units.forEach((unitName, index) => {
    const role = index < task.lead_count ? "lead" : "co";
    for (const orgId of resolutions.get(unitName)?.orgIds ?? []) {
      // One org named twice keeps its first (strongest) role.
      if (seen.has(orgId)) continue;
      seen.add(orgId);
      assignments.push({ orgId, role, unitName });
    }
  });
  return {
    assignments,
    milestones: task.deadlines.map((d, seq) => ({ seq, text: d.text, dueDate: d.date, kind: d.kind })),
    indicators: task.targets.map((t, seq) => ({
      seq,
      text: t.text,
      subject: t.subject,
      op: t.op,
      baseline: t.baseline ?? null,
      targetValue: t.value,
      targetMin: t.min,
      targetMax: t.max,
      unit: t.unit,
    })),
  };
}
