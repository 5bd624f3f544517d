import { type Kysely, sql } from "kysely";
import type { DB } from "../db/schema.js";

type Db = Kysely<DB>;

/** Where a search may look, from the actor's reach (computed by the service). */
export interface SearchScope {
  /** Orgs whose plans the actor may read (its subtree and the bureaus above it). */
  planOrgIds: string[];
  /** Whether drafts are included (plan managers only). */
  withDrafts: boolean;
  /** Orgs the actor sees: units for org results and notice addressees. */
  visibleOrgIds: string[];
}

/** Text contains the query (Chinese has no case; the query is matched as written, trimmed). */
const contains = (column: string, q: string) => sql<boolean>`strpos(${sql.ref(column)}, ${q}) > 0`;

export async function searchPlans(db: Db, scope: SearchScope, q: string, limit: number) {
  if (scope.planOrgIds.length === 0) return [];
  return db
    .selectFrom("plans")
    .select(["id", "title", "year", "status"])
    .where("org_id", "in", scope.planOrgIds)
    .where("deleted_at", "is", null)
    .$if(!scope.withDrafts, (w) => w.where("status", "=", "published"))
    .where(contains("title", q))
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export async function searchTasks(db: Db, scope: SearchScope, q: string, limit: number) {
  if (scope.planOrgIds.length === 0) return [];
  return db
    .selectFrom("plan_tasks as t")
    .innerJoin("plans as p", (j) => j.onRef("p.id", "=", "t.plan_id").onRef("p.region_id", "=", "t.region_id"))
    .select(["t.id", "t.plan_id", "t.no", "t.title", "p.title as plan_title", "p.status as plan_status"])
    .where("p.org_id", "in", scope.planOrgIds)
    .where("p.deleted_at", "is", null)
    .where("t.deleted_at", "is", null)
    .$if(!scope.withDrafts, (w) => w.where("p.status", "=", "published"))
    .where((w) => w.or([contains("t.title", q), contains("t.no", q), sql<boolean>`strpos(t.units::text, ${q}) > 0`]))
    .orderBy("p.created_at", "desc")
    .orderBy("t.seq")
    .limit(limit)
    .execute();
}

export async function searchOrgs(db: Db, scope: SearchScope, q: string, limit: number) {
  if (scope.visibleOrgIds.length === 0) return [];
  return db
    .selectFrom("orgs as o")
    .select(["o.id", "o.name", "o.kind"])
    .where("o.id", "in", scope.visibleOrgIds)
    .where("o.deleted_at", "is", null)
    .where((w) =>
      w.or([
        contains("o.name", q),
        w.exists(
          w
            .selectFrom("org_aliases as a")
            .select("a.id")
            .whereRef("a.org_id", "=", "o.id")
            .where("a.deleted_at", "is", null)
            .where(contains("a.alias", q)),
        ),
      ]),
    )
    .orderBy("o.kind")
    .orderBy("o.name")
    .limit(limit)
    .execute();
}

export async function searchNotices(db: Db, scope: SearchScope, q: string, limit: number) {
  if (scope.visibleOrgIds.length === 0) return [];
  const rows = await sql<{
    id: string;
    doc_no: string;
    status: string;
    task_id: string;
    task_title: string;
    org_name: string;
  }>`
    SELECT n.id, n.doc_no, n.status, n.task_id, t.title AS task_title, o.name AS org_name
    FROM supervision_notices n
    JOIN plan_tasks t ON t.region_id = n.region_id AND t.id = n.task_id
    JOIN orgs o ON o.id = n.org_id
    WHERE n.deleted_at IS NULL AND n.org_id IN (${sql.join(scope.visibleOrgIds)})
      AND (strpos(n.doc_no, ${q}) > 0 OR strpos(n.reason, ${q}) > 0 OR strpos(t.title, ${q}) > 0
           OR strpos(o.name, ${q}) > 0)
    ORDER BY n.issued_at DESC
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}
