import { closeSync, fsyncSync, openSync } from "node:fs";
import { open } from "node:fs/promises";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/**
 * Why this exists: PGlite starts PostgreSQL with `-F` (fsync off), and its Emscripten
 * NODEFS has no fsync at all, so a committed transaction sat in the OS page cache —
 * safe from a killed process, lost on a power cut. (`relaxedDurability` only concerns
 * the browser file systems.) Here fsync is switched back on, WAL flushes use fsync()
 * (Emscripten's fdatasync is a no-op), and NODEFS learns to fsync:
 *
 * - data files and directories (checkpoints) are synced on the spot;
 * - WAL files are only noted, and the driver awaits `flush()` after each unit of work,
 *   outside the connection lock, so commits queued meanwhile share one fsync (group
 *   commit) instead of blocking the event loop one by one.
 *
 * Nothing is acknowledged before `flush()` resolves, so every 2xx is on disk.
 */
export class WalSync {
  private pending = new Set<string>();
  private dirtyGen = 0;
  private syncedGen = 0;
  private inflight: Promise<void> | undefined;

  markDirty(path: string): void {
    this.pending.add(path);
    this.dirtyGen++;
  }

  /** Resolves once every WAL write noted before this call is on disk. */
  async flush(): Promise<void> {
    const target = this.dirtyGen;
    while (this.syncedGen < target) {
      if (!this.inflight) this.inflight = this.syncPending().finally(() => (this.inflight = undefined));
      await this.inflight;
    }
  }

  /**
   * A checkpoint is about to sync data files and pg_control: the WAL they point to must
   * reach the disk first, so this one waits in line.
   */
  flushSync(): void {
    const gen = this.dirtyGen;
    for (const path of this.take()) {
      const fd = openIfPresent(path);
      if (fd === undefined) continue;
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    this.syncedGen = Math.max(this.syncedGen, gen);
  }

  private take(): string[] {
    const paths = [...this.pending];
    this.pending.clear();
    return paths;
  }

  private async syncPending(): Promise<void> {
    const gen = this.dirtyGen;
    // Linux fsync flushes the file, whichever descriptor asks; PostgreSQL may have closed its own.
    await Promise.all(
      this.take().map(async (path) => {
        const handle = await open(path, "r+").catch(ignoreMissing);
        if (!handle) return;
        try {
          await handle.sync();
        } finally {
          await handle.close();
        }
      }),
    );
    this.syncedGen = Math.max(this.syncedGen, gen);
  }
}

/**
 * A segment gone from pg_wal was recycled by a checkpoint, which synced the WAL before
 * the data files it covers (flushSync), so there is nothing left to sync.
 */
function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === "ENOENT") return undefined;
  throw error;
}

function openIfPresent(path: string): number | undefined {
  try {
    return openSync(path, "r+");
  } catch (error) {
    return ignoreMissing(error as NodeJS.ErrnoException);
  }
}

interface EmscriptenStream {
  nfd: number;
  node: unknown;
}
interface NodeFsOps {
  realPath(node: unknown): string;
  stream_ops: { fsync?: (stream: EmscriptenStream) => number };
}

class DurableNodeFS extends NodeFS {
  constructor(
    dataDir: string,
    private readonly wal: WalSync,
  ) {
    super(dataDir);
  }

  override async init(pg: PGlite, opts: Parameters<NodeFS["init"]>[1]) {
    const result = await super.init(pg, opts);
    const wal = this.wal;
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...preRun,
      (mod) => {
        const nodefs = mod.NODEFS as unknown as NodeFsOps;
        nodefs.stream_ops.fsync = (stream) => {
          const path = nodefs.realPath(stream.node);
          if (/[/\\]pg_wal[/\\][0-9A-F]{24}$/.test(path)) {
            wal.markDirty(path);
            return 0;
          }
          wal.flushSync();
          try {
            fsyncSync(stream.nfd);
          } catch (error) {
            // Directories refuse fsync on some systems; PostgreSQL tolerates that too.
            const code = (error as NodeJS.ErrnoException).code;
            if (code !== "EISDIR" && code !== "EINVAL" && code !== "EBADF") throw error;
          }
          return 0;
        };
      },
    ];
    return result;
  }
}

/** A PGlite on a host folder whose commits are fsynced (see WalSync). */
export function durablePGlite(dataDir: string, options: PGliteOptions): { lite: PGlite; wal: WalSync } {
  const wal = new WalSync();
  const lite = new PGlite({
    ...options,
    fs: new DurableNodeFS(dataDir, wal),
    startParams: [
      ...PGlite.defaultStartParams.filter((p) => p !== "-F"),
      "-c",
      "wal_sync_method=fsync",
      // A new 16 MB WAL segment is made sparse rather than written full of zeros: PGlite makes
      // it on the event loop, and zero-filling then syncing it held the loop 30-70 ms mid-commit
      // (a 6,000-task import). Its pages are written, and synced, as WAL fills them.
      "-c",
      "wal_init_zero=off",
    ],
  });
  return { lite, wal };
}
