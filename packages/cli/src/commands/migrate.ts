import type { RegisterCommand } from "../program.js";
import { serverHelp, serverMsg } from "./serve-messages.js";
import { withRuntime } from "./serve-runtime.js";

/** Applies pending migrations; a failing migration throws, so the process exits non-zero. */
export const registerMigrate: RegisterCommand = (program, { io }) => {
  program
    .command("migrate")
    .description(serverHelp.migrate)
    .action(async () =>
      withRuntime("migrate", {}, async (rt) => {
        io.stdout.write(`${serverMsg.migrated(rt.applied)}\n`);
      }),
    );
};
