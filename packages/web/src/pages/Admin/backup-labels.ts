import { BACKUP_KIND_LABELS, BACKUP_STATUS_LABELS, BACKUP_VERIFY_LABELS } from "@luoshi/contract/vocabulary";

/** Text of the backups tab (系统管理 › 数据备份). */
export const BL = {
  tab: "数据备份",
  backupNow: "立即备份",
  started: "备份已开始，完成后将自动试恢复校验",
  startedAt: "开始时间",
  kind: "方式",
  kinds: BACKUP_KIND_LABELS as Record<string, string>,
  status: "状态",
  statuses: BACKUP_STATUS_LABELS as Record<string, string>,
  size: "大小",
  contents: "内容",
  contentsText: (rows: number, files: number) => `${rows} 行数据 · ${files} 个文件`,
  verify: "试恢复校验",
  verifies: BACKUP_VERIFY_LABELS as Record<string, string>,
  download: "下载",
  verifyAgain: "重新校验",
  verifyAgainHint: "再次恢复到临时数据库并与清单核对：升级后，或使用这份备份之前，确认它仍能完整恢复、文件未被改动",
  verifyStarted: "已开始重新校验，完成后在此显示结果",
  actions: "操作",
  policy: (schedule: string | null, daily: number, weekly: number) =>
    `${schedule ? `定时备份：${schedule}（北京时间，cron 格式）` : "定时备份：已关闭"}；保留最近 ${daily} 天每天一份、最近 ${weekly} 周每周一份。每份备份写完后都会恢复到临时数据库，并与备份清单核对行数和校验值。`,
  empty: "尚无备份",
} as const;
