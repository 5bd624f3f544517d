import type { ColumnType, Insertable, Kysely, Selectable } from "kysely";
import type { DB } from "../db/schema.js";
import type { PlacementRunsTable } from "./placement.repository.js";

type Json<T> = ColumnType<T, string, string>;
type NullableTimestamp = ColumnType<string | null, string | null | undefined, string | null>;

/** Migration 0010: step 1, frozen once written (a trigger refuses updates but to deleted_at). */
export interface PlacementCommitmentsTable {
  region_id: string;
  id: string;
  org_id: string;
  name: string;
  base_commitment_id: string | null;
  commitment_hash: string;
  /** The canonical commitment JSON as published; its SHA-256 is commitment_hash. */
  commitment: string;
  /** The canonical parameters JSON; its SHA-256 is params_hash. */
  params: string;
  roster_hash: string;
  params_hash: string;
  class_count: number;
  capacities: Json<number[]>;
  student_count: number;
  roster_sha256: string;
  roster_filename: string;
  teachers_sha256: string | null;
  teachers_filename: string | null;
  notice_sha256: string;
  committed_by: string;
  committed_at: ColumnType<string, string, string>;
  deleted_at: NullableTimestamp;
}

/** Migration 0010: step 2, one per commitment, never changed. */
export interface PlacementDrawsTable {
  region_id: string;
  commitment_id: string;
  draw_hash: string;
  /** The canonical draw record JSON; its SHA-256 is draw_hash. */
  record: string;
  draw: string;
  source: string;
  witnesses: Json<{ name: string; role: string }[]>;
  drawn_by: string;
  drawn_at: ColumnType<string, string, string>;
}

export type CommitmentRow = Selectable<PlacementCommitmentsTable>;
export type DrawRow = Selectable<PlacementDrawsTable>;

type Db = Kysely<DB>;
const tables = (db: Db) =>
  db.withTables<{
    placement_commitments: PlacementCommitmentsTable;
    placement_draws: PlacementDrawsTable;
    placement_runs: PlacementRunsTable;
  }>();

export async function insertCommitment(db: Db, row: Insertable<PlacementCommitmentsTable>): Promise<CommitmentRow> {
  return tables(db).insertInto("placement_commitments").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertDraw(db: Db, row: Insertable<PlacementDrawsTable>): Promise<DrawRow> {
  return tables(db).insertInto("placement_draws").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findCommitment(db: Db, regionId: string, id: string): Promise<CommitmentRow | undefined> {
  return tables(db)
    .selectFrom("placement_commitments")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export async function findDraw(db: Db, regionId: string, commitmentId: string): Promise<DrawRow | undefined> {
  return tables(db)
    .selectFrom("placement_draws")
    .selectAll()
    .where("region_id", "=", regionId)
    .where("commitment_id", "=", commitmentId)
    .executeTakeFirst();
}

/** The run computed from a commitment's draw, if any (id and result hash). */
export async function findRunOf(db: Db, regionId: string, commitmentId: string) {
  return tables(db)
    .selectFrom("placement_runs")
    .select(["id", "result_hash"])
    .where("region_id", "=", regionId)
    .where("commitment_id", "=", commitmentId)
    .executeTakeFirst();
}

/** Live supplements (补录) built on a commitment. */
export async function findSupplementsOf(db: Db, regionId: string, commitmentId: string) {
  return tables(db)
    .selectFrom("placement_commitments")
    .select("id")
    .where("region_id", "=", regionId)
    .where("base_commitment_id", "=", commitmentId)
    .where("deleted_at", "is", null)
    .execute();
}

/** Live commitments of a region, newest first, each with its draw time and run id when they exist. */
export async function listCommitments(db: Db, regionId: string, page: { limit: number; offset: number }) {
  return tables(db)
    .selectFrom("placement_commitments as c")
    .leftJoin("placement_draws as d", (j) =>
      j.onRef("d.region_id", "=", "c.region_id").onRef("d.commitment_id", "=", "c.id"),
    )
    .leftJoin("placement_runs as r", (j) =>
      j.onRef("r.region_id", "=", "c.region_id").onRef("r.commitment_id", "=", "c.id"),
    )
    .select([
      "c.id",
      "c.org_id",
      "c.name",
      "c.base_commitment_id",
      "c.commitment_hash",
      "c.class_count",
      "c.student_count",
      "c.committed_at",
      "d.drawn_at",
      "r.id as run_id",
    ])
    .where("c.region_id", "=", regionId)
    .where("c.deleted_at", "is", null)
    .orderBy("c.committed_at", "desc")
    .orderBy("c.id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export type CommitmentListRow = Awaited<ReturnType<typeof listCommitments>>[number];
