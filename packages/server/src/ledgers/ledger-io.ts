import type { ImportMode } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { newId } from "../ids.js";
import { todayInShanghai } from "../progress/periods.js";
import { type Changes, diffFields } from "./fields.js";
import { canReadLedger, ledgerPersonalAccess } from "./ledger-access.js";
import * as io from "./ledger-io.repository.js";
import { ledgerIoError, rowProblem } from "./ledger-io-messages.js";
import {
  cellString,
  findColumns,
  type LedgerSheetSpec,
  maskPersonal,
  orgKey,
  peopleIndex,
  type ReadContext,
  type ReadRow,
  type RowProblem,
  readRow,
  requiredColumns,
  sheetFields,
  sheetHeader,
  sheetRows,
  sheetWidths,
} from "./ledger-sheet.js";
import type { Fields } from "./ledger-type.js";
import { readFirstSheet, tablesToWorkbook } from "./ledger-xlsx.js";
import * as repo from "./ledgers.repository.js";

/**
 * Any ledger type's 台账 as xlsx, out and back in (issue 15). A type hands its LedgerSheetSpec
 * (ledger-sheet.ts: the title, state labels, the organisation column, which fields) and gets:
 *
 *  - exportLedger(db, actor, spec, { filter, reveal }, now): the print-ready workbook of the records
 *    the actor reads; personal fields masked unless `reveal` and the actor may see them in clear;
 *    every export audited (entity `ledger`, action `export`, whether revealed).
 *  - importLedger(db, actor, spec, bytes, { mode }, now): reads the first sheet (columns by header
 *    name or synonym), checks every row (row number + stable code + Chinese message for each
 *    problem) and then, in one transaction: `check` writes nothing; `all` writes only when every row
 *    is valid (else 422 LEDGER_IMPORT_INVALID with details.problems); `valid` writes the valid rows
 *    and lists the skipped ones. A row without a known 编号 is a new record (history: `record`, note
 *    导入); a row with one corrects that record (history: `correct`) or, identical, changes nothing.
 *    Each record written is audited (`import` / `correct`), and the import itself (entity `ledger`).
 *
 * Routes: see hazards-io.routes.ts for the hazard ledger's (multipart `file` + `mode`).
 */

export type Clock = () => Date;
export type { ImportMode };
export const MAX_IMPORT_ROWS = 20_000;
const MAX_EXPORT_ROWS = 100_000;
const IMPORT_NOTE = "从台账表格导入";
const MAX_PROBLEMS = 1000;

const maskedFields = (spec: LedgerSheetSpec, fields: Fields): Fields =>
  Object.fromEntries(
    Object.entries(fields).map(([k, v]) => {
      const kind = spec.def.fields[k]?.personal;
      return [k, kind && typeof v === "string" ? maskPersonal(kind, v) : v];
    }),
  );

const maskedChanges = (spec: LedgerSheetSpec, changes: Changes): Changes =>
  Object.fromEntries(
    Object.entries(changes).map(([k, c]) => {
      const kind = spec.def.fields[k]?.personal;
      const mask = (v: unknown) => (kind && typeof v === "string" ? maskPersonal(kind, v) : v);
      return [k, kind ? { from: mask(c.from), to: mask(c.to) } : c] as [string, Changes[string]];
    }),
  );

// --- export -------------------------------------------------------------------------------------

export interface ExportOptions {
  filter: Omit<repo.RecordFilter, "regionId" | "type" | "limit" | "offset">;
  /** Personal fields in clear, where the actor may see them (audited). */
  reveal: boolean;
}

export async function exportLedger(
  db: Database,
  actor: Actor,
  spec: LedgerSheetSpec,
  options: ExportOptions,
  now: Clock,
): Promise<{ bytes: Buffer; filename: string; rows: number; revealed: boolean }> {
  const rows = await repo.listRecords(db, {
    ...options.filter,
    regionId: actor.regionId,
    type: spec.def.type,
    limit: MAX_EXPORT_ROWS,
    offset: 0,
  });
  const { users } = await io.regionDirectory(db, actor.regionId);
  const people = peopleIndex(users);
  const clear = (r: (typeof rows)[number]) => options.reveal && ledgerPersonalAccess(actor, r) === "clear";
  const revealed = rows.some(clear);
  const body = sheetRows(
    spec,
    rows.map((r) => ({ id: r.id, orgName: r.org_name, state: r.state, fields: r.fields, reveal: clear(r) })),
    people,
  );
  const today = todayInShanghai(now());
  const bytes = await tablesToWorkbook([
    {
      name: spec.title.slice(0, 31),
      title: spec.title,
      subtitle: `导出日期：${today}　共 ${rows.length} 条`,
      header: sheetHeader(spec),
      widths: sheetWidths(spec),
      rows: body,
    },
  ]);
  await recordAudit(db, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: "ledger",
    entityId: spec.def.type,
    action: "export",
    after: { rows: rows.length, revealed, filter: options.filter },
  });
  return { bytes, filename: `${spec.title}（${today}）.xlsx`, rows: rows.length, revealed };
}

// --- import -------------------------------------------------------------------------------------

export interface ImportAnswer {
  mode: ImportMode;
  /** Data rows read. */
  total: number;
  created: number;
  corrected: number;
  unchanged: number;
  /** Rows left out for their problems. */
  skipped: number;
  /** Every problem (at most 1000 listed; problemCount counts all). */
  problems: RowProblem[];
  problemCount: number;
}

/** The header row: the first of the top five rows that names every required column. */
function locateHeader(spec: LedgerSheetSpec, rows: { row: number; cells: unknown[] }[]) {
  const needed = requiredColumns(spec);
  for (const [i, r] of rows.slice(0, 5).entries()) {
    const columns = findColumns(spec, r.cells.map(cellString));
    if (needed.every((k) => columns.has(k))) return { at: i, columns };
  }
  throw ledgerIoError("LEDGER_IMPORT_NO_HEADER", 422, {
    required: needed.map((k) => (k === "org" ? spec.orgLabel : k === "state" ? "状态" : spec.def.fields[k]!.label)),
  });
}

async function readContext(
  db: Database,
  actor: Actor,
  fileIds: string[],
  existing: ReadContext["existing"],
): Promise<ReadContext> {
  const dir = await io.regionDirectory(db, actor.regionId);
  const orgs = new Map(dir.orgs.map((o) => [o.id, o]));
  const orgByName = new Map<string, { id: string; kind: string; allowed: boolean }>();
  const entry = (o: { id: string; kind: string }) => ({
    id: o.id,
    kind: o.kind,
    allowed: canReadLedger(actor, { region_id: actor.regionId, org_id: o.id }),
  });
  for (const a of dir.aliases) if (orgs.has(a.org_id)) orgByName.set(orgKey(a.alias), entry(orgs.get(a.org_id)!));
  for (const o of dir.orgs) orgByName.set(orgKey(o.name), entry(o));
  // Evidence the importer may name: files of the organisations whose ledger records it reads.
  const files = await io.regionFiles(db, actor.regionId, fileIds);
  const usable = files.filter((f) => canReadLedger(actor, { region_id: actor.regionId, org_id: f.org_id }));
  return { orgByName, people: peopleIndex(dir.users), visibleFiles: new Set(usable.map((f) => f.id)), existing };
}

export async function importLedger(
  db: Database,
  actor: Actor,
  spec: LedgerSheetSpec,
  bytes: Buffer,
  options: { mode: ImportMode },
  now: Clock,
): Promise<ImportAnswer> {
  const sheet = await readFirstSheet(bytes);
  const { at: headerAt, columns } = locateHeader(spec, sheet.rows);
  const data = sheet.rows.slice(headerAt + 1);
  if (data.length === 0) throw ledgerIoError("LEDGER_IMPORT_EMPTY", 422);
  if (data.length > MAX_IMPORT_ROWS) throw ledgerIoError("LEDGER_IMPORT_TOO_MANY", 422);
  const idColumn = columns.get("id");
  const cellAt = (cells: unknown[], i: number | undefined) => (i === undefined ? "" : cellString(cells[i]));
  const fileColumns = sheetFields(spec).filter((f) => spec.def.fields[f]!.kind === "files" && columns.has(f));
  const fileIds = [
    ...new Set(data.flatMap((r) => fileColumns.flatMap((f) => cellAt(r.cells, columns.get(f)).split(/[、,，;；\s]+/)))),
  ].filter(Boolean);
  const at = now().toISOString();

  return db.transaction().execute(async (trx) => {
    const ids = [...new Set(data.map((r) => cellAt(r.cells, idColumn)).filter(Boolean))];
    const locked = await io.lockRecords(trx, actor.regionId, spec.def.type, ids);
    const existing = new Map(
      locked
        .filter((r) => canReadLedger(actor, { region_id: actor.regionId, org_id: r.org_id }))
        .map((r) => [r.id, { orgId: r.org_id, state: r.state, fields: r.fields, version: r.version }]),
    );
    const ctx = await readContext(trx, actor, fileIds, existing);

    const problems: RowProblem[] = [];
    const good: ReadRow[] = [];
    const seen = new Set<string>();
    for (const r of data) {
      const id = cellAt(r.cells, idColumn);
      if (id && seen.has(id)) {
        problems.push({ row: r.row, ...rowProblem("ROW_ID_DUPLICATE", "编号"), value: id });
        continue;
      }
      if (id) seen.add(id);
      const read = readRow(spec, columns, r.row, r.cells, ctx);
      if ("ok" in read) good.push(read.ok);
      else problems.push(...read.problems);
    }
    if (spec.checkRows) {
      const more = await spec.checkRows(trx, actor.regionId, good);
      const refused = new Set(more.map((p) => p.row));
      problems.push(...more);
      problems.sort((a, b) => a.row - b.row);
      good.splice(0, good.length, ...good.filter((g) => !refused.has(g.row)));
    }
    const badRows = new Set(problems.map((p) => p.row)).size;
    const answer = (created: number, corrected: number, unchanged: number): ImportAnswer => ({
      mode: options.mode,
      total: data.length,
      created,
      corrected,
      unchanged,
      skipped: badRows,
      problems: problems.slice(0, MAX_PROBLEMS),
      problemCount: problems.length,
    });
    if (problems.length > 0 && options.mode === "all")
      throw ledgerIoError("LEDGER_IMPORT_INVALID", 422, {
        problems: problems.slice(0, MAX_PROBLEMS),
        problemCount: problems.length,
      });

    const fresh = good.filter((g) => g.id === null);
    const changes = good
      .filter((g) => g.id !== null)
      .map((g) => ({
        g,
        before: existing.get(g.id!)!,
        diff: diffFields(existing.get(g.id!)!.fields, g.record.fields),
      }));
    const corrections = changes.filter((c) => Object.keys(c.diff).length > 0);
    if (options.mode === "check") return answer(fresh.length, corrections.length, changes.length - corrections.length);

    const meta = { regionId: actor.regionId, type: spec.def.type, actorId: actor.userId, at };
    const created = fresh.map((g) => {
      const changes = diffFields({}, g.record.fields);
      return {
        id: newId(),
        orgId: g.orgId,
        record: g.record,
        entry: { action: "record" as const, fromState: null, toState: g.record.state, changes, note: IMPORT_NOTE },
        audit: { state: g.record.state, changes: maskedChanges(spec, changes), note: IMPORT_NOTE },
      };
    });
    await io.insertImported(trx, meta, created);
    for (const c of corrections) {
      const key = { regionId: actor.regionId, id: c.g.id! };
      const entry = {
        action: "correct" as const,
        fromState: c.before.state,
        toState: c.before.state,
        changes: c.diff,
        note: IMPORT_NOTE,
      };
      await repo.appendChange(trx, key, c.before.version, c.g.record, entry, actor.userId, at);
      await recordAudit(trx, {
        regionId: actor.regionId,
        actorId: actor.userId,
        entity: "ledger_record",
        entityId: key.id,
        action: "correct",
        before: { state: c.before.state, fields: maskedFields(spec, c.before.fields) },
        after: { state: c.g.record.state, changes: maskedChanges(spec, c.diff), note: IMPORT_NOTE },
      });
    }
    const result = answer(created.length, corrections.length, changes.length - corrections.length);
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger",
      entityId: spec.def.type,
      action: "import",
      after: {
        ...result,
        problems: undefined,
        skippedRows: [...new Set(problems.map((p) => p.row))].slice(0, MAX_PROBLEMS),
      },
    });
    return result;
  });
}
