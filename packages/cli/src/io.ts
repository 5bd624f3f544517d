/** Where a command writes. Tests pass buffers; the binary passes the process streams. */
export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr };
}

/** An expected failure: its Chinese message is printed as is, with no stack trace. */
export class CliError extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    readonly messageZh: string,
  ) {
    super(messageZh);
    this.name = "CliError";
  }
}

export const EXIT = { ok: 0, unreadable: 1, usage: 2 } as const;
