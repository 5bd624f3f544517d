import type { PGlite } from "@electric-sql/pglite";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from "kysely";
import { takeTurnIfLong } from "../loop-turns.js";
import type { WalSync } from "./pglite-durability.js";
import { type Parsers, PreparedStatements } from "./pglite-statements.js";
import { mayWrite, splitWriteScope, type WriteGeneration } from "./write-generation.js";

/** PGlite is one connection: queries and transactions take turns through this lock. */
class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

export type { Parsers };

class PGliteConnection implements DatabaseConnection {
  /** Whether a statement run on this connection may have changed data. */
  wrote = false;
  /** The scopes its writes named, or undefined once a write named none (it may have changed anything). */
  scopes: Set<string> | undefined = new Set();

  constructor(private readonly statements: PreparedStatements) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, scopes } = splitWriteScope(query.sql);
    if (mayWrite(sql)) {
      this.wrote = true;
      if (scopes === undefined) this.scopes = undefined;
      else for (const scope of scopes) this.scopes?.add(scope);
    }
    // Each statement runs synchronously: between statements of a long transaction the loop gets a turn.
    await takeTurnIfLong();
    const result = await this.statements.query<R>(sql, query.parameters);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  // biome-ignore lint/correctness/useYield: streaming is not supported by PGlite's query API
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite dialect does not support streaming");
  }
}

class PGliteDriver implements Driver {
  private readonly lock = new ConnectionLock();
  private readonly releases = new WeakMap<DatabaseConnection, () => void>();
  private readonly statements: PreparedStatements;

  constructor(
    private readonly pg: PGlite,
    parsers: Parsers,
    private readonly wal: WalSync | undefined,
    private readonly generation: WriteGeneration | undefined,
  ) {
    this.statements = new PreparedStatements(pg, parsers);
  }

  async init(): Promise<void> {
    await this.pg.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.lock.acquire();
    const connection = new PGliteConnection(this.statements);
    this.releases.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: "begin", parameters: [] } as unknown as CompiledQuery);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: "commit", parameters: [] } as unknown as CompiledQuery);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: "rollback", parameters: [] } as unknown as CompiledQuery);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    // After the commit (or the lone statement) and before anyone else may read: a reader that
    // saw the old generation cannot have seen this write.
    const { wrote, scopes } = connection as PGliteConnection;
    if (wrote) this.generation?.bump(scopes);
    this.releases.get(connection)?.();
    this.releases.delete(connection);
    // After the lock is free, so that the commits queued behind this one share its fsync.
    await this.wal?.flush();
  }

  async destroy(): Promise<void> {
    await this.pg.close();
  }
}

export class PGliteDialect implements Dialect {
  constructor(
    private readonly pg: PGlite,
    private readonly parsers: Parsers = {},
    /** Present for an on-disk database: results wait until their commit is fsynced. */
    private readonly wal?: WalSync,
    /** Counts the connections released after a write. */
    private readonly generation?: WriteGeneration,
  ) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pg, this.parsers, this.wal, this.generation);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
