import { createReadStream } from "node:fs";
import { BackupList, BackupRecord, FileAnswer } from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import type { FastifyRequest } from "fastify";
import type { Database } from "../db/database.js";
import { ErrorBody, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { anyRegionOutside } from "../orgs/orgs.repository.js";
import { backupError } from "./backup.messages.js";
import { BackupService } from "./backup-service.js";

/*
 * Backups of the running server. A backup holds every region, so only an admin who sees every region
 * stored (an admin of the only county, or of the province above all of them) may start or download
 * one; `luoshi backup` on the server's machine uses the local token (local-admin.ts) instead.
 */
const auth = { auth: ["admin"] as const, localAdmin: true };
const tags = ["backup"];
const BackupParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The user id to audit (null for the local token), once the caller may reach the whole database. */
async function wholeDatabaseCaller(db: Database, request: FastifyRequest): Promise<string | null> {
  if (request.localAdmin) return null;
  const actor = actorOf(request);
  const reach = [actor.regionId, ...actor.ancestorOrgIds, ...actor.visibleOrgIds];
  if (await anyRegionOutside(db, reach)) throw backupError("BACKUP_OTHER_REGIONS", 403);
  return actor.userId;
}

export function backupRoutes(app: App, deps: AppDeps): void {
  let service: BackupService | undefined;
  const backups = () => {
    service ??= deps.backups ?? new BackupService({ db: deps.db, files: deps.files, config: deps.config.backup });
    return service;
  };
  const errors = withErrors({ 422: ErrorBody, 500: ErrorBody });

  app.post(
    "/api/admin/backups",
    {
      config: auth,
      schema: {
        tags,
        summary: "立即备份：在服务运行中取一致快照，写入备份目录，并试恢复校验",
        response: { ...errors, 202: Type.Object({ backup: BackupRecord }) },
      },
    },
    async (request, reply) => {
      const userId = await wholeDatabaseCaller(deps.db, request);
      const { record } = backups().start(request.localAdmin ? "cli" : "manual", { userId });
      reply.status(202);
      return { backup: record };
    },
  );

  app.get(
    "/api/admin/backups",
    {
      config: auth,
      schema: {
        tags,
        summary: "备份列表：时间、大小、行数与文件数、试恢复校验结果、保留规则",
        response: withErrors({ 200: BackupList }),
      },
    },
    async (request) => {
      await wholeDatabaseCaller(deps.db, request);
      const { schedule, keepDaily, keepWeekly } = deps.config.backup;
      return { backups: backups().list(), policy: { schedule, keepDaily, keepWeekly } };
    },
  );

  app.get(
    "/api/admin/backups/:id",
    {
      config: auth,
      schema: {
        tags,
        summary: "一次备份的状态与进度",
        params: BackupParams,
        response: withErrors({ 200: Type.Object({ backup: BackupRecord }) }),
      },
    },
    async (request) => {
      await wholeDatabaseCaller(deps.db, request);
      return { backup: backups().get(request.params.id) };
    },
  );

  app.post(
    "/api/admin/backups/:id/verify",
    {
      config: auth,
      schema: {
        tags,
        summary: "重新试恢复校验一份已完成的备份（升级后，或使用前确认文件未被改动）",
        params: BackupParams,
        response: withErrors({ 202: Type.Object({ backup: BackupRecord }) }),
      },
    },
    async (request, reply) => {
      const userId = await wholeDatabaseCaller(deps.db, request);
      const { record } = backups().verify(request.params.id, { userId });
      reply.status(202);
      return { backup: record };
    },
  );

  app.get(
    "/api/admin/backups/:id/download",
    {
      config: auth,
      schema: {
        tags,
        summary: "下载备份文件",
        params: BackupParams,
        response: { ...errors, 200: FileAnswer("备份文件（.luoshi-backup）", ["application/octet-stream"]) },
      },
    },
    async (request, reply) => {
      const userId = await wholeDatabaseCaller(deps.db, request);
      const { record, path, size } = backups().download(request.params.id);
      await backups().audit(record, "download", userId);
      reply
        .type("application/octet-stream")
        .header("content-length", size)
        .header("content-disposition", `attachment; filename="luoshi-${record.id}.luoshi-backup"`);
      return createReadStream(path);
    },
  );
}
