import { DIAGNOSES, type Diagnosis, SYMPTOMS, type Symptom } from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { illnessBySymptom } from "./health-day.repository.js";
import { dailySeries, dailyTotals, daysBetween } from "./health-trends.js";
import { illnessByDiagnosis } from "./illness-cases.repository.js";
import { orgScope } from "./ledger-access.js";
import { checkRange } from "./returns.service.js";

/**
 * Cases by symptom and by disease over a range of days (issue 16 item 6), for the bureau's chart
 * and its xlsx export: counts only, of the schools the actor reads (one when `orgId`).
 */

export interface TrendsQuery {
  from: string;
  to: string;
  orgId?: string;
}

/** The rows the trends and their export are drawn from, per day and school. */
export async function trendRows(db: Database, actor: Actor, q: TrendsQuery) {
  checkRange(q.from, q.to);
  const orgIds = orgScope(actor, q.orgId);
  const scope = { regionId: actor.regionId, from: q.from, to: q.to, ...(orgIds ? { orgIds } : {}) };
  const [symptoms, diagnoses] = await Promise.all([illnessBySymptom(db, scope), illnessByDiagnosis(db, scope)]);
  return { symptoms, diagnoses };
}

export async function healthTrends(db: Database, actor: Actor, q: TrendsQuery) {
  const rows = await trendRows(db, actor, q);
  const days = daysBetween(q.from, q.to);
  // Symptom '' is the day's number of students absent for illness (a student may have several symptoms).
  const bySymptom = rows.symptoms.map((r) => ({ period: r.period, key: r.symptom, n: r.n }));
  const [absences] = dailySeries(days, bySymptom, [""]);
  const diagnoses = dailySeries<Diagnosis>(
    days,
    rows.diagnoses.map((r) => ({ period: r.period, key: r.diagnosis, n: r.n })),
    DIAGNOSES,
  );
  return {
    from: q.from,
    to: q.to,
    days,
    absences: absences?.counts ?? days.map(() => 0),
    symptoms: dailySeries<Symptom>(days, bySymptom, SYMPTOMS),
    cases: dailyTotals(days, diagnoses),
    diagnoses,
  };
}
