import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { MultiHostPool, splitHosts } from "./multi-host.js";
import { PGliteDialect } from "./pglite-dialect.js";
import { durablePGlite, type WalSync } from "./pglite-durability.js";
import type { DB } from "./schema.js";
import { WriteGeneration } from "./write-generation.js";

export type Database = Kysely<DB>;

export type DatabaseTarget =
  /** Embedded PGlite; `dataDir` undefined keeps it in memory. */
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob }
  /** `url` may list several hosts (libpq's form, see multi-host.ts). */
  | { kind: "postgres"; url: string; schema?: string };

const OID = { int8: 20, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

/** Both drivers return the same shapes: dates as "YYYY-MM-DD", timestamps as ISO strings, int8 as number. */
const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: (v) => Number(v),
  [OID.date]: (v) => v,
  [OID.timestamp]: (v) => new Date(`${v}Z`).toISOString(),
  [OID.timestamptz]: (v) => new Date(v).toISOString(),
};

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    const options = {
      max: 10,
      connectionTimeoutMillis: 10_000,
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          parsers[oid] ?? pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
      },
      ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
    };
    // A connection the server cut while idle is dropped by the pool; the next query reconnects.
    const pool = new MultiHostPool(splitHosts(target.url), options, () => {});
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  const options = { parsers, ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}) };
  let lite: PGlite;
  let wal: WalSync | undefined;
  if (target.dataDir) {
    // On disk, every acknowledged commit is fsynced (see pglite-durability.ts).
    mkdirSync(target.dataDir, { recursive: true });
    ({ lite, wal } = durablePGlite(target.dataDir, options));
  } else {
    lite = new PGlite(options);
  }
  await lite.waitReady;
  const generation = new WriteGeneration();
  const db = new Kysely<DB>({ dialect: new PGliteDialect(lite, parsers, wal, generation) });
  embedded.set(db, { lite, generation });
  return db;
}

const embedded = new WeakMap<Database, { lite: PGlite; generation: WriteGeneration }>();

/** The PGlite instance under an embedded database (undefined on PostgreSQL). */
export const pgliteOf = (db: Database): PGlite | undefined => embedded.get(db)?.lite;

/**
 * The count of committed writes, where this process sees every write (embedded PGlite);
 * undefined on PostgreSQL, which other processes may write to.
 */
export const writeGenerationOf = (db: Database): WriteGeneration | undefined => embedded.get(db)?.generation;
