import { maskPersonal } from "@luoshi/contract";
import type { Database } from "../db/database.js";
import { diffFields, filled, fitsField } from "./fields.js";
import { type RowProblemCode, rowProblem } from "./ledger-io-messages.js";
import type { FieldDef, Fields, FieldValue, LedgerRecordState, LedgerTypeDef } from "./ledger-type.js";

/**
 * A ledger type's 台账 as a table (pure, no I/O), driven by the type's field declarations:
 * columns 序号, 编号, the organisation, 状态, then every field by its label; enum values by their
 * Chinese labels, dates as YYYY-MM-DD, users by name (name（account） where names clash), evidence
 * by file ids, personal fields masked unless revealed. Reading a sheet back finds columns by header
 * (label or synonym) and turns each row into a record or a list of problems with the row number.
 * Used by ledger-xlsx.ts (the workbook) and ledger-import.ts (the import).
 */

export interface LedgerSheetSpec {
  def: LedgerTypeDef;
  /** The sheet's title, e.g. 校园安全隐患台账. */
  title: string;
  stateLabels: Readonly<Record<string, string>>;
  /** The organisation column's header (学校) and its synonyms. */
  orgLabel: string;
  orgSynonyms?: readonly string[];
  /** The fields in the sheet, in order (default: every field of the type). */
  fields?: readonly string[];
  /** Refuses an organisation a record may not belong to (e.g. not a school): a row problem code, or null. */
  orgProblem?: (org: { kind: string }) => RowProblemCode | null;
  /** Checks across the valid rows and the stored records (e.g. one open case per student): more problems. */
  checkRows?: (db: Database, regionId: string, rows: readonly ReadRow[]) => Promise<RowProblem[]>;
}

export const ID_HEADER = "编号";
export const SERIAL_HEADER = "序号";
export const STATE_HEADER = "状态";

const norm = (s: string) => s.replace(/[\s\u3000*＊]+/g, "").toLowerCase();

export const sheetFields = (spec: LedgerSheetSpec): string[] => [...(spec.fields ?? Object.keys(spec.def.fields))];

/** The column headers, in order. */
export const sheetHeader = (spec: LedgerSheetSpec): string[] => [
  SERIAL_HEADER,
  ID_HEADER,
  spec.orgLabel,
  STATE_HEADER,
  ...sheetFields(spec).map((f) => spec.def.fields[f]!.label),
];

/** Column widths in characters, by field kind. */
export const sheetWidths = (spec: LedgerSheetSpec): number[] => [
  6,
  12,
  20,
  8,
  ...sheetFields(spec).map((f) => {
    const d = spec.def.fields[f]!;
    if (d.kind === "text") return d.maxLength > 500 ? 30 : d.maxLength > 100 ? 20 : 14;
    return d.kind === "date" ? 12 : d.kind === "files" ? 16 : 12;
  }),
];

/** The shared mask of every personal kind (@luoshi/contract mask.ts). */
export { maskPersonal };

/** How people are shown and found: by id → label, and label / account / name → ids. */
export interface PeopleIndex {
  label: (id: string) => string;
  find: (text: string) => string[];
}

export function peopleIndex(users: readonly { id: string; username: string; display_name: string }[]): PeopleIndex {
  const byName = new Map<string, string[]>();
  for (const u of users) byName.set(norm(u.display_name), [...(byName.get(norm(u.display_name)) ?? []), u.id]);
  const byAccount = new Map(users.map((u) => [norm(u.username), u.id]));
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    label: (id) => {
      const u = byId.get(id);
      if (!u) return id;
      return (byName.get(norm(u.display_name))?.length ?? 0) > 1
        ? `${u.display_name}（${u.username}）`
        : u.display_name;
    },
    find: (text) => {
      const withAccount = /^(.*)[（(]([^（()）]+)[）)]$/.exec(text.trim());
      const account = byAccount.get(norm(withAccount ? withAccount[2]! : text));
      if (account) return [account];
      if (byId.has(text.trim())) return [text.trim()];
      return byName.get(norm(withAccount ? withAccount[1]! : text)) ?? [];
    },
  };
}

/** A record as the sheet shows it. */
export interface SheetRecord {
  id: string;
  orgName: string;
  state: string;
  fields: Fields;
  /** Personal fields in clear. */
  reveal: boolean;
}

/** One cell of a field: label, name, date text, number, or file ids; personal masked unless `reveal`. */
export type Cell = string | number | null;

export function cellOf(def: FieldDef, value: FieldValue | undefined, people: PeopleIndex, reveal: boolean): Cell {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.join("、");
  if (def.kind === "enum") return def.labels?.[String(value)] ?? String(value);
  if (def.kind === "user") return people.label(String(value));
  if (def.personal && !reveal && typeof value === "string") return maskPersonal(def.personal, value);
  return value;
}

export function sheetRows(spec: LedgerSheetSpec, records: SheetRecord[], people: PeopleIndex): Cell[][] {
  return records.map((r, i) => [
    i + 1,
    r.id,
    r.orgName,
    spec.stateLabels[r.state] ?? r.state,
    ...sheetFields(spec).map((f) => cellOf(spec.def.fields[f]!, r.fields[f], people, r.reveal)),
  ]);
}

// --- reading ------------------------------------------------------------------------------------

/** Where each column is: the key (`id`, `org`, `state` or a field name) → its index in the row. */
export type ColumnMap = Map<string, number>;

export function findColumns(spec: LedgerSheetSpec, header: string[]): ColumnMap {
  const names: [string, string[]][] = [
    ["id", [ID_HEADER, "记录编号"]],
    ["org", [spec.orgLabel, ...(spec.orgSynonyms ?? []), "单位", "单位名称"]],
    ["state", [STATE_HEADER, "当前状态", "处理状态"]],
    ...sheetFields(spec).map((f): [string, string[]] => {
      const d = spec.def.fields[f]!;
      return [f, [d.label, ...(d.synonyms ?? [])]];
    }),
  ];
  const at: ColumnMap = new Map();
  for (const [key, synonyms] of names) {
    const i = header.findIndex((h) => synonyms.some((n) => norm(h) === norm(n)));
    if (i >= 0 && ![...at.values()].includes(i)) at.set(key, i);
  }
  return at;
}

/** The columns a sheet must have: the organisation, the state and every required field. */
export const requiredColumns = (spec: LedgerSheetSpec): string[] => ["org", "state", ...spec.def.required];

export const columnLabel = (spec: LedgerSheetSpec, key: string): string =>
  key === "id"
    ? ID_HEADER
    : key === "org"
      ? spec.orgLabel
      : key === "state"
        ? STATE_HEADER
        : spec.def.fields[key]!.label;

export interface RowProblem {
  row: number;
  column?: string;
  code: string;
  message: string;
  value?: string;
}

/** What the import knows of the region: organisations and people by name, files the importer may use, records by id. */
export interface ReadContext {
  orgByName: ReadonlyMap<string, { id: string; kind: string; allowed: boolean }>;
  people: PeopleIndex;
  visibleFiles: ReadonlySet<string>;
  existing: ReadonlyMap<string, { orgId: string; state: string; fields: Fields }>;
}

/** A row read: a new record or a change to an existing one (with its id). */
export interface ReadRow {
  row: number;
  id: string | null;
  orgId: string;
  record: LedgerRecordState;
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** A date cell (text in any common form, or an Excel date) as YYYY-MM-DD; null when it is not one. */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === "number" && value > 20000 && value < 80000) {
    return new Date(Date.UTC(1899, 11, 30) + Math.round(value) * 86_400_000).toISOString().slice(0, 10);
  }
  const m = DATE_TEXT.exec(String(value).trim());
  if (!m) return null;
  return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
}

export const cellString = (value: unknown): string =>
  value === null || value === undefined
    ? ""
    : value instanceof Date
      ? value.toISOString().slice(0, 10)
      : String(value).trim();

type Parsed = { value: FieldValue } | { problem: RowProblemCode; detail?: string };

/** One field's cell → its value, or the problem's code. */
function parseField(def: FieldDef, raw: unknown, ctx: ReadContext, current: FieldValue | undefined): Parsed {
  const text = cellString(raw);
  if (text === "") return { value: null };
  switch (def.kind) {
    case "enum": {
      const label = (v: string) => norm(def.labels?.[v] ?? v);
      const prefixed = def.values.filter((v) => label(v).startsWith(norm(text)));
      const hit =
        def.values.find((v) => norm(v) === norm(text) || label(v) === norm(text)) ??
        (prefixed.length === 1 ? prefixed[0] : undefined);
      return hit
        ? { value: hit }
        : { problem: "ROW_ENUM_UNKNOWN", detail: def.values.map((v) => def.labels?.[v] ?? v).join("、") };
    }
    case "date": {
      const date = parseDate(raw);
      return date && fitsField(def, date) ? { value: date } : { problem: "ROW_DATE_INVALID" };
    }
    case "money": {
      const n = typeof raw === "number" ? raw : Number(text.replace(/[,，元\s]/g, ""));
      return fitsField(def, n) ? { value: n } : { problem: "ROW_NUMBER_INVALID" };
    }
    case "user": {
      const ids = ctx.people.find(text);
      if (ids.length === 1) return { value: ids[0]! };
      return { problem: ids.length === 0 ? "ROW_USER_UNKNOWN" : "ROW_USER_AMBIGUOUS" };
    }
    case "files": {
      const ids = [...new Set(text.split(/[、,，;；\s]+/).filter(Boolean))];
      if (ids.some((id) => !ctx.visibleFiles.has(id))) return { problem: "ROW_FILE_NOT_FOUND" };
      return fitsField(def, ids) ? { value: ids } : { problem: "ROW_TEXT_INVALID" };
    }
    default: {
      // A masked personal value: the record's own value if it masks the same, else refused.
      if (def.personal && text.includes("*")) {
        if (typeof current === "string" && maskPersonal(def.personal, current) === text) return { value: current };
        return { problem: "ROW_PERSONAL_MASKED" };
      }
      if (def.kind === "text" && text.length > def.maxLength)
        return { problem: "ROW_TEXT_TOO_LONG", detail: String(def.maxLength) };
      return fitsField(def, text) ? { value: text } : { problem: "ROW_TEXT_INVALID" };
    }
  }
}

/**
 * Reads one row: its organisation, state and fields, checked against the type (required fields,
 * each value's kind, the state's invariant). A row naming an existing record's 编号 is a change to
 * it: the same state, only editable fields changed (the rest must stay as they are).
 */
export function readRow(
  spec: LedgerSheetSpec,
  columns: ColumnMap,
  row: number,
  cells: unknown[],
  ctx: ReadContext,
): { ok: ReadRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cell = (key: string) => {
    const i = columns.get(key);
    return i === undefined ? undefined : cells[i];
  };
  const fail = (key: string, code: RowProblemCode, detail?: string) =>
    problems.push({
      row,
      column: columnLabel(spec, key),
      ...rowProblem(code, columnLabel(spec, key), detail),
      value: cellString(cell(key)).slice(0, 100),
    });
  const idText = cellString(cell("id"));
  const existing = idText ? ctx.existing.get(idText) : undefined;

  const orgText = cellString(cell("org"));
  const org = ctx.orgByName.get(norm(orgText));
  if (orgText === "") fail("org", "ROW_VALUE_REQUIRED");
  else if (!org) fail("org", "ROW_ORG_UNKNOWN");
  else if (!org.allowed) fail("org", "ROW_ORG_NOT_ALLOWED");
  else {
    const refused = spec.orgProblem?.(org);
    if (refused) fail("org", refused);
  }
  const stateText = cellString(cell("state"));
  const state = spec.def.states.find(
    (s) => norm(s) === norm(stateText) || norm(spec.stateLabels[s] ?? "") === norm(stateText),
  );
  if (stateText === "") fail("state", "ROW_VALUE_REQUIRED");
  else if (!state) fail("state", "ROW_STATE_UNKNOWN", spec.def.states.map((s) => spec.stateLabels[s] ?? s).join("、"));

  const fields: Fields = { ...(existing?.fields ?? {}) };
  for (const name of sheetFields(spec)) {
    if (!columns.has(name)) continue;
    const parsed = parseField(spec.def.fields[name]!, cell(name), ctx, existing?.fields[name]);
    if ("problem" in parsed) fail(name, parsed.problem, parsed.detail);
    else if (parsed.value === null) delete fields[name];
    else fields[name] = parsed.value;
  }
  for (const name of spec.def.required)
    if (!filled(fields[name]) && columns.has(name) && cellString(cell(name)) === "") fail(name, "ROW_VALUE_REQUIRED");
  if (problems.length > 0 || !org || !state) return { problems };

  if (existing) {
    if (existing.orgId !== org.id) fail("org", "ROW_ORG_CHANGED");
    if (existing.state !== state) fail("state", "ROW_STATE_CHANGED");
    const changed = Object.keys(diffFields(existing.fields, fields));
    const locked = changed.find((f) => spec.def.fields[f]?.system);
    if (locked) fail(locked, "ROW_FIELD_NOT_EDITABLE");
    if (problems.length > 0) return { problems };
  }
  const broken = spec.def.invariant({ state, fields });
  if (broken) {
    problems.push({ row, ...rowProblem(broken as RowProblemCode, STATE_HEADER) });
    return { problems };
  }
  return { ok: { row, id: existing ? idText : null, orgId: org.id, record: { state, fields } } };
}

/** Names (and aliases) of organisations, as the import looks them up. */
export const orgKey = norm;
