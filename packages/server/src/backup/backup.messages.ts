/** Every user-facing text of backup and restore, keyed by stable code where it is an error. */
export const BACKUP_ERRORS = {
  BACKUP_TRUNCATED: (detail: string) => `备份文件不完整（${detail}），可能在写入或传输中被截断；未写入任何数据`,
  BACKUP_CORRUPT: (detail: string) => `备份文件已损坏或被改动（${detail}）；未写入任何数据`,
  BACKUP_NOT_A_BACKUP: "该文件不是落实备份文件；未写入任何数据",
  BACKUP_VERSION_UNSUPPORTED: (version: unknown) =>
    `备份文件格式版本 ${String(version)} 不受支持（此版本可恢复格式 2 的备份）；未写入任何数据`,
  BACKUP_INCOMPATIBLE: (migration: string) =>
    `备份来自更新版本的落实（含本程序没有的数据库迁移 ${migration}），请升级后再恢复；未写入任何数据`,
  BACKUP_INCOMPLETE: (count: number) => `备份缺少数据引用的 ${count} 个文件，不能完整恢复；未写入任何数据`,
  BACKUP_TARGET_NOT_EMPTY: "目标数据库已有数据，恢复只能写入空数据库（请使用新的数据目录）",
  BACKUP_CHANGED_DURING_RESTORE: "恢复过程中备份文件被改动，已撤销本次恢复",
  BACKUP_NOT_FOUND: "备份不存在",
  BACKUP_RUNNING: "已有备份正在进行，请等待其完成",
  BACKUP_OTHER_REGIONS: "备份包含全部区域的数据，只有能看到所有区域的管理员可以操作；请联系服务器运维人员",
  BACKUP_FILE_MISSING: (sha: string) => `数据引用的文件 ${sha.slice(0, 12)}… 不在文件存储中，无法完成备份`,
} as const;

export type BackupErrorCode = keyof typeof BACKUP_ERRORS;

/** A refusal with its own stable code; routes send it in the shared error shape, the CLI prints it. */
export class BackupProblem extends Error {
  readonly messageZh: string;
  constructor(
    readonly code: BackupErrorCode,
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "BackupProblem";
    this.messageZh = message;
  }
}

export const truncated = (detail: string) =>
  new BackupProblem("BACKUP_TRUNCATED", 422, BACKUP_ERRORS.BACKUP_TRUNCATED(detail));
export const corrupt = (detail: string) =>
  new BackupProblem("BACKUP_CORRUPT", 422, BACKUP_ERRORS.BACKUP_CORRUPT(detail));
