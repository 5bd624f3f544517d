import { type Kysely, sql } from "kysely";

/** Where a record's human name lives, per audited entity (the others show their label only). */
const TITLE_SOURCES: Record<string, { table: string; column: string }> = {
  plan: { table: "plans", column: "title" },
  plan_task: { table: "plan_tasks", column: "title" },
  user: { table: "users", column: "display_name" },
  org: { table: "orgs", column: "name" },
  file: { table: "files", column: "filename" },
  placement_run: { table: "placement_runs", column: "name" },
  bulletin: { table: "bulletins", column: "title" },
  supervision_notice: { table: "supervision_notices", column: "doc_no" },
  webhook_endpoint: { table: "webhook_endpoints", column: "name" },
};

export interface Titled {
  entity: string;
  entity_id: string;
  region_id: string;
}

const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`;

/**
 * The titles of the records a page of events names, a query per entity kind (deleted records keep
 * their title: rows are never hard-deleted). Returns entity + id → title.
 */
export async function titlesOf(db: Kysely<unknown>, events: readonly Titled[]): Promise<Map<string, string>> {
  const byEntity = new Map<string, Set<string>>();
  const regions = new Set<string>();
  for (const e of events) {
    if (!TITLE_SOURCES[e.entity]) continue;
    regions.add(e.region_id);
    const ids = byEntity.get(e.entity) ?? new Set<string>();
    byEntity.set(e.entity, ids);
    ids.add(e.entity_id);
  }
  const titles = new Map<string, string>();
  for (const [entity, ids] of byEntity) {
    const { table, column } = TITLE_SOURCES[entity]!;
    const rows = await sql<{ id: string; title: string }>`
      SELECT id, ${sql.ref(column)}::text AS title FROM ${sql.table(table)}
      WHERE region_id IN (${sql.join([...regions])}) AND id IN (${sql.join([...ids])})`.execute(db);
    for (const row of rows.rows) titles.set(keyOf(entity, row.id), row.title);
  }
  return titles;
}

export const titleOf = (titles: Map<string, string>, entity: string, id: string): string | null =>
  titles.get(keyOf(entity, id)) ?? null;
