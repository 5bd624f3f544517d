import type { LockHolder } from "./data-dir-lock.js";

/** The refusal of a second process on a data directory, naming the process that holds it. */
export const DATA_DIR_LOCKED = (dataDir: string, holder: LockHolder | undefined): string =>
  holder
    ? `数据目录 ${dataDir} 正由另一个落实进程使用（进程号 ${holder.pid}，命令 luoshi ${holder.command}，` +
      `主机 ${holder.hostname}，${holder.startedAt} 起）。同一数据目录同时只能由一个进程打开：` +
      "服务运行时请通过服务备份（luoshi backup 会自动调用运行中的服务），其他操作请先停止该进程。"
    : `数据目录 ${dataDir} 的锁文件 luoshi.lock 无法识别，为安全起见拒绝打开；确认没有落实进程在使用该目录后删除此文件再试。`;
