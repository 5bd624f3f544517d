import type { SingleBar } from "cli-progress";
import { requireDirectory } from "../files.js";
import { CliError, type CliIO } from "../io.js";
import { evalText, help, msg } from "../messages.js";
import type { RegisterCommand } from "../program.js";

/** A progress bar on stderr, only when a person is watching it. */
function progressBar(io: CliIO, Bar: typeof SingleBar): (done: number, total: number, file: string) => void {
  const stream = io.stderr as NodeJS.WriteStream;
  if (!io.stderr.isTTY) return () => {};
  const bar = new Bar({ format: evalText.progress, stream, clearOnComplete: true, hideCursor: true });
  let started = false;
  return (done, total, file) => {
    if (!started) {
      bar.start(total, 0, { file });
      started = true;
    }
    bar.update(done, { file });
    if (done >= total) bar.stop();
  };
}

export const registerEval: RegisterCommand = (program, { io }) => {
  program
    .command("eval")
    .description(help.eval)
    .argument("<DOCS_DIR>", help.evalDocs)
    .argument("<GOLD_DIR>", help.evalGold)
    .option("--json", help.json)
    .action(async (docsDir: string, goldDir: string, flags: { json?: boolean }) => {
      // The evaluator (every parser reader) and the progress bar load only when eval runs.
      const [{ evaluate, listDocuments }, { formatEvalTable }, { SingleBar }] = await Promise.all([
        import("../eval/evaluate.js"),
        import("../eval/report-table.js"),
        import("cli-progress"),
      ]);
      await requireDirectory(docsDir);
      await requireDirectory(goldDir);
      if (!(await listDocuments(docsDir)).length) throw new CliError(2, msg.noDocuments(docsDir));
      const result = await evaluate(docsDir, goldDir, progressBar(io, SingleBar));
      io.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatEvalTable(result));
    });
};
