import type { Symptom } from "@luoshi/contract";
import { sql } from "kysely";
import type { Database } from "../db/database.js";
import type { SlotCounts } from "./returns.js";

/**
 * SQL of a county's day of class checks counted per school (the bureau's day view, issue 16 item 6):
 * grouped in the database instead of listing 9,000 classes and 18,000 returns. A class owes the
 * day's checks from the day it was created (Beijing date) until the day it was removed, as in
 * health-source.ts; a check counts only for a class that owed it.
 */

export interface SchoolDayCounts {
  orgId: string;
  orgName: string;
  /** Classes owing the day's checks. */
  units: number;
  slots: SlotCounts[];
  /** Students absent for illness: per class the larger of the day's checks, summed. */
  illAbsent: number;
  symptoms: Partial<Record<Symptom, number>>;
}

const owes = (date: string) =>
  sql`(c.deleted_at IS NULL OR (c.deleted_at AT TIME ZONE 'Asia/Shanghai')::date > ${date}::date)`;
const since = (date: string) => sql`(c.created_at AT TIME ZONE 'Asia/Shanghai')::date <= ${date}::date`;
const inOrgs = (orgIds: string[] | undefined) =>
  orgIds ? sql`AND c.org_id = ANY(${sql.val(orgIds.length ? orgIds : [""])}::text[])` : sql``;

export async function healthDayCounts(
  db: Database,
  q: {
    regionId: string;
    orgIds?: string[];
    date: string;
    dues: readonly { slot: string; dueAt: string }[];
    /** ISO instant: checks submitted later did not exist yet. */
    at: string;
  },
): Promise<SchoolDayCounts[]> {
  const schools = await sql<{ org_id: string; org_name: string; units: number }>`
    SELECT c.org_id, min(o.name) AS org_name, count(*) FILTER (WHERE ${since(q.date)})::int AS units
      FROM school_classes c
      JOIN orgs o ON o.region_id = c.region_id AND o.id = c.org_id
     WHERE c.region_id = ${q.regionId} AND ${owes(q.date)} ${inOrgs(q.orgIds)}
     GROUP BY c.org_id, o.sort_order
     ORDER BY o.sort_order, c.org_id`.execute(db);
  const result = new Map<string, SchoolDayCounts>(
    schools.rows.map((r) => [
      r.org_id,
      { orgId: r.org_id, orgName: r.org_name, units: r.units, slots: [], illAbsent: 0, symptoms: {} },
    ]),
  );
  if (q.dues.length === 0 || result.size === 0) return [...result.values()];
  const slots = q.dues.map((d) => d.slot);
  const dues = q.dues.map((d) => d.dueAt);
  // Returns of classes that owed them, each with its slot's due time.
  const owed = sql`
    SELECT c.org_id, r.unit_id, r.slot, r.zero, r.submitted_at, r.payload, d.due
      FROM ledger_returns r
      JOIN school_classes c ON c.region_id = r.region_id AND c.id = r.unit_id
      JOIN unnest(${sql.val(slots)}::text[], ${sql.val(dues)}::timestamptz[]) AS d(slot, due) ON d.slot = r.slot
     WHERE r.region_id = ${q.regionId} AND r.ledger_type = 'health_check' AND r.period = ${q.date}::date
       AND r.submitted_at <= ${q.at}::timestamptz AND ${owes(q.date)} AND ${since(q.date)} ${inOrgs(q.orgIds)}`;
  const counted = await sql<{ org_id: string; slot: string; timely: number; late: number; zero: number }>`
    WITH r AS (${owed})
    SELECT org_id, slot, count(*) FILTER (WHERE submitted_at <= due)::int AS timely,
           count(*) FILTER (WHERE submitted_at > due)::int AS late, count(*) FILTER (WHERE zero)::int AS zero
      FROM r GROUP BY org_id, slot`.execute(db);
  for (const r of counted.rows)
    result.get(r.org_id)?.slots.push({ slot: r.slot, timely: r.timely, late: r.late, zero: r.zero });
  // Illness: '' is the number of students, else a symptom's; per class the larger of the day's checks.
  const ill = await sql<{ org_id: string; symptom: string; n: number }>`
    WITH r AS (${owed} AND NOT r.zero),
    per_class AS (
      SELECT org_id, unit_id, '' AS symptom, max((payload->>'illAbsent')::int) AS n FROM r GROUP BY org_id, unit_id
      UNION ALL
      SELECT org_id, unit_id, s.key, max(s.value::int) FROM r, jsonb_each_text(r.payload->'symptoms') s
       GROUP BY org_id, unit_id, s.key)
    SELECT org_id, symptom, sum(n)::int AS n FROM per_class GROUP BY org_id, symptom`.execute(db);
  for (const r of ill.rows) {
    const school = result.get(r.org_id);
    if (!school) continue;
    if (r.symptom === "") school.illAbsent = r.n;
    else school.symptoms[r.symptom as Symptom] = r.n;
  }
  return [...result.values()];
}

/** A region's days [from, to], of some schools only when `orgIds`: what the counts over time read. */
export interface TrendScope {
  regionId: string;
  orgIds?: string[];
  from: string;
  to: string;
}

/** The condition on rows `r` of some schools (none when `orgIds` is undefined). */
export const rowsOfOrgs = (orgIds: string[] | undefined) =>
  orgIds ? sql`AND r.org_id = ANY(${sql.val(orgIds.length ? orgIds : [""])}::text[])` : sql``;

/**
 * Illness absences by day, school and symptom over [from, to] (the export of cases by symptom): per
 * class and day the larger of the day's checks, summed; symptom '' is the number of students.
 */
export async function illnessBySymptom(
  db: Database,
  q: TrendScope,
): Promise<{ period: string; orgId: string; symptom: string; n: number }[]> {
  const orgs = rowsOfOrgs(q.orgIds);
  const rows = await sql<{ period: string; org_id: string; symptom: string; n: number }>`
    WITH r AS (
      SELECT r.period, r.org_id, r.unit_id, r.payload FROM ledger_returns r
       WHERE r.region_id = ${q.regionId} AND r.ledger_type = 'health_check' AND NOT r.zero
         AND r.period BETWEEN ${q.from}::date AND ${q.to}::date AND r.slot IN ('morning', 'noon') ${orgs}),
    per_class AS (
      SELECT period, org_id, unit_id, '' AS symptom, max((payload->>'illAbsent')::int) AS n FROM r
       GROUP BY period, org_id, unit_id
      UNION ALL
      SELECT period, org_id, unit_id, s.key, max(s.value::int) FROM r, jsonb_each_text(r.payload->'symptoms') s
       GROUP BY period, org_id, unit_id, s.key)
    SELECT to_char(period, 'YYYY-MM-DD') AS period, org_id, symptom, sum(n)::int AS n
      FROM per_class GROUP BY period, org_id, symptom ORDER BY 1, 2, 3`.execute(db);
  return rows.rows.map((r) => ({ period: r.period, orgId: r.org_id, symptom: r.symptom, n: r.n }));
}
