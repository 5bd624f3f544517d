import { registerErrors } from "../errors.js";

/** The backup module's error codes, each with its message when no particulars are known. */
export const BACKUP_MESSAGES = {
  BACKUP_TRUNCATED: "备份文件不完整，可能在写入或传输中被截断；未写入任何数据",
  BACKUP_CORRUPT: "备份文件已损坏或被改动；未写入任何数据",
  BACKUP_NOT_A_BACKUP: "该文件不是落实备份文件；未写入任何数据",
  BACKUP_VERSION_UNSUPPORTED: "备份文件格式版本不受支持（此版本可恢复格式 2 的备份）；未写入任何数据",
  BACKUP_INCOMPATIBLE: "备份来自更新版本的落实，请升级后再恢复；未写入任何数据",
  BACKUP_INCOMPLETE: "备份缺少数据引用的文件，不能完整恢复；未写入任何数据",
  BACKUP_TARGET_NOT_EMPTY: "目标数据库已有数据，恢复只能写入空数据库（请使用新的数据目录）",
  BACKUP_CHANGED_DURING_RESTORE: "恢复过程中备份文件被改动，已撤销本次恢复",
  BACKUP_NOT_FOUND: "备份不存在",
  BACKUP_RUNNING: "已有备份或校验正在进行，请等待其完成",
  BACKUP_NOT_VERIFIABLE: "只有已完成的备份可以重新校验",
  BACKUP_OTHER_REGIONS: "备份包含全部区域的数据，只有能看到所有区域的管理员可以操作；请联系服务器运维人员",
  BACKUP_FILE_MISSING: "数据引用的文件不在文件存储中，无法完成备份",
} as const;

/** How a refused restore ends its message; a test restore (scratch database) leaves it out. */
const NOTHING_WRITTEN = "；未写入任何数据";
export const withoutNothingWritten = (message: string): string =>
  message.endsWith(NOTHING_WRITTEN) ? message.slice(0, -NOTHING_WRITTEN.length) : message;

export type BackupErrorCode = keyof typeof BACKUP_MESSAGES;

/** Errors of this module, registered with the shared AppError (routes send them, the CLI prints them). */
export const backupError = registerErrors("backup", BACKUP_MESSAGES);

/** The refusals that name their particulars in the message. */
export const truncated = (detail: string) =>
  backupError(
    "BACKUP_TRUNCATED",
    422,
    undefined,
    `备份文件不完整（${detail}），可能在写入或传输中被截断；未写入任何数据`,
  );
export const corrupt = (detail: string) =>
  backupError("BACKUP_CORRUPT", 422, undefined, `备份文件已损坏或被改动（${detail}）；未写入任何数据`);
export const versionUnsupported = (version: unknown) =>
  backupError(
    "BACKUP_VERSION_UNSUPPORTED",
    422,
    undefined,
    `备份文件格式版本 ${String(version)} 不受支持（此版本可恢复格式 2 的备份）；未写入任何数据`,
  );
export const incompatible = (migration: string) =>
  backupError(
    "BACKUP_INCOMPATIBLE",
    422,
    undefined,
    `备份来自更新版本的落实（含本程序没有的数据库迁移 ${migration}），请升级后再恢复；未写入任何数据`,
  );
export const incomplete = (missing: readonly string[]) =>
  backupError(
    "BACKUP_INCOMPLETE",
    422,
    { missing },
    `备份缺少数据引用的 ${missing.length} 个文件，不能完整恢复；未写入任何数据`,
  );
export const fileMissing = (sha: string) =>
  backupError(
    "BACKUP_FILE_MISSING",
    500,
    { sha256: sha },
    `数据引用的文件 ${sha.slice(0, 12)}… 不在文件存储中，无法完成备份`,
  );
