import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { CliError } from "../io.js";
import type { RegisterCommand } from "../program.js";
import { serverHelp, serverMsg } from "./serve-messages.js";
import { withRuntime } from "./serve-runtime.js";

export const registerImport: RegisterCommand = (program, { io }) => {
  program
    .command("import")
    .description(serverHelp.import)
    .argument("<FILE>", serverHelp.importFile)
    .option("--org <ID>", serverHelp.importOrg)
    .action(async (file: string, flags: { org?: string }) => {
      const bytes = new Uint8Array(await readFile(file));
      const { importPlan } = await import("@luoshi/server");
      await withRuntime("import", {}, async (rt) => {
        const bureau =
          flags.org ??
          (await rt.db.selectFrom("orgs").select("id").where("kind", "=", "bureau").executeTakeFirst())?.id;
        if (!bureau) throw new CliError(1, serverMsg.noBureau);
        // On the runtime's worker pool: the same limits, heap cap and time budget as an upload.
        const plans = await importPlan(rt.db, null, { bytes, filename: basename(file), orgId: bureau }, rt.work);
        for (const p of plans) io.stdout.write(`${serverMsg.imported(p.title, p.taskCount, p.id)}\n`);
      });
    });
};
