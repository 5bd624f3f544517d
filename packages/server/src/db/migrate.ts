import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Database } from "./database.js";

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** The .sql files ship in src/db/migrations; the built code finds them from dist too. */
export function migrationsDir(): string {
  const here = fileURLToPath(new URL("./migrations", import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL("../../src/db/migrations", import.meta.url));
}

export function loadMigrations(dir = migrationsDir()): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((file) => ({ version: file.slice(0, 4), name: file, sql: readFileSync(join(dir, file), "utf8") }));
}

/** Applies pending migrations, each in its own transaction; throws on the first failure. Returns names applied. */
export async function migrate(db: Database, migrations = loadMigrations()): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
  )`.execute(db);
  const done = new Set((await db.selectFrom("schema_migrations").select("version").execute()).map((r) => r.version));
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    try {
      await db.transaction().execute(async (trx) => {
        for (const statement of splitStatements(m.sql)) await sql.raw(statement).execute(trx);
        await trx.insertInto("schema_migrations").values({ version: m.version, name: m.name }).execute();
      });
    } catch (cause) {
      throw new Error(`Migration ${m.name} failed: ${(cause as Error).message}`, { cause });
    }
    applied.push(m.name);
  }
  return applied;
}

/**
 * Both drivers run one statement per query, so a migration is split at each ";" that ends a line
 * outside a dollar-quoted body ($$ … $$ or $tag$ … $tag$, as PL/pgSQL functions are written).
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (const line of text.split("\n")) {
    const code: string = quote === null ? line.replace(/^\s*--.*$/, "") : line;
    for (const tag of (code.match(/\$[A-Za-z_]*\$/g) ?? []) as string[]) {
      if (quote === null) quote = tag;
      else if (tag === quote) quote = null;
    }
    current += `${code}\n`;
    if (quote === null && /;\s*$/.test(code)) {
      statements.push(current.trim().replace(/;$/, ""));
      current = "";
    }
  }
  if (current.trim() !== "") statements.push(current.trim());
  return statements.filter((s) => s.length > 0);
}
