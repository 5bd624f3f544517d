import { resolve } from "node:path";
import type { ReadLimits } from "@luoshi/plan-parser";
import type { ClockSetting } from "./clock.js";
import { parseClock } from "./clock.js";
import type { DatabaseTarget } from "./db/database.js";
import { splitHosts } from "./db/multi-host.js";
import { DEFAULT_WEBHOOK_HOSTS, type WebhookPolicy } from "./reminders/webhook-guard.js";
import { defaultWorkOptions, type WorkOptions } from "./work/work-pool.js";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  /** A hot standby the heavy read views read from (DATABASE_REPLICA_URL; PostgreSQL only). */
  replica?: DatabaseTarget;
  demo: boolean;
  /** Largest accepted upload, bytes. */
  maxUploadBytes: number;
  /** Login attempts one client address may make per minute. */
  loginAttemptsPerMinute: number;
  /** The API documentation (/api/docs) is readable without signing in (LUOSHI_PUBLIC_API_DOCS=1). */
  publicApiDocs: boolean;
  /** Secure cookies only behind HTTPS. */
  secureCookies: boolean;
  logLevel: string;
  /** Serve repeated reads from memory until the data changes (embedded PGlite only). */
  readCache: boolean;
  /** Worker threads for parsing uploads and heavy exports, and the readers' limits. */
  work: WorkOptions;
  /** Where robot webhooks may post (LUOSHI_WEBHOOK_HOSTS; https, vendors' hosts only). */
  webhooks: WebhookPolicy;
  /**
   * Fastify's trustProxy (LUOSHI_TRUST_PROXY): whether, and which, reverse proxies' X-Forwarded-For
   * gives the client address that login throttling counts by.
   */
  trustProxy: boolean | number | string[];
  /** Where the server keeps its backups, and their schedule and retention (see backup/). */
  backup: BackupConfig;
  /** The server's clock (LUOSHI_NOW, clock.ts): real unless a demonstration or a scenario fixes it. */
  clock?: ClockSetting;
}

export interface BackupConfig {
  dir: string;
  /** A cron expression in Asia/Shanghai time, or null for no scheduled backups. */
  schedule: string | null;
  keepDaily: number;
  keepWeekly: number;
}

/** Reader limits from the environment: name, limit key, unit multiplier. */
const LIMIT_ENV: [string, keyof ReadLimits, number][] = [
  ["LUOSHI_PARSE_MAX_PAGES", "maxPages", 1],
  ["LUOSHI_PARSE_MAX_SHEETS", "maxSheets", 1],
  ["LUOSHI_PARSE_MAX_ROWS", "maxRows", 1],
  ["LUOSHI_PARSE_MAX_PARAGRAPHS", "maxParagraphs", 1],
  ["LUOSHI_PARSE_MAX_CHARS", "maxTextChars", 1],
  ["LUOSHI_PARSE_MAX_UNZIPPED_MB", "maxUnzippedBytes", 1024 * 1024],
  ["LUOSHI_PARSE_MAX_ZIP_RATIO", "maxZipRatio", 1],
  ["LUOSHI_PARSE_MAX_DEPTH", "maxDepth", 1],
];

/** Parses the environment once; lists every problem at once and throws. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const errors: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      errors.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const dataDir = resolve(env.LUOSHI_DATA_DIR || "./data");
  const work = defaultWorkOptions();
  const limits: Partial<ReadLimits> = {};
  for (const [name, key, unit] of LIMIT_ENV) {
    if (env[name]) limits[key] = int(name, 1, 1, 1_000_000_000) * unit;
  }
  // PostgreSQL URLs may list several hosts (db/multi-host.ts).
  const pgUrl = (name: string): string | undefined => {
    const value = env[name] || undefined;
    if (value === undefined) return undefined;
    if (!/^postgres(ql)?:\/\//.test(value)) errors.push(`${name} must start with postgres:// or postgresql://`);
    else {
      try {
        splitHosts(value);
      } catch (e) {
        errors.push(`${name}: ${(e as Error).message}`);
      }
    }
    return value;
  };
  const url = pgUrl("DATABASE_URL");
  const replicaUrl = pgUrl("DATABASE_REPLICA_URL");
  if (replicaUrl && !url) errors.push("DATABASE_REPLICA_URL needs DATABASE_URL (a replica of a PostgreSQL primary)");
  const config: Config = {
    port: int("PORT", 3000, 0, 65535),
    host: env.HOST || "127.0.0.1",
    dataDir,
    database: url ? { kind: "postgres", url } : { kind: "pglite", dataDir: resolve(dataDir, "db") },
    ...(url && replicaUrl ? { replica: { kind: "postgres", url: replicaUrl } as const } : {}),
    demo: env.LUOSHI_DEMO === "1" || env.LUOSHI_DEMO === "true",
    maxUploadBytes: int("LUOSHI_MAX_UPLOAD_MB", 20, 1, 1024) * 1024 * 1024,
    loginAttemptsPerMinute: int("LUOSHI_LOGIN_RATE_PER_MIN", DEFAULT_LOGIN_RATE_PER_MIN, 1, 100000),
    secureCookies: env.LUOSHI_SECURE_COOKIES === "1",
    publicApiDocs: env.LUOSHI_PUBLIC_API_DOCS === "1",
    logLevel: env.LOG_LEVEL || "info",
    readCache: env.LUOSHI_READ_CACHE !== "0" && env.LUOSHI_READ_CACHE !== "off",
    webhooks: {
      hosts: webhookHosts(env.LUOSHI_WEBHOOK_HOSTS, errors),
      ...webhookSink(env.LUOSHI_WEBHOOK_TEST_SINK, errors),
    },
    trustProxy: trustProxy(env.LUOSHI_TRUST_PROXY, errors),
    clock: parseClock(env.LUOSHI_NOW, errors),
    backup: {
      dir: resolve(dataDir, env.LUOSHI_BACKUP_DIR || "backups"),
      schedule: backupSchedule(env.LUOSHI_BACKUP_SCHEDULE, errors),
      keepDaily: int("LUOSHI_BACKUP_KEEP_DAILY", 7, 1, 366),
      keepWeekly: int("LUOSHI_BACKUP_KEEP_WEEKLY", 4, 0, 520),
    },
    work: {
      threads: int("LUOSHI_WORKERS", work.threads, 1, 256),
      timeoutMs: int("LUOSHI_WORK_TIMEOUT_S", work.timeoutMs / 1000, 1, 86_400) * 1000,
      memoryMb: int("LUOSHI_WORKER_MEMORY_MB", work.memoryMb, 64, 65_536),
      maxQueue: int("LUOSHI_WORK_QUEUE", work.maxQueue, 0, 100_000),
      limits,
    },
    ...overrides,
  };
  if (errors.length > 0) throw new Error(`Invalid configuration:\n- ${errors.join("\n- ")}`);
  return config;
}

/**
 * Sign-ins one client address may ask for per minute: room for a school's staff behind one NAT
 * signing in together, while it bounds the password hashing one address can make the server do.
 * Guessing is held by the login throttle (auth/login-throttle.ts), per account and per address.
 */
export const DEFAULT_LOGIN_RATE_PER_MIN = 120;

/** Daily at 02:30 by default; "off" turns scheduled backups off; otherwise five cron fields. */
function backupSchedule(raw: string | undefined, errors: string[]): string | null {
  if (raw === undefined || raw === "") return "30 2 * * *";
  if (raw === "off" || raw === "0") return null;
  if (raw.trim().split(/\s+/).length !== 5) errors.push(`LUOSHI_BACKUP_SCHEDULE must be five cron fields or "off"`);
  return raw.trim();
}

/** Comma-separated host names; the vendors' robot hosts by default. IP addresses are refused. */
function webhookHosts(raw: string | undefined, errors: string[]): string[] {
  if (raw === undefined || raw.trim() === "") return DEFAULT_WEBHOOK_HOSTS;
  const hosts = raw
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  for (const h of hosts)
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(h) || /^[\d.]+$/.test(h))
      errors.push(`LUOSHI_WEBHOOK_HOSTS: "${h}" is not a host name`);
  return hosts;
}

/**
 * Testing only: "127.0.0.1:PORT" sends every robot message, after the URL's checks, over plain http
 * to a recording server on this machine (as a mail catcher does for e-mail), never to the robot.
 */
function webhookSink(raw: string | undefined, errors: string[]): { sink?: { host: string; port: number } } {
  if (raw === undefined || raw.trim() === "") return {};
  const m = /^(127\.0\.0\.1|localhost|\[::1\]):(\d{1,5})$/.exec(raw.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) {
    errors.push(`LUOSHI_WEBHOOK_TEST_SINK must be 127.0.0.1:PORT (a recording server on this machine)`);
    return {};
  }
  return { sink: { host: m[1]!.replace(/^\[|\]$/g, ""), port: Number(m[2]) } };
}

/**
 * "true": trust every proxy (only when the server is reachable through proxies alone); a number: that
 * many proxy hops in front (1 = one nginx); otherwise a comma list of proxy addresses/CIDRs.
 */
function trustProxy(raw: string | undefined, errors: string[]): boolean | number | string[] {
  if (raw === undefined || raw === "" || raw === "0" || raw === "false") return false;
  if (raw === "true") return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.some((s) => !/^[\d.:a-fA-F]+(\/\d+)?$/.test(s)))
    errors.push(`LUOSHI_TRUST_PROXY must be true, a hop count or a comma list of addresses/CIDRs, got "${raw}"`);
  return list;
}
