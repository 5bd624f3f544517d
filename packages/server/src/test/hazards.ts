import type { NewHazard, NewRound } from "@luoshi/contract";
import { sql } from "kysely";
import type { Database } from "../db/database.js";
import { multipart, rowCounts, type Session, type TestContext } from "./app.js";

/** A photo as a phone sends it (PNG magic bytes and a little more). */
export const PHOTO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4]);

export async function uploadPhoto(t: TestContext, session: Session, name = "现场.png"): Promise<string> {
  const body = multipart({ name, bytes: PHOTO, type: "image/png" });
  const res = await t.app.inject({
    method: "POST",
    url: "/api/files",
    headers: { ...session.headers, ...body.headers },
    payload: body.payload,
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json().file.id as string;
}

export const aHazard = (over: Partial<NewHazard> = {}): NewHazard => ({
  category: "fire",
  location: "教学楼二楼走廊",
  description: "灭火器压力不足",
  source: "thing",
  grade: "general",
  ...over,
});

export const aRound = (over: Partial<NewRound> = {}): NewRound => ({
  kind: "daily",
  heldOn: "2024-05-06",
  checklist: [
    { category: "fire", item: "灭火器是否在有效期内", ok: false },
    { category: "fire", item: "疏散通道是否畅通", ok: true },
  ],
  hazards: [aHazard()],
  ...over,
});

/** Row counts of the business tables and the ledger tables, to assert a refusal changed nothing. */
export async function allCounts(db: Database): Promise<Record<string, number>> {
  const counts = await rowCounts(db);
  for (const table of ["ledger_records", "ledger_history", "ledger_rounds", "ledger_settings"]) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]!.n);
  }
  const { rows } = await sql<{
    f: string;
  }>`SELECT coalesce(md5(string_agg(fields::text || state, ',' ORDER BY id)), '') AS f FROM ledger_records`.execute(db);
  counts[`records:${rows[0]!.f}`] = 1;
  return counts;
}
