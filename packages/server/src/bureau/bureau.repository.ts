import { type ColumnType, sql } from "kysely";
import type { Database } from "../db/database.js";

/** SQL of the bureau profiles (migration 0011) and the document number counters. */

type Timestamp = ColumnType<string, string | undefined, string>;

export interface BureauProfilesTable {
  region_id: string;
  full_name: string;
  short_name: string;
  mark: string;
  notice_number_pattern: string;
  bulletin_number_pattern: string;
  signature: string;
  contact_line: string;
  /** 版记 (migration 0017): 抄送机关 and 印发机关, empty when unset. */
  cc_line: string;
  printing_office: string;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DocumentSequencesTable {
  region_id: string;
  kind: string;
  year: number;
  last_no: number;
}

export type ProfileRow = Omit<BureauProfilesTable, "created_at" | "updated_at"> & {
  created_at: string;
  updated_at: string;
};

export async function findProfile(db: Database, regionId: string): Promise<ProfileRow | undefined> {
  return db.selectFrom("bureau_profiles").selectAll().where("region_id", "=", regionId).executeTakeFirst();
}

export async function upsertProfile(
  db: Database,
  row: Omit<BureauProfilesTable, "created_at" | "updated_at">,
): Promise<ProfileRow> {
  const { region_id, ...fields } = row;
  return db
    .insertInto("bureau_profiles")
    .values(row)
    .onConflict((oc) => oc.column("region_id").doUpdateSet({ ...fields, updated_at: sql`clock_timestamp()` }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function regionName(db: Database, regionId: string): Promise<string> {
  const row = await db.selectFrom("orgs").select("name").where("id", "=", regionId).executeTakeFirst();
  return row?.name ?? "";
}

/** Next number of the region's kind and year; the upsert's row lock makes concurrent issuers take turns. */
export async function nextDocumentSeq(db: Database, regionId: string, kind: string, year: number): Promise<number> {
  const row = await db
    .insertInto("document_sequences")
    .values({ region_id: regionId, kind, year, last_no: 1 })
    .onConflict((oc) =>
      oc.columns(["region_id", "kind", "year"]).doUpdateSet({ last_no: sql`document_sequences.last_no + 1` }),
    )
    .returning("last_no")
    .executeTakeFirstOrThrow();
  return row.last_no;
}

/** The last number given in a year: 督办单 count in notice_sequences, other kinds in document_sequences. */
export async function lastSeq(db: Database, regionId: string, kind: string, year: number): Promise<number> {
  const row =
    kind === "notice"
      ? await db
          .selectFrom("notice_sequences")
          .select("last_no")
          .where("region_id", "=", regionId)
          .where("year", "=", year)
          .executeTakeFirst()
      : await db
          .selectFrom("document_sequences")
          .select("last_no")
          .where("region_id", "=", regionId)
          .where("kind", "=", kind)
          .where("year", "=", year)
          .executeTakeFirst();
  return row?.last_no ?? 0;
}

/** The number of the period's current bulletin, which a regenerated one keeps. */
export async function currentBulletinNumber(db: Database, regionId: string, period: string): Promise<string | null> {
  const row = await db
    .selectFrom("bulletins")
    .select("doc_no")
    .where("region_id", "=", regionId)
    .where("period", "=", period)
    .where("deleted_at", "is", null)
    .where("doc_no", "is not", null)
    .executeTakeFirst();
  return row?.doc_no ?? null;
}
