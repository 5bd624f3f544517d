import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { recordAudit } from "../audit/audit.repository.js";
import type { BackupConfig } from "../config.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import type { FileStore } from "../files/file-store.js";
import { allRegionIds } from "../orgs/orgs.repository.js";
import { backupError } from "./backup.messages.js";
import { backupsToPrune } from "./retention.js";
import { type ScratchDatabase, testRestore, type VerifyOutcome } from "./test-restore.js";
import { backup } from "./write-backup.js";

export type BackupKind = "manual" | "scheduled" | "cli";

/** One backup the server made, as the admin page lists it; kept beside the file as `<id>.json`. */
export interface BackupRecord {
  id: string;
  kind: BackupKind;
  status: "running" | "done" | "failed";
  startedAt: string;
  finishedAt: string | null;
  requestedBy: string | null;
  /** While running: what is being read. */
  progress: string | null;
  bytes: number | null;
  rows: number | null;
  files: number | null;
  tables: Record<string, number> | null;
  sha256: string | null;
  /** The test restore into a scratch database, checked against the manifest. */
  verify: { status: "pending" | "ok" | "failed"; at: string | null; message: string | null };
  error: { code: string; message: string } | null;
}

export interface BackupServiceDeps {
  db: Database;
  files: FileStore;
  config: BackupConfig;
  log?: (message: string, error?: unknown) => void;
  /** Where test restores go (default: an in-memory PGlite). */
  scratch?: ScratchDatabase;
}

const FILE_SUFFIX = ".luoshi-backup";
const ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

/** A sortable id that is also a safe file name: 20261205-023000-a1b2c3 (UTC). */
const newBackupId = (now: Date) =>
  `${now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}-${randomBytes(3).toString("hex")}`;

/** The job in flight (a backup, or a second test restore of one), and when it settles. */
interface Job {
  record: BackupRecord;
  done: Promise<BackupRecord>;
}

/**
 * The server's backups: one job at a time, each written to the backup directory, test-restored into a
 * scratch in-memory database and checked against its manifest, audited, then the retention rule
 * applied. Records live beside the files, so the list survives restarts and needs no table.
 */
export class BackupService {
  private current: Job | undefined;

  constructor(private readonly deps: BackupServiceDeps) {
    mkdirSync(deps.config.dir, { recursive: true });
    // A record still "running" on start belongs to a process that died mid-backup.
    for (const r of this.list()) {
      if (r.status === "running") {
        rmSync(`${this.fileOf(r.id)}.partial`, { force: true });
        this.save({
          ...r,
          status: "failed",
          progress: null,
          error: { code: "BACKUP_INTERRUPTED", message: "备份进程中断" },
        });
      }
    }
  }

  fileOf(id: string): string {
    if (!ID.test(id)) throw notFound();
    return join(this.deps.config.dir, `${id}${FILE_SUFFIX}`);
  }

  private recordPath(id: string): string {
    return join(this.deps.config.dir, `${id}.json`);
  }

  private save(record: BackupRecord): void {
    const path = this.recordPath(record.id);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  }

  /** Every backup, newest first; the one a job is working on as the job sees it (its progress). */
  list(): BackupRecord[] {
    const records: BackupRecord[] = [];
    for (const name of readdirSync(this.deps.config.dir)) {
      if (!name.endsWith(".json") || !ID.test(name.slice(0, -5))) continue;
      try {
        const record = JSON.parse(readFileSync(join(this.deps.config.dir, name), "utf8")) as BackupRecord;
        records.push(record.id === this.current?.record.id ? this.current.record : record);
      } catch {
        // a record being replaced; the next listing reads it
      }
    }
    return records.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  get(id: string): BackupRecord {
    if (this.current?.record.id === id) return this.current.record;
    const record = this.list().find((r) => r.id === id);
    if (!record) throw notFound();
    return record;
  }

  /** A finished backup's file, for download. */
  download(id: string): { record: BackupRecord; path: string; size: number } {
    const record = this.get(id);
    const path = this.fileOf(id);
    if (record.status !== "done") throw notFound();
    return { record, path, size: statSync(path).size };
  }

  /** Settles once no job runs (a scheduled backup waits for an admin's verification to end). */
  async whenIdle(): Promise<void> {
    while (this.current) await this.current.done.catch(() => undefined);
  }

  /** Starts a backup and answers at once; `done` settles when it is written, verified and pruned. */
  start(kind: BackupKind, actor: { userId: string | null }): Job {
    if (this.current) throw backupError("BACKUP_RUNNING", 409);
    const now = new Date();
    const record: BackupRecord = {
      id: newBackupId(now),
      kind,
      status: "running",
      startedAt: now.toISOString(),
      finishedAt: null,
      requestedBy: actor.userId,
      progress: null,
      bytes: null,
      rows: null,
      files: null,
      tables: null,
      sha256: null,
      verify: { status: "pending", at: null, message: null },
      error: null,
    };
    this.save(record);
    return this.track(record, this.run(record));
  }

  /**
   * Test-restores a finished backup again and records the new outcome: after an upgrade (does it
   * still restore into this version?) or before relying on it (has the file been altered or
   * replaced since?). Answers at once; until the outcome is known the file keeps its last one, so a
   * process that dies meanwhile leaves the record as it was.
   */
  verify(id: string, actor: { userId: string | null }): Job {
    if (this.current) throw backupError("BACKUP_RUNNING", 409);
    const saved = this.get(id);
    if (saved.status !== "done") throw backupError("BACKUP_NOT_VERIFIABLE", 409);
    const record: BackupRecord = {
      ...saved,
      progress: "试恢复校验",
      verify: { status: "pending", at: null, message: null },
    };
    return this.track(record, this.reverify(record, actor.userId));
  }

  private track(record: BackupRecord, work: Promise<BackupRecord>): Job {
    const done = work.finally(() => {
      this.current = undefined;
    });
    this.current = { record, done };
    return this.current;
  }

  private async reverify(record: BackupRecord, userId: string | null): Promise<BackupRecord> {
    const path = this.fileOf(record.id);
    const { rows, files, tables, sha256 } = record;
    let outcome: VerifyOutcome;
    if (!existsSync(path) || !tables || !sha256) {
      outcome = { status: "failed", at: new Date().toISOString(), message: "备份文件不存在（已被移走或删除）" };
    } else {
      outcome = await testRestore(path, { rows: rows ?? 0, files: files ?? 0, tables, sha256 }, this.deps.scratch);
    }
    Object.assign(record, { verify: outcome, progress: null });
    this.save(record);
    await this.audit(record, "verify", userId).catch((e) => this.deps.log?.("backup audit failed", e));
    return record;
  }

  private async run(record: BackupRecord): Promise<BackupRecord> {
    const path = this.fileOf(record.id);
    try {
      const result = await backup(this.deps.db, this.deps.files, path, {
        onProgress: (p) => {
          record.progress = p.phase === "table" ? `${p.table}：${p.rows} 行` : `文件 ${p.done}/${p.total}`;
        },
      });
      Object.assign(record, {
        bytes: result.bytes,
        rows: result.rows,
        files: result.files,
        tables: result.tables,
        sha256: result.sha256,
        progress: "试恢复校验",
      });
      this.save(record);
      record.verify = await testRestore(path, result, this.deps.scratch);
      Object.assign(record, { status: "done", finishedAt: new Date().toISOString(), progress: null });
    } catch (error) {
      this.deps.log?.("backup failed", error);
      const problem = error instanceof AppError ? error : undefined;
      Object.assign(record, {
        status: "failed",
        finishedAt: new Date().toISOString(),
        progress: null,
        error: { code: problem?.code ?? "BACKUP_FAILED", message: problem?.message ?? "备份失败，详见服务日志" },
      });
      rmSync(path, { force: true });
    }
    this.save(record);
    await this.audit(record, "create").catch((e) => this.deps.log?.("backup audit failed", e));
    this.prune();
    return record;
  }

  /** Backups hold every region, so each region's audit trail records them. */
  async audit(
    record: BackupRecord,
    action: "create" | "download" | "verify",
    actorId = record.requestedBy,
  ): Promise<void> {
    const summary = {
      kind: record.kind,
      status: record.status,
      verify: record.verify.status,
      bytes: record.bytes,
      rows: record.rows,
      files: record.files,
      sha256: record.sha256,
    };
    await this.deps.db.transaction().execute(async (trx) => {
      for (const region_id of await allRegionIds(trx)) {
        await recordAudit(trx, {
          regionId: region_id,
          actorId,
          entity: "backup",
          entityId: record.id,
          action,
          after: summary,
        });
      }
    });
  }

  /** Applies the retention rule to every backup in the directory. */
  prune(): string[] {
    const gone = backupsToPrune(
      this.list().map((r) => ({
        id: r.id,
        startedAt: r.startedAt,
        good: r.status === "done" && r.verify.status === "ok",
        running: r.status === "running",
      })),
      this.deps.config.keepDaily,
      this.deps.config.keepWeekly,
    );
    for (const id of gone) {
      rmSync(this.fileOf(id), { force: true });
      rmSync(this.recordPath(id), { force: true });
    }
    return gone;
  }
}

const notFound = () => backupError("BACKUP_NOT_FOUND", 404);
