import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import type { BackupRecord, LocalAdmin } from "@luoshi/server";
import { CliError, type CliIO } from "../io.js";
import { serverMsg } from "./serve-messages.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `luoshi backup` while `luoshi serve` holds the data directory: the server takes the snapshot
 * (POST /api/admin/backups with the local admin token), this polls its progress, downloads the file
 * and checks it end to end before giving it its name.
 */
export async function backupThroughServer(admin: LocalAdmin, out: string, io: CliIO): Promise<BackupRecord> {
  const call = async (path: string, method = "GET"): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(`${admin.url}${path}`, { method, headers: { authorization: `Bearer ${admin.token}` } });
    } catch (error) {
      throw new CliError(
        1,
        serverMsg.serverUnreachable(admin.url, (error as Error).cause ? String((error as Error).cause) : String(error)),
      );
    }
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
      throw new CliError(
        1,
        serverMsg.serverBackupFailed(body.error?.message ?? res.statusText, body.error?.code ?? `HTTP_${res.status}`),
      );
    }
    return res;
  };
  io.stderr.write(`${serverMsg.viaServer(admin.url, admin.pid)}\n`);
  let record = ((await (await call("/api/admin/backups", "POST")).json()) as { backup: BackupRecord }).backup;
  let last = "";
  while (record.status === "running") {
    await sleep(250);
    record = ((await (await call(`/api/admin/backups/${record.id}`)).json()) as { backup: BackupRecord }).backup;
    if (record.progress && record.progress !== last) {
      io.stderr.write(`${serverMsg.progressLine(record.progress)}\n`);
      last = record.progress;
    }
  }
  if (record.status === "failed") {
    throw new CliError(
      1,
      serverMsg.serverBackupFailed(record.error?.message ?? "", record.error?.code ?? "BACKUP_FAILED"),
    );
  }
  if (record.verify.status !== "ok") throw new CliError(1, serverMsg.verifyFailed(record.verify.message ?? ""));
  const res = await call(`/api/admin/backups/${record.id}/download`);
  const partial = `${out}.partial`;
  try {
    await pipeline(Readable.fromWeb(res.body as ReadableStream), createWriteStream(partial));
    const { verifyBackup } = await import("@luoshi/server");
    io.stderr.write(`${serverMsg.verifying}\n`);
    const checked = await verifyBackup(partial);
    if (checked.end.sha256 !== record.sha256) throw new CliError(1, serverMsg.downloadMismatch);
    await rename(partial, out);
  } finally {
    await rm(partial, { force: true });
  }
  return record;
}
