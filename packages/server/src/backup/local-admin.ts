import { randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * How `luoshi backup` on the server's machine reaches the running server: `luoshi serve` writes
 * `local-admin.json` into the data directory, readable by the owner only (mode 0600), with the URL it
 * listens on and a random token that lasts as long as the process. The backup endpoints accept
 * `Authorization: Bearer <token>`, so whoever can read the data directory (and so copy the database
 * anyway) may back it up; no one else can.
 */
export const LOCAL_ADMIN_FILE = "local-admin.json";

export interface LocalAdmin {
  pid: number;
  url: string;
  token: string;
}

export const newLocalToken = (): string => randomBytes(32).toString("hex");

export function writeLocalAdmin(dataDir: string, admin: LocalAdmin): () => void {
  const path = join(dataDir, LOCAL_ADMIN_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(admin)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
  return () => {
    if (readLocalAdmin(dataDir)?.token === admin.token) rmSync(path, { force: true });
  };
}

export function readLocalAdmin(dataDir: string): LocalAdmin | undefined {
  try {
    return JSON.parse(readFileSync(join(dataDir, LOCAL_ADMIN_FILE), "utf8")) as LocalAdmin;
  } catch {
    return undefined;
  }
}

/** Whether an Authorization header carries the token (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string | undefined): boolean {
  if (!header || !token || !header.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
