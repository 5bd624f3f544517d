/** User-facing text of the server commands (serve, migrate, import, backup, restore, seed-demo). */
export const serverHelp = {
  serve: "启动落实服务（HTTP API）\nStart the Luoshi server",
  port: "端口（默认 3000，或环境变量 PORT）/ port",
  host: "监听地址（默认 127.0.0.1，或环境变量 HOST）/ host",
  demo: "数据库为空时写入演示数据并打印演示账号 / seed demo data when the database is empty",
  migrate: "执行数据库迁移\nApply pending database migrations",
  import: "导入计划文件为草稿\nImport a plan document as a draft plan",
  importFile: "计划文档路径 / path of the plan document",
  importOrg: "所属单位 ID（默认为第一个县级教育局）/ owning bureau id",
  backup:
    "备份全部数据与文件到一个文件（服务运行中时经由服务取一致快照）\nBack up every row and stored file into one file (through the running server when one holds the data directory)",
  backupOut: "备份文件路径 / backup file path",
  restore: "校验并从备份文件恢复（需空数据库，服务须停止）\nVerify a backup, then restore it into an empty database",
  restoreIn: "备份文件路径 / backup file path",
  seedDemo: "写入演示县教育局、计划与进度数据\nSeed a demo county bureau with a plan and progress",
} as const;

export const serverMsg = {
  listening: (url: string) => `落实服务已启动：${url}\n接口文档：${url}/api/docs`,
  migrated: (names: string[]) => (names.length === 0 ? "数据库已是最新，无需迁移" : `已执行迁移：${names.join("、")}`),
  imported: (title: string, tasks: number, id: string) => `已导入草稿《${title}》，共 ${tasks} 项任务（ID ${id}）`,
  noBureau: "数据库中没有县级教育局，请先运行 luoshi seed-demo 或用 --org 指定单位",
  backedUp: (rows: number, files: number, out: string) => `已备份 ${rows} 行数据、${files} 个文件到 ${out}`,
  viaServer: (url: string, pid: number) => `数据目录正由运行中的服务使用（进程号 ${pid}），经由服务 ${url} 备份…`,
  serverUnreachable: (url: string, reason: string) =>
    `数据目录正由运行中的服务使用，但无法连接该服务（${url}：${reason}）；请确认服务正常运行后重试`,
  noLocalAdmin: (pid: number) =>
    `数据目录正由运行中的服务使用（进程号 ${pid}），但找不到或无权读取服务的本机管理凭据 local-admin.json；请以运行服务的系统用户执行 luoshi backup`,
  serverBackupFailed: (message: string, code: string) => `服务端备份失败：${message}（${code}）`,
  downloadMismatch: "下载的备份与服务端记录的校验值不符，已删除",
  verifyFailed: (message: string) => `备份写入完成，但试恢复校验未通过：${message}`,
  progressTable: (table: string, rows: number) => `  数据表 ${table}：${rows} 行`,
  progressFiles: (done: number, total: number) => `  文件 ${done}/${total}`,
  progressLine: (text: string) => `  ${text}`,
  verifying: "正在校验备份文件（写入前完整校验）…",
  verified: (rows: number, files: number) => `校验通过：${rows} 行数据、${files} 个文件；正在写入…`,
  restored: (rows: number, files: number) => `已恢复 ${rows} 行数据、${files} 个文件`,
  seeded: "已写入演示数据。演示账号（用户名 / 密码 / 角色）：",
  demoExists: "数据库已有数据，跳过演示数据",
  login: (username: string, password: string, role: string) => `  ${username} / ${password} / ${role}`,
} as const;
