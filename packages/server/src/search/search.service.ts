import type { Kysely } from "kysely";
import { type Actor, PLAN_MANAGERS } from "../auth/actor.js";
import type { DB } from "../db/schema.js";
import * as repo from "./search.repository.js";

/** How many hits of each kind one search returns. */
export const HITS_PER_KIND = 8;

export interface SearchResults {
  tasks: { id: string; planId: string; no: string | null; title: string; planTitle: string }[];
  plans: { id: string; title: string; year: number | null; status: string }[];
  orgs: { id: string; name: string; kind: string }[];
  notices: { id: string; docNo: string; status: string; taskId: string; taskTitle: string; orgName: string }[];
}

/**
 * The header's global search: tasks (title, number, units named), plans, units (name or alias)
 * and 督办单 (number, reason, task, unit), each within what the actor may see — drafts only for
 * plan managers, notices only those addressed within the actor's subtree.
 */
export async function search(db: Kysely<DB>, actor: Actor, text: string): Promise<SearchResults> {
  const q = text.trim();
  if (q.length === 0) return { tasks: [], plans: [], orgs: [], notices: [] };
  const scope: repo.SearchScope = {
    planOrgIds: [...actor.visibleOrgIds, ...actor.ancestorOrgIds],
    withDrafts: PLAN_MANAGERS.includes(actor.role),
    visibleOrgIds: actor.visibleOrgIds,
  };
  const [tasks, plans, orgs, notices] = await Promise.all([
    repo.searchTasks(db, scope, q, HITS_PER_KIND),
    repo.searchPlans(db, scope, q, HITS_PER_KIND),
    repo.searchOrgs(db, scope, q, HITS_PER_KIND),
    repo.searchNotices(db, scope, q, HITS_PER_KIND),
  ]);
  return {
    tasks: tasks.map((t) => ({ id: t.id, planId: t.plan_id, no: t.no, title: t.title, planTitle: t.plan_title })),
    plans: plans.map((p) => ({ id: p.id, title: p.title, year: p.year, status: p.status })),
    orgs: orgs.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    notices: notices.map((n) => ({
      id: n.id,
      docNo: n.doc_no,
      status: n.status,
      taskId: n.task_id,
      taskTitle: n.task_title,
      orgName: n.org_name,
    })),
  };
}
