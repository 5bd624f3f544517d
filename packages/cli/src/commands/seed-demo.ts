import type { Database, FileStore } from "@luoshi/server";
import type { CliIO } from "../io.js";
import type { RegisterCommand } from "../program.js";
import { serverHelp, serverMsg } from "./serve-messages.js";
import { withRuntime } from "./serve-runtime.js";

/** Seeds the demo bureau when the database is empty and prints the logins. */
export async function seedDemoIfEmpty(db: Database, io: CliIO, files?: FileStore): Promise<void> {
  const { isEmpty, LABELS, seedDemo } = await import("@luoshi/server");
  if (!(await isEmpty(db))) {
    io.stdout.write(`${serverMsg.demoExists}\n`);
    return;
  }
  const { logins } = await seedDemo(db, new Date(), files);
  io.stdout.write(`${serverMsg.seeded}\n`);
  for (const l of logins) io.stdout.write(`${serverMsg.login(l.username, l.password, LABELS.roles[l.role])}\n`);
}

export const registerSeedDemo: RegisterCommand = (program, { io }) => {
  program
    .command("seed-demo")
    .description(serverHelp.seedDemo)
    .action(async () => withRuntime("seed-demo", {}, (rt) => seedDemoIfEmpty(rt.db, io, rt.files)));
};
