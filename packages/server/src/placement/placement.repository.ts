import type { ColumnType, Insertable, Kysely, Selectable } from "kysely";
import type { DB } from "../db/schema.js";

type Timestamp = ColumnType<string, string | undefined, string>;
type NullableTimestamp = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;

/** Migration 0002. Kept here, beside its only user, rather than in the shared schema file. */
export interface PlacementRunsTable {
  region_id: string;
  id: string;
  org_id: string;
  name: string;
  class_count: number;
  capacities: Json<number[]>;
  student_count: number;
  draw: string;
  seed: string;
  roster_hash: string;
  params_hash: string;
  result_hash: string;
  result: Json<unknown>;
  roster_sha256: string;
  roster_filename: string;
  teachers_sha256: string | null;
  teachers_filename: string | null;
  classes_sha256: string;
  notice_sha256: string;
  created_by: string;
  created_at: Timestamp;
  /** Migration 0010: the commitment the run was computed from; null for a single-step run (旧版/未承诺). */
  commitment_id: ColumnType<string | null, string | null | undefined, string | null>;
  deleted_at: NullableTimestamp;
}

export type PlacementRunRow = Selectable<PlacementRunsTable>;
export type PlacementRunSummaryRow = Omit<PlacementRunRow, "result">;

type Db = Kysely<DB>;
const runs = (db: Db) => db.withTables<{ placement_runs: PlacementRunsTable }>();

const SUMMARY_COLUMNS = [
  "region_id",
  "id",
  "org_id",
  "name",
  "class_count",
  "capacities",
  "student_count",
  "draw",
  "seed",
  "roster_hash",
  "params_hash",
  "result_hash",
  "roster_sha256",
  "roster_filename",
  "teachers_sha256",
  "teachers_filename",
  "classes_sha256",
  "notice_sha256",
  "created_by",
  "created_at",
  "deleted_at",
  "commitment_id",
] as const;

export async function insertPlacementRun(db: Db, row: Insertable<PlacementRunsTable>): Promise<PlacementRunSummaryRow> {
  return runs(db).insertInto("placement_runs").values(row).returning(SUMMARY_COLUMNS).executeTakeFirstOrThrow();
}

/** Live runs of one region, newest first; without the result JSON, which can be large. */
export async function listPlacementRuns(
  db: Db,
  regionId: string,
  page: { limit: number; offset: number },
): Promise<PlacementRunSummaryRow[]> {
  return runs(db)
    .selectFrom("placement_runs")
    .select(SUMMARY_COLUMNS)
    .where("region_id", "=", regionId)
    .where("deleted_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function findPlacementRun(db: Db, regionId: string, id: string): Promise<PlacementRunRow | undefined> {
  return runs(db)
    .selectFrom("placement_runs")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function countPlacementRuns(db: Db): Promise<number> {
  const row = await runs(db)
    .selectFrom("placement_runs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
