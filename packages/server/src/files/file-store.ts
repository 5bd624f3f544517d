import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

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
      if (await exists(target)) return sha;
      await mkdir(join(root, sha.slice(0, 2)), { recursive: true });
      // Write then rename, so a crash never leaves a half-written blob under its final name.
      const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, bytes, { flush: true });
      await rename(tmp, target);
      return sha;
    },
    get: (sha) => readFile(pathOf(sha)),
    has: (sha) => exists(pathOf(sha)),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
