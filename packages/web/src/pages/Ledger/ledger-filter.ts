import type { SupervisionStatus, TaskStatus } from "../../labels";

/** The ledger's filters, kept in the URL so a dashboard click or a shared link opens the same view. */
export interface LedgerFilter {
  planId?: string;
  section?: string;
  orgId?: string;
  status?: TaskStatus;
  /** The status engine's verdict on the task. */
  supervision?: SupervisionStatus;
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
}

const KEYS = ["planId", "section", "orgId", "status", "supervision", "dueFrom", "dueTo"] as const;

export function filterFromParams(params: URLSearchParams): LedgerFilter {
  const filter: LedgerFilter = {};
  for (const key of KEYS) {
    const v = params.get(key);
    if (v) (filter as Record<string, string>)[key] = v;
  }
  if (params.get("overdue") === "true") filter.overdue = true;
  return filter;
}

export function paramsFromFilter(filter: LedgerFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const v = filter[key];
    if (v) params.set(key, v);
  }
  if (filter.overdue) params.set("overdue", "true");
  return params;
}

/** A link to the ledger with these filters. */
export const ledgerLink = (filter: LedgerFilter) => {
  const qs = paramsFromFilter(filter).toString();
  return qs ? `/ledger?${qs}` : "/ledger";
};
