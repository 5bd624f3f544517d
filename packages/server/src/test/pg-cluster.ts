import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

/**
 * A throwaway PostgreSQL cluster of our own (initdb in a temp folder, its own port), for tests
 * that stop, crash or power-cut the database server; never the shared cluster. As root the
 * server runs as the `postgres` user, since PostgreSQL refuses root.
 */
export interface Cluster {
  dir: string;
  port: number;
  url: string;
  /** Starts the server (extra environment: a power-cut shim); resolves once it accepts connections. */
  start(env?: NodeJS.ProcessEnv): Promise<void>;
  /** Fast shutdown (SIGINT), as `pg_ctl stop -m fast`. */
  stop(): Promise<void>;
  /** Every process of the server dies at once (SIGKILL to its process group): a crash or power cut. */
  kill(): Promise<void>;
  destroy(): Promise<void>;
  /** The server's log so far. */
  log(): string;
}

function binDir(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], "bin") : undefined;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function runAs(): RunAs | string {
  if (process.getuid?.() !== 0) return {};
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return "running as root, but there is no postgres user to run PostgreSQL as";
  }
}

/** Why a throwaway cluster cannot be made here, or undefined if it can. */
export function clusterUnavailable(): string | undefined {
  if (!binDir()) return "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)";
  const as = runAs();
  return typeof as === "string" ? as : undefined;
}

/** Whether a process of the group is still running (zombies, which write nothing, do not count). */
function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces, so split after the last ")".
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z") return true;
  }
  return false;
}

/** initdb a new cluster listening on 127.0.0.1:port (user luoshi, trust auth, database luoshi). */
export async function createCluster(port: number): Promise<Cluster> {
  const bin = binDir()!;
  const as = runAs() as RunAs;
  const dir = mkdtempSync(join(tmpdir(), `luoshi-pg${port}-`));
  chmodSync(dir, 0o700);
  if (as.uid !== undefined) chownSync(dir, as.uid, as.gid!);
  const data = join(dir, "data");
  execFileSync(join(bin, "initdb"), ["-D", data, "-U", "luoshi", "--auth=trust", "-E", "UTF8", "--no-sync"], {
    ...as,
    stdio: "pipe",
    cwd: dir,
  });
  const logPath = join(dir, "server.log");
  let child: ChildProcess | undefined;
  const url = `postgresql://luoshi@127.0.0.1:${port}/luoshi`;

  const exited = () => !child || child.exitCode !== null || child.signalCode !== null;
  const waitExit = () => new Promise<void>((resolve) => (exited() ? resolve() : child!.once("exit", () => resolve())));
  /** The group may outlive the postmaster for a moment: wait until no live process of it is left. */
  const waitGroupGone = async (pgid: number) => {
    for (let i = 0; i < 500; i++) {
      if (!groupAlive(pgid)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`PostgreSQL processes of group ${pgid} did not exit`);
  };

  const cluster: Cluster = {
    dir: data,
    port,
    url,
    async start(env = {}) {
      const out = openSync(logPath, "a");
      if (as.uid !== undefined) chownSync(logPath, as.uid, as.gid!);
      child = spawn(
        join(bin, "postgres"),
        ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=on"],
        { ...as, cwd: dir, detached: true, stdio: ["ignore", out, out], env: { ...process.env, ...env } },
      );
      for (let i = 0; i < 300; i++) {
        if (exited()) throw new Error(`PostgreSQL exited at start:\n${cluster.log()}`);
        const client = new pg.Client({ connectionString: `postgresql://luoshi@127.0.0.1:${port}/postgres` });
        client.on("error", () => {});
        try {
          await client.connect();
          const { rows } = await client.query("SELECT 1 AS ok FROM pg_database WHERE datname = 'luoshi'");
          if (rows.length === 0) await client.query("CREATE DATABASE luoshi");
          await client.end();
          return;
        } catch {
          await client.end().catch(() => {});
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      throw new Error(`PostgreSQL did not accept connections:\n${cluster.log()}`);
    },
    async stop() {
      if (exited()) return;
      const pgid = child!.pid!;
      child!.kill("SIGINT");
      await waitExit();
      await waitGroupGone(pgid);
    },
    async kill() {
      if (exited()) return;
      const pgid = child!.pid!;
      process.kill(-pgid, "SIGKILL");
      await waitExit();
      await waitGroupGone(pgid);
    },
    async destroy() {
      await cluster.kill();
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => (existsSync(logPath) ? readFileSync(logPath, "utf8") : ""),
  };
  return cluster;
}
