import { readFile, stat, writeFile } from "node:fs/promises";
import { CliError, type OutputStream } from "./io.js";
import { msg } from "./messages.js";

const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

/** Reads a file the user named; a missing path is a usage error (2), an unreadable one exit 1. */
export async function readUserFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new CliError(2, msg.fileNotFound(path));
    if (code === "EISDIR") throw new CliError(2, msg.notAFile(path));
    throw new CliError(1, msg.cannotRead(path, reason(error)));
  }
}

export async function requireDirectory(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) throw new CliError(2, msg.dirNotFound(path));
}

interface OutputTarget {
  out?: string;
  stdout: OutputStream;
  format: string;
}

/** Binary output never goes to a terminal, where it would only garble the screen. */
export function refuseBinaryToTerminal(binary: boolean, target: OutputTarget): void {
  if (binary && !target.out && target.stdout.isTTY) throw new CliError(2, msg.binaryToTerminal(target.format));
}

/**
 * Writes to OUT when given, else to stdout (never binary to a terminal).
 */
export async function writeOutput(content: string | Uint8Array, options: OutputTarget): Promise<void> {
  if (options.out) {
    try {
      await writeFile(options.out, content);
    } catch (error) {
      throw new CliError(2, msg.cannotWrite(options.out, reason(error)));
    }
    return;
  }
  refuseBinaryToTerminal(typeof content !== "string", options);
  options.stdout.write(content);
}
