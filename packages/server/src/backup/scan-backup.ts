import { createHash } from "node:crypto";
import { sha256Hex } from "../files/file-store.js";
import { backupError, corrupt, incompatible, incomplete, truncated, versionUnsupported } from "./backup.messages.js";
import { collectBlobKeys } from "./blob-registry.js";
import {
  END_MARK,
  type EndLine,
  FORMAT,
  FORMAT_VERSION,
  type Header,
  type Manifest,
  TableDigests,
  type TableEntry,
} from "./format.js";
import { readLines } from "./read-lines.js";

/** What restore does with each verified piece; verification alone passes none. */
export interface ScanVisitor {
  row?(table: string, rowText: string): Promise<void>;
  /** Called once a table's rows are over. */
  tableDone?(table: string, rows: number): Promise<void>;
  file?(sha256: string, bytes: Buffer): Promise<void>;
}

export interface ScanLimits {
  /** Migration names this program knows; a backup naming another one comes from a newer version. */
  migrations: readonly string[];
  /** Tables of the target schema; undefined skips the check. */
  tables?: ReadonlySet<string>;
}

export interface Scanned {
  header: Header;
  manifest: Manifest;
  end: EndLine;
}

type Section = "header" | "rows" | "files" | "manifest" | "end";

const parse = (text: string, line: number): Record<string, unknown> => {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw corrupt(`第 ${line} 行不是有效的数据`);
};

const notABackup = () => backupError("BACKUP_NOT_A_BACKUP", 422);

function notABackupUnless(ok: boolean): void {
  if (!ok) throw notABackup();
}

function headerValue(text: string): Record<string, unknown> {
  try {
    return parse(text, 1);
  } catch {
    throw notABackup();
  }
}

function checkHeader(value: Record<string, unknown>, limits: ScanLimits): Header {
  notABackupUnless(value.format === FORMAT);
  if (value.version !== FORMAT_VERSION) {
    throw versionUnsupported(value.version);
  }
  const header = value as unknown as Header;
  const unknown = (header.migrations ?? []).find((m) => !limits.migrations.includes(m));
  if (unknown) throw incompatible(unknown);
  return header;
}

function checkManifest(manifest: Manifest, seen: TableEntry[], files: Map<string, number>): void {
  const listed = new Map(manifest.tables.map((t) => [t.name, t]));
  if (listed.size !== seen.length) throw corrupt("数据表数量与清单不符");
  for (const t of seen) {
    const m = listed.get(t.name);
    if (!m) throw corrupt(`清单中没有数据表 ${t.name}`);
    if (m.rows !== t.rows) throw corrupt(`数据表 ${t.name} 应有 ${m.rows} 行，实有 ${t.rows} 行`);
    if (m.sha256 !== t.sha256) throw corrupt(`数据表 ${t.name} 的校验值与清单不符`);
  }
  if (manifest.files.length !== files.size || manifest.fileCount !== files.size) {
    throw corrupt(`清单列出 ${manifest.files.length} 个文件，实有 ${files.size} 个`);
  }
  for (const f of manifest.files) {
    if (files.get(f.sha256) !== f.size) throw corrupt(`文件 ${f.sha256.slice(0, 12)}… 与清单不符`);
  }
  if (manifest.rows !== seen.reduce((n, t) => n + t.rows, 0)) throw corrupt("总行数与清单不符");
}

/**
 * Reads a whole backup and checks it: the header, each section in order, every row line's table, each
 * blob against its SHA-256 name, every blob the rows refer to present, the manifest's counts and
 * checksums, and the end line's checksum of every byte before it. Throws an AppError at the first
 * fault; the visitor (restore) sees each piece only after the checks that piece alone allows.
 */
export async function scanBackup(path: string, limits: ScanLimits, visit: ScanVisitor = {}): Promise<Scanned> {
  const whole = createHash("sha256");
  let bytes = 0;
  let section: Section = "header";
  let header: Header | undefined;
  let manifest: Manifest | undefined;
  let end: EndLine | undefined;
  const tables = new TableDigests();
  let table: string | undefined;
  let tableRowsSeen = 0;
  const done = new Set<string>();
  const referenced = new Set<string>();
  const files = new Map<string, number>();
  const closeTable = async () => {
    if (table !== undefined) await visit.tableDone?.(table, tableRowsSeen);
    table = undefined;
  };

  for await (const line of readLines(path)) {
    if (section === "end") {
      if (line.text.trim() === "") continue;
      throw corrupt("结束标记之后还有内容");
    }
    if (section === "header") notABackupUnless(line.text.startsWith(`{"format":"${FORMAT}"`) || line.complete);
    if (!line.complete) throw truncated(`第 ${line.number} 行不完整`);
    const value = section === "header" ? headerValue(line.text) : parse(line.text, line.number);
    if (section === "header") {
      header = checkHeader(value, limits);
      section = "rows";
    } else if (typeof value.table === "string" && section === "rows") {
      const name = value.table;
      const prefix = `{"table":${JSON.stringify(name)},"row":`;
      if (!line.text.startsWith(prefix) || !line.text.endsWith("}") || typeof value.row !== "object") {
        throw corrupt(`第 ${line.number} 行格式不符`);
      }
      if (name !== table) {
        if (done.has(name)) throw corrupt(`数据表 ${name} 的行不连续`);
        if (limits.tables && !limits.tables.has(name)) throw corrupt(`未知数据表 ${name}`);
        await closeTable();
        table = name;
        tableRowsSeen = 0;
        done.add(name);
      }
      tables.add(name, line.bytes);
      tableRowsSeen++;
      collectBlobKeys(name, value.row as Record<string, unknown>, referenced);
      await visit.row?.(name, line.text.slice(prefix.length, -1));
    } else if (typeof value.file === "string" && (section === "rows" || section === "files")) {
      await closeTable();
      section = "files";
      const data = Buffer.from(String(value.data ?? ""), "base64");
      if (sha256Hex(data) !== value.file) throw corrupt(`文件 ${value.file.slice(0, 12)}… 的内容与其校验值不符`);
      files.set(value.file, data.length);
      await visit.file?.(value.file, data);
    } else if (value.manifest && (section === "rows" || section === "files")) {
      await closeTable();
      manifest = value.manifest as Manifest;
      for (const name of manifest.tables?.map((t) => t.name) ?? []) if (!done.has(name)) tables.touch(name);
      checkManifest(manifest, tables.entries(), files);
      section = "manifest";
    } else if (value.end === END_MARK && section === "manifest") {
      end = value as unknown as EndLine;
      if (end.sha256 !== whole.digest("hex") || end.bytes !== bytes) throw corrupt("整体校验值不符");
      section = "end";
      continue;
    } else {
      throw corrupt(`第 ${line.number} 行出现在不该出现的位置`);
    }
    whole.update(line.bytes);
    bytes += line.bytes.length;
  }
  if (section === "header") throw notABackup();
  if (section !== "end" || !header || !manifest || !end) throw truncated("缺少清单或结束标记");
  const missing = [...referenced].filter((sha) => !files.has(sha));
  if (missing.length > 0) {
    throw incomplete(missing);
  }
  return { header, manifest, end };
}
