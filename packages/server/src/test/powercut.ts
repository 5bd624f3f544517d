import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The power-cut shim (powercut.c) for tests: compiled once per source version, then loaded with
 * LD_PRELOAD into the processes that write a data directory; `powerCut` undoes whatever they had
 * not made durable, once they are dead.
 */
export interface Powercut {
  so: string;
  bin: string;
}

export interface CutReport {
  filesReverted: number;
  bytesRestored: number;
  namesUndone: number;
  namesKept: number;
  processes: number;
  fileSyncs: number;
  dirSyncs: number;
}

const source = fileURLToPath(new URL("./powercut.c", import.meta.url));

/** Compiles the shim and the cut tool (cached by source hash); a reason string if it cannot. */
export function buildPowercut(): Powercut | string {
  if (process.platform !== "linux") return "the power-cut shim needs Linux (LD_PRELOAD, /proc)";
  const text = readFileSync(source);
  const dir = join(tmpdir(), `luoshi-powercut-${createHash("sha256").update(text).digest("hex").slice(0, 12)}`);
  const so = join(dir, "powercut.so");
  const bin = join(dir, "powercut");
  if (existsSync(so) && existsSync(bin)) return { so, bin };
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const cc = (args: string[], out: string) => {
    const tmp = `${out}.${process.pid}.tmp`;
    execFileSync("cc", ["-O2", "-Wall", "-Wno-format-truncation", ...args, "-o", tmp, source, "-ldl"], {
      stdio: "pipe",
    });
    chmodSync(tmp, 0o755);
    renameSync(tmp, out);
  };
  try {
    cc(["-shared", "-fPIC"], so);
    cc(["-DPOWERCUT_MAIN"], bin);
  } catch (error) {
    const e = error as { stderr?: Buffer; message: string };
    return `cannot compile powercut.c with cc (install gcc and libc6-dev): ${(e.stderr?.toString() || e.message).slice(0, 400)}`;
  }
  return { so, bin };
}

/** The environment that puts a process under the shim. */
export function shimEnv(
  pc: Powercut,
  root: string,
  state: string,
  { dropFsync = false, fsyncDelayMs = 0 } = {},
): NodeJS.ProcessEnv {
  return {
    LD_PRELOAD: pc.so,
    POWERCUT_ROOT: root,
    POWERCUT_STATE: state,
    POWERCUT_DROP_FSYNC: dropFsync ? "1" : "0",
    POWERCUT_FSYNC_DELAY_MS: String(fsyncDelayMs),
    // libuv's io_uring would bypass libc; Node 20 has it off by default, this keeps it so.
    UV_USE_IO_URING: "0",
  };
}

/** The power cut: every write and name change under the root not yet durable is undone. */
export function powerCut(pc: Powercut, state: string): CutReport {
  return JSON.parse(execFileSync(pc.bin, ["rollback", state], { encoding: "utf8" })) as CutReport;
}

/**
 * Fault tests run in CI's "faults" step with LUOSHI_FAULT_TESTS=required: there a missing
 * prerequisite fails the test; elsewhere it skips with the reason printed.
 */
export function skipUnlessAble(what: string, reason: string | undefined): boolean {
  if (reason === undefined) return false;
  if (process.env.LUOSHI_FAULT_TESTS === "required") throw new Error(`${what} cannot run in CI: ${reason}`);
  console.warn(`${what} skipped: ${reason}`);
  return true;
}
