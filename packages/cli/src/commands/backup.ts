import { CliError } from "../io.js";
import type { RegisterCommand } from "../program.js";
import { progressLines } from "./backup-progress.js";
import { backupThroughServer } from "./backup-remote.js";
import { serverHelp, serverMsg } from "./serve-messages.js";
import { withRuntime } from "./serve-runtime.js";

/**
 * With no server running, the command opens the data directory itself (holding its lock); while
 * `luoshi serve` holds an embedded database's directory, it asks that server for the backup.
 */
export const registerBackup: RegisterCommand = (program, { io }) => {
  program
    .command("backup")
    .description(serverHelp.backup)
    .argument("<OUT>", serverHelp.backupOut)
    .action(async (out: string) => {
      const server = await import("@luoshi/server");
      const config = server.loadConfig(process.env);
      const holder = config.database.kind === "pglite" ? server.liveHolder(config.dataDir) : undefined;
      if (holder?.command === "serve") {
        const admin = server.readLocalAdmin(config.dataDir);
        if (!admin || admin.pid !== holder.pid) throw new CliError(1, serverMsg.noLocalAdmin(holder.pid));
        const r = await backupThroughServer(admin, out, io);
        io.stdout.write(`${serverMsg.backedUp(r.rows ?? 0, r.files ?? 0, out)}\n`);
        return;
      }
      await withRuntime("backup", {}, async (rt) => {
        const r = await server.backup(rt.db, rt.files, out, { onProgress: progressLines(io) });
        io.stdout.write(`${serverMsg.backedUp(r.rows, r.files, out)}\n`);
      });
    });
};
