import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../test/app.js";
import { within } from "../test/within.js";
import { dataVersionOf } from "./data-version.js";
import type { Database } from "./database.js";

let db: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
}, 60_000);
afterAll(() => drop());

describe("dataVersionOf", () => {
  it("stays put across reads and moves with every committed write, in or out of a transaction", async () => {
    const version = dataVersionOf(db);
    const [v0, afterRead] = await within(
      10,
      async () => {
        const v = await version();
        await db.selectFrom("orgs").selectAll().execute();
        return [v, await version()];
      },
      ([a, b]) => a === b,
    );
    expect(afterRead).toBe(v0);
    await sql`INSERT INTO orgs (region_id, id, parent_id, name, kind) VALUES ('v', 'v', NULL, '县局', 'bureau')`.execute(
      db,
    );
    const v1 = await version();
    expect(v1).not.toBe(v0);
    await db.transaction().execute(async (trx) => {
      await sql`UPDATE orgs SET name = '新县局' WHERE id = 'v'`.execute(trx);
    });
    expect(await version()).not.toBe(v1);
  });

  it("does not move while a write is still uncommitted", async () => {
    const version = dataVersionOf(db);
    const [before, during] = await within(
      10,
      async () => {
        const seen = [await version(), ""];
        await db
          .transaction()
          .execute(async (trx) => {
            await sql`UPDATE orgs SET name = '未提交' WHERE id = 'v'`.execute(trx);
            // On PostgreSQL another pooled connection reads it; PGlite's needs no query.
            seen[1] = await version();
            throw new Error("roll back");
          })
          .catch(() => undefined);
        return seen;
      },
      ([a, b]) => a === b,
    );
    expect(during).toBe(before);
  });
});
