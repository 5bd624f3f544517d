import { createHash } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { diskFull } from "../errors.js";

/** Content-addressed blobs: a file's name is its sha256, so names never come from users. */
export interface FileStore {
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function diskFileStore(root: string): FileStore {
  const pathOf = (sha: string) => {
    if (!SHA256.test(sha)) throw new Error(`not a sha256: ${sha}`);
    return join(root, sha.slice(0, 2), sha);
  };
  return {
    async put(bytes) {
      const sha = sha256Hex(bytes);
      const target = pathOf(sha);
      const dir = dirname(target);
      if (!(await exists(target))) {
        try {
          await makeDurableDir(dir);
        } catch (error) {
          throw diskFull(error);
        }
        // Write then rename, so a crash never leaves a half-written blob under its final name;
        // a failed write (a full disk) leaves no temp file behind.
        const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
        try {
          await writeFile(tmp, bytes, { flush: true });
          await rename(tmp, target);
        } catch (error) {
          await rm(tmp, { force: true });
          throw diskFull(error);
        }
      }
      // The new name is durable only once its directory is synced (also when a concurrent put of
      // the same bytes made it): a power cut could otherwise lose an acknowledged file.
      await syncDir(dir);
      return sha;
    },
    get: (sha) => readFile(pathOf(sha)),
    has: (sha) => exists(pathOf(sha)),
  };
}

/** fsync on a directory makes the names created in it durable. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** mkdir -p, each new directory's name synced into its parent. */
async function makeDurableDir(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let d = dir; ; d = dirname(d)) {
    await syncDir(dirname(d));
    if (d === first) return;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
