import type { HazardCategory, HazardGrade, HazardWarning, SupervisionStatus } from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { hazardStatus } from "../status/rules.js";
import { HAZARD } from "./hazard-type.js";
import { orgScope } from "./ledger-access.js";
import { openRecords } from "./ledgers.repository.js";

/**
 * The hazards the warnings board shows (issue 15): those past or near their rectification deadline
 * by the status engine's rule (status/rules.ts hazardStatus), and every open 重大 hazard whatever
 * its status (escalated to the bureau). Whom the board shows them to follows the ledger's access
 * rules: the region's departments and the bureau all, a school its own.
 */
export interface HazardBoardFilter {
  orgId?: string;
  status?: SupervisionStatus;
  q?: string;
  /** A plan or kind filter is about tasks: no hazard matches it. */
  planId?: string;
  kind?: string;
}

const text = (v: unknown): string => (typeof v === "string" ? v : "");
const date = (v: unknown): string | null => (typeof v === "string" ? v : null);

export async function hazardWarnings(
  db: Database,
  actor: Actor,
  filter: HazardBoardFilter,
  today: string,
): Promise<HazardWarning[]> {
  if (filter.planId || filter.kind) return [];
  const orgIds = orgScope(actor, filter.orgId);
  const rows = await openRecords(db, { regionId: actor.regionId, type: HAZARD.type, ...(orgIds ? { orgIds } : {}) });
  const words = filter.q?.trim();
  return rows.flatMap((r) => {
    const f = r.fields;
    const { status, reasons } = hazardStatus({ state: r.state, deadline: date(f.deadline) }, today);
    const major = f.grade === "major";
    if (status === "normal" && !major) return [];
    if (filter.status && status !== filter.status) return [];
    const warning: HazardWarning = {
      id: r.id,
      orgId: r.org_id,
      orgName: r.org_name,
      category: text(f.category) as HazardCategory,
      grade: text(f.grade) as HazardGrade,
      location: text(f.location),
      description: text(f.description),
      state: r.state,
      foundOn: date(f.foundOn),
      deadline: date(f.deadline),
      status,
      reasons,
      openNotices: Number(r.open_notices ?? 0),
    };
    if (words && ![warning.orgName, warning.location, warning.description].some((s) => s.includes(words))) return [];
    return [warning];
  });
}
