import { stat } from "node:fs/promises";
import { CliError } from "../io.js";
import { msg } from "../messages.js";
import type { RegisterCommand } from "../program.js";
import { progressLines } from "./backup-progress.js";
import { serverHelp, serverMsg } from "./serve-messages.js";
import { withRuntime } from "./serve-runtime.js";

/** Verifies the whole backup before writing anything; refused (with its code) when it is cut or altered. */
export const registerRestore: RegisterCommand = (program, { io }) => {
  program
    .command("restore")
    .description(serverHelp.restore)
    .argument("<IN>", serverHelp.restoreIn)
    .action(async (input: string) => {
      // Before the data directory is opened (on a fresh one, that creates the database).
      if (!(await stat(input).catch(() => undefined))?.isFile()) throw new CliError(2, msg.fileNotFound(input));
      await withRuntime("restore", {}, async (rt) => {
        const { restore } = await import("@luoshi/server");
        io.stderr.write(`${serverMsg.verifying}\n`);
        const r = await restore(rt.db, rt.files, input, { onProgress: progressLines(io) });
        io.stdout.write(`${serverMsg.restored(r.rows, r.files)}\n`);
      });
    });
};
