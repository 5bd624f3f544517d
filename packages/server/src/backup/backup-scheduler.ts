import { Cron } from "croner";
import type { BackupService } from "./backup-service.js";

/** Scheduled backups (`LUOSHI_BACKUP_SCHEDULE`, Asia/Shanghai time); each is verified and pruned by the service. */
export function startBackupScheduler(
  service: BackupService,
  schedule: string | null,
  log: (message: string, error?: unknown) => void,
): { stop(): void } {
  if (!schedule) return { stop: () => {} };
  const job = new Cron(schedule, { timezone: "Asia/Shanghai", protect: true }, async () => {
    try {
      await service.whenIdle();
      const record = await service.start("scheduled", { userId: null }).done;
      if (record.status !== "done" || record.verify.status !== "ok") log(`scheduled backup ${record.id} not verified`);
    } catch (error) {
      log("scheduled backup failed", error);
    }
  });
  return { stop: () => job.stop() };
}
