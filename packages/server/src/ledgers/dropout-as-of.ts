import type { LedgerType } from "@luoshi/contract";
import type { Database } from "../db/database.js";
import { addDays } from "../status/calendar.js";
import type { DropoutAsOf, IdentificationAsOf, PaymentAsOf } from "./dropout-metrics.js";
import { historyFrom, recordsAsOf, recordsNow } from "./ledgers.repository.js";

/** 控辍 cases and 资助 records of a region (or some schools) as they stood at the end of a day (Asia/Shanghai). */

/**
 * The records of a type as they stood at the end of `asOf`: read from their history, or, when no
 * history entry of the region is dated after that (the day asked is today, or nothing changed
 * since), from the records as they stand, which is the same answer without a pass over the history.
 * With `schoolYear`, only the records of that school year (as of then).
 */
async function read(
  db: Database,
  q: { regionId: string; type: LedgerType; asOf: string; fields: string[]; orgIds?: string[]; schoolYear?: string },
) {
  const cutoff = `${addDays(q.asOf, 1)}T00:00:00+08:00`;
  const { regionId, type, fields } = q;
  const orgs = q.orgIds ? { orgIds: q.orgIds } : {};
  if (!(await historyFrom(db, regionId, cutoff)))
    return recordsNow(db, {
      regionId,
      type,
      fields,
      ...orgs,
      ...(q.schoolYear ? { fieldEquals: { schoolYear: q.schoolYear } } : {}),
    });
  const rows = await recordsAsOf(db, { regionId, type, cutoff, fields, ...orgs });
  return q.schoolYear ? rows.filter((r) => r.fields.schoolYear === q.schoolYear) : rows;
}

export async function dropoutCasesAsOf(
  db: Database,
  regionId: string,
  asOf: string,
  orgIds?: string[],
): Promise<DropoutAsOf[]> {
  const rows = await read(db, {
    regionId,
    type: "dropout_case",
    asOf,
    fields: ["droppedOn"],
    ...(orgIds ? { orgIds } : {}),
  });
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, state: r.state, droppedOn: r.fields.droppedOn ?? null }));
}

export async function aidAsOf(
  db: Database,
  regionId: string,
  asOf: string,
  orgIds?: string[],
  schoolYear?: string,
): Promise<{ idents: IdentificationAsOf[]; payments: PaymentAsOf[] }> {
  const scope = { regionId, asOf, ...(orgIds ? { orgIds } : {}), ...(schoolYear ? { schoolYear } : {}) };
  const [idents, payments] = await Promise.all([
    read(db, {
      ...scope,
      type: "aid_identification",
      fields: ["studentNo", "studentName", "schoolYear", "identifiedOn"],
    }),
    read(db, {
      ...scope,
      type: "aid_payment",
      fields: ["studentNo", "studentName", "programme", "schoolYear", "term"],
    }),
  ]);
  return {
    idents: idents.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      state: r.state,
      studentNo: r.fields.studentNo ?? null,
      studentName: r.fields.studentName ?? null,
      schoolYear: r.fields.schoolYear ?? null,
      identifiedOn: r.fields.identifiedOn ?? null,
    })),
    payments: payments.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      studentNo: r.fields.studentNo ?? null,
      studentName: r.fields.studentName ?? null,
      programme: r.fields.programme ?? null,
      schoolYear: r.fields.schoolYear ?? null,
      term: r.fields.term ?? null,
    })),
  };
}
