import { isPlanParseError } from "@luoshi/plan-parser";
import { type Command, CommanderError } from "commander";
import { CliError, type CliIO, EXIT, processIO } from "./io.js";
import { msg } from "./messages.js";
import { buildProgram } from "./program.js";
import { describeUsageError } from "./usage-errors.js";

/** Runs the CLI on user arguments (without node and script) and returns the exit code; never throws. */
export async function run(args: readonly string[], io: CliIO = processIO()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...args], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    return report(error, io, args, program);
  }
}

function report(error: unknown, io: CliIO, args: readonly string[], program: Command): number {
  const line = (s: string) => io.stderr.write(`${s}\n`);
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.exitCode === 0) {
      return EXIT.ok;
    }
    // Bare `luoshi`: commander has already printed the help to stderr.
    if (error.code === "commander.help") return EXIT.usage;
    line(msg.errorLine(describeUsageError(error)));
    const known = args[0] !== undefined && program.commands.some((c) => c.name() === args[0]);
    line(msg.usageHint(known ? `luoshi ${args[0]}` : "luoshi"));
    return EXIT.usage;
  }
  if (error instanceof CliError) {
    line(msg.errorLine(error.messageZh));
    return error.exitCode;
  }
  if (isPlanParseError(error)) {
    line(msg.parseError(error.messageZh, error.code));
    return EXIT.unreadable;
  }
  const coded = codedError(error);
  if (coded) {
    line(msg.parseError(coded.text, coded.code));
    return EXIT.unreadable;
  }
  // A bug, not user input: keep the stack for the report.
  line(msg.unexpected(error instanceof Error ? (error.stack ?? error.message) : String(error)));
  return EXIT.unreadable;
}

/**
 * A refusal of the server library: its AppError (a bad backup…) or another error with a stable code and
 * Chinese text (a locked data directory).
 */
function codedError(error: unknown): { code: string; text: string } | undefined {
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string") return undefined;
  if (!/^[A-Z][A-Z_]+$/.test(error.code)) return undefined;
  if ("messageZh" in error && typeof error.messageZh === "string") return { code: error.code, text: error.messageZh };
  return error.name === "AppError" ? { code: error.code, text: error.message } : undefined;
}
