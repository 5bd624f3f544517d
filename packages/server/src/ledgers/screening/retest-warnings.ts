import type { RetestWarning } from "@luoshi/contract";
import type { Actor } from "../../auth/actor.js";
import type { Database } from "../../db/database.js";
import { orgScope } from "../ledger-access.js";
import { overdueRetests } from "./screening.repository.js";

/** The warnings board's filters that concern re-tests (a plan or kind filter is about tasks). */
export interface RetestBoardFilter {
  orgId?: string;
  status?: string;
  q?: string;
  planId?: string;
  kind?: string;
}

/** Overdue follow-up rows folded to one line per school and year, the oldest due date first. Pure. */
export function retestLines(
  rows: { org_id: string; org_name: string; retest_due: string; year: number }[],
): RetestWarning[] {
  const lines = new Map<string, RetestWarning>();
  for (const r of rows) {
    const key = `${r.org_id}|${r.year}`;
    const due = String(r.retest_due).slice(0, 10);
    const line = lines.get(key);
    if (line) {
      line.count += 1;
      if (due < line.oldestDue) line.oldestDue = due;
    } else lines.set(key, { orgId: r.org_id, orgName: r.org_name, year: Number(r.year), count: 1, oldestDue: due });
  }
  return [...lines.values()].sort(
    (a, b) => a.oldestDue.localeCompare(b.oldestDue) || a.orgName.localeCompare(b.orgName),
  );
}

/**
 * The re-tests the warnings board shows (issue 17): follow-ups (小眼镜/小胖墩) whose re-test date has
 * passed without a re-test, counted by school, as "overdue". A school sees its own; the region's
 * departments, the bureau's managers and leaders all schools, as counts without names.
 */
export async function retestWarnings(
  db: Database,
  actor: Actor,
  filter: RetestBoardFilter,
  today: string,
): Promise<RetestWarning[]> {
  if (filter.planId || filter.kind || (filter.status && filter.status !== "overdue")) return [];
  const orgIds = orgScope(actor, filter.orgId);
  if (orgIds && orgIds.length === 0) return [];
  const lines = retestLines(await overdueRetests(db, actor.regionId, today, orgIds));
  const words = filter.q?.trim();
  return words ? lines.filter((l) => l.orgName.includes(words)) : lines;
}
