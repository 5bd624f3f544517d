import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { bulletinLetterhead } from "../bureau/bureau.service.js";
import type { Database } from "../db/database.js";
import type { FileStore } from "../files/file-store.js";
import { fileRow, insertFile } from "../files/files.repository.js";
import { json, newId } from "../ids.js";
import { todayInShanghai } from "../progress/periods.js";
import { addDays, periodBounds } from "../status/calendar.js";
import type { Clock } from "../status/status.service.js";
import { periodLabel, supervisionError } from "../supervision/messages.js";
import { type BulletinData, bulletinDocx, bulletinTitle, bulletinXlsx, headline } from "./bulletin-document.js";
import { bulletinById, bulletinsOf, insertBulletin, retireBulletins } from "./bulletins.repository.js";
import { recordsAsOf } from "./records.js";
import { regionName } from "./records.repository.js";
import { bulletinFigures } from "./unit-figures.js";

const PERIOD = /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/;
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The month before today ("2025-03" on any day of April). */
export const previousMonth = (today: string) => addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);

/**
 * What a bulletin of a period states, computed from the records as they stood at the end of the
 * period (or today, for the running period) by the status engine's rules: figures, unit table,
 * charts, appendix and overdue list all come from this one computation.
 * Refused for a malformed or future period, and for a period with no plan in force.
 */
export async function bulletinData(
  db: Database,
  input: { regionId: string; period: string; now: Clock },
): Promise<BulletinData> {
  if (!PERIOD.test(input.period)) throw supervisionError("PERIOD_INVALID", 400);
  const { start, end } = periodBounds(input.period);
  const issuedOn = todayInShanghai(input.now());
  if (start > issuedOn) throw supervisionError("PERIOD_NOT_STARTED", 400, { period: input.period });
  const asOf = [end, issuedOn].sort()[0] ?? end;
  const year = Number(input.period.slice(0, 4));
  const records = await recordsAsOf(db, { regionId: input.regionId, year, asOf, from: start });
  if (records.plans.length === 0) throw supervisionError("BULLETIN_NO_PLAN", 422, { period: input.period });
  return {
    issuer: await regionName(db, input.regionId),
    period: input.period,
    periodLabel: periodLabel(input.period),
    issuedOn,
    ...bulletinFigures(records),
  };
}

/**
 * Generates the bulletin of a region for a month or quarter, stores the Word document and its
 * xlsx appendix as files, and replaces an earlier one of the same period.
 * The records are read from `input.reads` when given (a replica that has caught up), else `database`.
 */
export async function generateBulletin(
  database: Database,
  store: FileStore,
  input: { regionId: string; period: string; actor: Actor | null; now: Clock; reads?: Database },
) {
  const db = database;
  const data = {
    ...(await bulletinData(input.reads ? input.reads : db, input)),
    ...(await bulletinLetterhead(
      database,
      input.regionId,
      input.period,
      Number(todayInShanghai(input.now()).slice(0, 4)),
    )),
  };
  const { bytes: docx } = await bulletinDocx(data);
  const xlsx = await bulletinXlsx(data);
  const title = bulletinTitle(data);
  const [docxSha, xlsxSha] = [await store.put(docx), await store.put(xlsx)];
  const actorId = input.actor?.userId ?? null;
  return db.transaction().execute(async (trx) => {
    const file = (sha: string, filename: string, type: string, size: number) =>
      insertFile(trx, {
        region_id: input.regionId,
        id: newId(),
        sha256: sha,
        filename,
        content_type: type,
        size,
        org_id: input.regionId,
        uploaded_by: actorId ?? "system",
      });
    const docxFile = await file(docxSha, `${title}.docx`, DOCX, docx.length);
    const xlsxFile = await file(xlsxSha, `${title}（附件）.xlsx`, XLSX, xlsx.length);
    const previous = await retireBulletins(trx, input.regionId, input.period, input.now().toISOString());
    const bulletin = await insertBulletin(trx, {
      region_id: input.regionId,
      id: newId(),
      org_id: input.regionId,
      period: input.period,
      title,
      doc_no: data.docNo,
      docx_file_id: docxFile.id,
      xlsx_file_id: xlsxFile.id,
      summary: json(headline(data)),
      generated_by: actorId,
      generated_at: input.now().toISOString(),
    });
    await recordAudit(trx, {
      regionId: input.regionId,
      actorId,
      entity: "bulletin",
      entityId: bulletin.id,
      action: "generate",
      before: previous.length ? { replaced: previous.map((p) => p.id) } : undefined,
      after: bulletin,
    });
    return bulletin;
  });
}

export const listBulletins = (database: Database, actor: Actor) =>
  bulletinsOf(database, [actor.regionId, ...actor.visibleOrgIds]);

/** Bulletins are addressed to the whole region: everyone in it may read them. */
export async function bulletinFile(
  database: Database,
  store: FileStore,
  actor: Actor,
  id: string,
  format: "docx" | "xlsx",
) {
  const bulletin = await bulletinById(database, id);
  if (!bulletin || !(bulletin.region_id === actor.regionId || actor.visibleOrgIds.includes(bulletin.region_id))) {
    throw supervisionError("BULLETIN_NOT_FOUND", 404);
  }
  const fileId = format === "docx" ? bulletin.docx_file_id : bulletin.xlsx_file_id;
  const file = await fileRow(database, bulletin.region_id, fileId);
  return { file, bytes: await store.get(file.sha256) };
}
