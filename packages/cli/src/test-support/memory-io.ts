import type { CliIO, OutputStream } from "../io.js";
import { run } from "../run.js";

export interface MemoryStream extends OutputStream {
  text(): string;
  bytes(): Uint8Array;
}

export function memoryStream(isTTY = false): MemoryStream {
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  return {
    isTTY,
    write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      return true;
    },
    bytes: () => Buffer.concat(chunks),
    text: () => Buffer.concat(chunks).toString("utf8"),
  };
}

/** Runs `luoshi …args` in process and returns exit code and captured output. */
export async function runCli(args: string[], tty: { stdout?: boolean; stderr?: boolean } = {}) {
  const io: CliIO & { stdout: MemoryStream; stderr: MemoryStream } = {
    stdout: memoryStream(tty.stdout),
    stderr: memoryStream(tty.stderr),
  };
  const code = await run(args, io);
  return { code, stdout: io.stdout.text(), stdoutBytes: io.stdout.bytes(), stderr: io.stderr.text() };
}
