import type { RegisterCommand } from "../program.js";
import { serverHelp, serverMsg } from "./serve-messages.js";
import { withRuntime } from "./serve-runtime.js";

export const registerBackup: RegisterCommand = (program, { io }) => {
  program
    .command("backup")
    .description(serverHelp.backup)
    .argument("<OUT>", serverHelp.backupOut)
    .action(async (out: string) =>
      withRuntime({}, async (rt) => {
        const { backup } = await import("@luoshi/server");
        const r = await backup(rt.db, rt.files, out);
        io.stdout.write(`${serverMsg.backedUp(r.rows, r.files, out)}\n`);
      }),
    );
};
