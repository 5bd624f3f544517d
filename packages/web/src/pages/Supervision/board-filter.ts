import type { EntityKind, SupervisionStatus } from "@luoshi/contract/vocabulary";

/** The warnings board's filters, kept in the URL (beside ?tab=board) so a link opens the same view. */
export interface BoardFilter {
  planId?: string;
  orgId?: string;
  kind?: EntityKind;
  status?: SupervisionStatus;
  /** Words in a task's number or title, a unit's name, or a milestone's or indicator's name. */
  q?: string;
}

const KEYS = ["planId", "orgId", "kind", "status", "q"] as const;
const KINDS: readonly string[] = ["assignment", "milestone", "indicator"];
const STATUSES: readonly string[] = ["overdue", "warning", "normal", "done"];

/** The filter a URL asks for; values the board does not know are dropped rather than sent. */
export function boardFilterFrom(params: URLSearchParams): BoardFilter {
  const filter: BoardFilter = {};
  for (const key of KEYS) {
    const v = params.get(key)?.trim();
    if (!v) continue;
    if (key === "kind" && !KINDS.includes(v)) continue;
    if (key === "status" && !STATUSES.includes(v)) continue;
    (filter as Record<string, string>)[key] = key === "q" ? v.slice(0, 100) : v;
  }
  return filter;
}

/** The URL of a filter, keeping the other parameters (the tab) as they are. */
export function withBoardFilter(params: URLSearchParams, filter: BoardFilter): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of KEYS) {
    const v = filter[key];
    if (v) next.set(key, v);
    else next.delete(key);
  }
  return next;
}
