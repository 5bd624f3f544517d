import type { RegisterCommand } from "../program.js";
import { serverHelp, serverMsg } from "./serve-messages.js";
import { withRuntime } from "./serve-runtime.js";

export const registerRestore: RegisterCommand = (program, { io }) => {
  program
    .command("restore")
    .description(serverHelp.restore)
    .argument("<IN>", serverHelp.restoreIn)
    .action(async (input: string) =>
      withRuntime({}, async (rt) => {
        const { restore } = await import("@luoshi/server");
        const r = await restore(rt.db, rt.files, input);
        io.stdout.write(`${serverMsg.restored(r.rows, r.files)}\n`);
      }),
    );
};
