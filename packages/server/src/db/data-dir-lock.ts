import { randomBytes } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { DATA_DIR_LOCKED } from "./data-dir-lock.messages.js";

/** Who holds a data directory: written once, atomically, into `luoshi.lock`. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** What the holder runs: "serve", "backup", "migrate"… */
  command: string;
  /** When the holder took the lock (ISO time). */
  startedAt: string;
  /** The holder's process start, in clock ticks since boot (/proc/PID/stat field 22); tells a reused pid. */
  procStart: string | null;
}

export const LOCK_FILE = "luoshi.lock";

/** A refusal: the directory belongs to another live process. */
export class DataDirLockedError extends Error {
  readonly code = "DATA_DIR_LOCKED";
  readonly messageZh: string;
  constructor(
    readonly dataDir: string,
    /** Undefined when the lock file does not parse. */
    readonly holder: LockHolder | undefined,
  ) {
    const message = DATA_DIR_LOCKED(dataDir, holder);
    super(message);
    this.name = "DataDirLockedError";
    this.messageZh = message;
  }
}

/** This process's start time in clock ticks since boot (Linux); null where /proc is absent. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether the recorded holder still runs. A holder on another host cannot be checked, so it counts as
 * alive (delete the lock file by hand once that host is down). On this host: the pid must exist and,
 * where /proc tells process start times, be the same process (not a later one given the same pid).
 */
export function holderAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return holder.procStart === processStart(process.pid);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  if (holder.procStart === null) return true;
  const now = processStart(holder.pid);
  return now === null || now === holder.procStart;
}

type ReadLock = { holder: LockHolder; raw: string } | { empty: string } | "missing" | "unreadable";

function readLock(path: string): ReadLock {
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
  // A power cut between link() and the data reaching the disk can leave the name with no content
  // (or zeros): no process ever held such a lock, so it is as good as missing.
  if (/^[\s\0]*$/.test(raw)) return { empty: raw };
  try {
    const holder = JSON.parse(raw) as LockHolder;
    return typeof holder.pid === "number" && typeof holder.hostname === "string" ? { holder, raw } : "unreadable";
  } catch {
    return "unreadable";
  }
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, "wx", 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Removes a dead holder's lock. Two processes may find the same stale lock at once: the removal runs
 * under a `mkdir` mutex and re-reads the file inside it, so a lock just taken by the other one stays.
 * A mutex older than ten seconds belongs to a process killed inside this short step and is cleared.
 */
function removeStale(path: string, stale: string): void {
  const mutex = `${path}.takeover`;
  try {
    mkdirSync(mutex);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const age = Date.now() - (statSync(mutex, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 10_000) rmdirSync(mutex);
    else sleepSync(20);
    return;
  }
  try {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      return;
    }
    if (current === stale) unlinkSync(path);
  } finally {
    rmdirSync(mutex);
  }
}

export interface DataDirLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Gives the directory up; only removes the lock file while it is still this process's. */
  release(): void;
}

/**
 * Takes the data directory for this process, or throws DataDirLockedError naming the live holder.
 * The lock file is written whole under a temporary name and hard-linked into place: link() fails
 * when the name exists, so exactly one process wins, and no one ever reads a half-written lock.
 * A lock left by a process that died (even by SIGKILL) names a pid that is gone, or reused by a
 * process that started later, and is taken over.
 */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    command,
    startedAt: new Date().toISOString(),
    procStart: processStart(process.pid),
  };
  const text = `${JSON.stringify(holder)}\n`;
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeDurably(tmp, text);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const current = readLock(path);
      if (current === "missing") continue;
      // A lock file is never half-written (see above); one that does not parse was not written by us: keep out.
      if (current === "unreadable") throw new DataDirLockedError(dataDir, undefined);
      if ("empty" in current) {
        removeStale(path, current.empty);
        continue;
      }
      if (holderAlive(current.holder) || attempt > 50) throw new DataDirLockedError(dataDir, current.holder);
      removeStale(path, current.raw);
    }
  } finally {
    unlinkSync(tmp);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    if (readFileSafe(path) === text) unlinkSync(path);
  };
  process.on("exit", release);
  return { path, holder, release };
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** The holder of a data directory's lock, if a live process holds it. */
export function liveHolder(dataDir: string): LockHolder | undefined {
  const current = readLock(join(dataDir, LOCK_FILE));
  if (current === "missing" || current === "unreadable" || "empty" in current) return undefined;
  return holderAlive(current.holder) ? current.holder : undefined;
}
