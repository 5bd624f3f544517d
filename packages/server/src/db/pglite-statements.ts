import { type PGlite, parse, protocol, type Results } from "@electric-sql/pglite";
import { PREPARED } from "./pg-prepared.js";

const { serialize } = protocol;

export type Parsers = Record<number, (value: string) => unknown>;

/**
 * Statements worth keeping prepared: data statements and transaction control (not DDL), after
 * any leading comments (a PREPARED mark).
 */
const KEPT = /^\s*(\/\*[^*]*\*\/\s*)*(select|insert|update|delete|with|values|begin|commit|rollback)\b/i;
/**
 * A PREPARED statement is bound under this setting, between these two: planned once, generically,
 * rather than planned anew for each call until PostgreSQL's plan cache judges a generic plan no
 * dearer (for my tasks' one statement it never did: 3 ms of its 12 went on planning each call).
 * An error before the reset aborts the statement's transaction, which undoes the setting too.
 */
const GENERIC = "SET plan_cache_mode = force_generic_plan";
const AUTO = "SET plan_cache_mode = auto";
/** Prepared statements kept per database, least recently used out first. */
const MAX_KEPT = 256;
/** PostgreSQL refuses a kept plan whose result columns changed (DDL since it was prepared). */
const STALE_PLAN = "0A000";

interface Prepared {
  name: string;
  /** Parameter type OIDs, from describing the statement once. */
  paramTypes: number[];
}

/**
 * Runs statements on PGlite as named prepared statements, kept per SQL text. PGlite's own
 * `query()` parses, plans and describes every statement again in six calls into the
 * WebAssembly backend; most of a short query's cost was planning (the submission check:
 * about 2 ms of CPU planned each time, 0.2 ms prepared). Kept statements run in one call
 * (bind, describe, execute, sync) and PostgreSQL's plan cache skips planning once it settles on
 * a generic plan, as it does for any driver's prepared statements. Results are parsed by
 * PGlite's own parser, as `query()` does. Runs under PGlite's query mutex.
 */
export class PreparedStatements {
  private readonly kept = new Map<string, Prepared>();
  private count = 0;

  /** This database's parsers over PGlite's, merged once (see parsersOf). */
  private merged: { base: Parsers; size: number; all: Parsers } | undefined;

  constructor(
    private readonly pg: PGlite,
    private readonly parsers: Parsers,
  ) {}

  /**
   * PGlite's parsers (about 320: every type and its array) with this database's over them.
   * PGlite's parseResults, given both, spreads them into a new object for every statement (0.1 ms
   * of the 0.4 a short prepared statement costs): merged here once, and again only when PGlite
   * replaced or extended its own (it adds array types' parsers when it learns of them).
   */
  private parsersOf(): Parsers {
    const base = this.pg.parsers as Parsers;
    const size = Object.keys(base).length;
    if (this.merged?.base !== base || this.merged.size !== size)
      this.merged = { base, size, all: { ...base, ...this.parsers } };
    return this.merged.all;
  }

  async query<R>(text: string, params: readonly unknown[]): Promise<Results<R>> {
    if (!KEPT.test(text)) return this.pg.query<R>(text, params as unknown[], { parsers: this.parsers });
    return this.pg._runExclusiveQuery(async () => {
      try {
        return await this.run<R>(text, params);
      } catch (error) {
        if ((error as { code?: string }).code !== STALE_PLAN || !this.kept.has(text)) throw error;
        // Prepared before a schema change: prepare it again. Retried only outside a transaction
        // block, where the failed attempt changed nothing (inside one, the block is now aborted).
        await this.forget(text);
        if (this.pg.isInTransaction()) throw error;
        return this.run<R>(text, params);
      }
    });
  }

  private async run<R>(text: string, params: readonly unknown[]): Promise<Results<R>> {
    const statement = await this.statementFor(text);
    const values = params.map((param, i) => {
      if (param === null || param === undefined) return null;
      const serializer = this.pg.serializers[statement.paramTypes[i] ?? 0];
      return serializer ? serializer(param) : String(param);
    });
    const run = [
      serialize.bind({ statement: statement.name, values }),
      serialize.describe({ type: "P" }),
      serialize.execute({}),
    ];
    const generic = text.startsWith(PREPARED);
    const messages = generic
      ? await this.exec(...(await this.setting(GENERIC)), ...run, ...(await this.setting(AUTO)), serialize.sync())
      : await this.exec(...run, serialize.sync());
    if (!this.pg.isInTransaction()) await this.pg.syncToFs();
    return parse.parseResults(messages, this.parsersOf())[generic ? 1 : 0] as Results<R>;
  }

  /** The kept statement of this text, prepared on first use. */
  private async statementFor(text: string): Promise<Prepared> {
    const statement = this.kept.get(text);
    if (!statement) return this.prepare(text);
    // Most recently used last, so that eviction takes the least recently used.
    this.kept.delete(text);
    this.kept.set(text, statement);
    return statement;
  }

  /** The messages that run a kept SET statement. */
  private async setting(text: string): Promise<Uint8Array[]> {
    const statement = await this.statementFor(text);
    return [serialize.bind({ statement: statement.name, values: [] }), serialize.execute({})];
  }

  private async prepare(text: string): Promise<Prepared> {
    const name = `luoshi_${++this.count}`;
    const evicted: Uint8Array[] = [];
    if (this.kept.size >= MAX_KEPT) {
      const [oldest, old] = this.kept.entries().next().value as [string, Prepared];
      this.kept.delete(oldest);
      evicted.push(serialize.close({ type: "S", name: old.name }));
    }
    const messages = await this.exec(
      ...evicted,
      serialize.parse({ name, text }),
      serialize.describe({ type: "S", name }),
      serialize.sync(),
    );
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    this.kept.set(text, prepared);
    return prepared;
  }

  private async forget(text: string): Promise<void> {
    const prepared = this.kept.get(text);
    if (!prepared) return;
    this.kept.delete(text);
    await this.exec(serialize.close({ type: "S", name: prepared.name }), serialize.sync());
  }

  /** Sends several protocol messages in one call; the backend runs them in order. */
  private exec(...parts: Uint8Array[]) {
    let length = 0;
    for (const part of parts) length += part.length;
    const message = new Uint8Array(length);
    let offset = 0;
    for (const part of parts) {
      message.set(part, offset);
      offset += part.length;
    }
    return this.pg.execProtocolStream(message, { syncToFs: false });
  }
}
