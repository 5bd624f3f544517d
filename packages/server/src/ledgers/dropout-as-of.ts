import type { LedgerType } from "@luoshi/contract";
import type { Database } from "../db/database.js";
import { addDays } from "../status/calendar.js";
import type { DropoutAsOf, IdentificationAsOf, PaymentAsOf } from "./dropout-metrics.js";
import { recordsAsOf } from "./ledgers.repository.js";

/** 控辍 cases and 资助 records of a region (or some schools) as they stood at the end of a day (Asia/Shanghai). */

const read = (db: Database, regionId: string, type: LedgerType, asOf: string, fields: string[], orgIds?: string[]) =>
  recordsAsOf(db, {
    regionId,
    type,
    cutoff: `${addDays(asOf, 1)}T00:00:00+08:00`,
    fields,
    ...(orgIds ? { orgIds } : {}),
  });

export async function dropoutCasesAsOf(
  db: Database,
  regionId: string,
  asOf: string,
  orgIds?: string[],
): Promise<DropoutAsOf[]> {
  const rows = await read(db, regionId, "dropout_case", asOf, ["droppedOn"], orgIds);
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, state: r.state, droppedOn: r.fields.droppedOn ?? null }));
}

export async function aidAsOf(
  db: Database,
  regionId: string,
  asOf: string,
  orgIds?: string[],
): Promise<{ idents: IdentificationAsOf[]; payments: PaymentAsOf[] }> {
  const idents = await read(
    db,
    regionId,
    "aid_identification",
    asOf,
    ["studentNo", "studentName", "schoolYear", "identifiedOn"],
    orgIds,
  );
  const payments = await read(
    db,
    regionId,
    "aid_payment",
    asOf,
    ["studentNo", "studentName", "programme", "schoolYear", "term"],
    orgIds,
  );
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
