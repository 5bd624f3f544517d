import { Command } from "commander";
import * as commands from "./commands/index.js";
import type { CliIO } from "./io.js";
import { processIO } from "./io.js";
import { help } from "./messages.js";
import { cliVersion } from "./version.js";

/** What every command registrar receives: the program to attach to and where to write. */
export interface CommandContext {
  io: CliIO;
}

export type RegisterCommand = (program: Command, context: CommandContext) => void;

/**
 * The `luoshi` program with every command of ./commands/index.ts registered. Usage errors
 * throw CommanderError instead of exiting, so `run` (and tests) decide the exit code.
 */
export function buildProgram(io: CliIO = processIO()): Command {
  const program = new Command("luoshi")
    .description(help.program)
    .version(cliVersion(), "-V, --version", help.version)
    .helpOption("-h, --help", help.helpOption)
    .helpCommand("help [command]", help.helpCommand)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // Usage errors are reported in Chinese by run(); commander's English line is dropped.
      outputError: () => {},
    })
    .exitOverride()
    .showSuggestionAfterError(false);
  for (const register of Object.values(commands) as RegisterCommand[]) register(program, { io });
  return program;
}
