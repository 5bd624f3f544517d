// What the HTTP benches on PostgreSQL share: their options, the load generator in a child process,
// logging in, the table of figures as ratios against the no-op, and a throwaway schema with a
// server on it. Each bench keeps its own dataset and its own rows.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const LOAD_CHILD = fileURLToPath(new URL("./load-child.mjs", import.meta.url));

/** The common options (--pg, --duration, --connections, --keep) and a bench's own. */
export function benchArgs(own = {}) {
  const { values } = parseArgs({
    options: {
      pg: { type: "string", default: process.env.LUOSHI_BENCH_PG_URL ?? process.env.LUOSHI_TEST_PG_URL },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "20" },
      keep: { type: "string" },
      ...own,
    },
  });
  if (!values.pg) {
    console.log("bench: pass --pg URL (or set LUOSHI_BENCH_PG_URL / LUOSHI_TEST_PG_URL) to a PostgreSQL database");
    process.exit(0);
  }
  return values;
}

/** The server's modules from its build (npm run build first). */
export async function serverModules(...paths) {
  const loaded = await Promise.all(["index.js", ...paths].map((p) => import(join(root, "packages/server/dist", p))));
  return Object.assign({}, ...loaded);
}

/**
 * One autocannon run against `spec` ({ path } or { paths } to cycle through, headers), from a child
 * process so that the load does not share the server's event loop. Resolves { name, result }.
 */
export function measure(args, url, name, spec) {
  const load = { url, connections: Number(args.connections), duration: Number(args.duration), ...spec };
  return new Promise((res, rej) => {
    // The spec on stdin: a list of requests can be larger than a command line may be.
    const child = spawn(process.execPath, [LOAD_CHILD], { stdio: ["pipe", "pipe", "inherit"] });
    child.stdin.end(JSON.stringify(load));
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
    });
    child.on("exit", (code) =>
      code === 0 ? res({ name, result: JSON.parse(out) }) : rej(new Error(`${name}: exit ${code}`)),
    );
  });
}

/** Logs in; the headers a signed-in request carries (session cookie and CSRF token). */
export async function login(url, username, password) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { cookie, "x-csrf-token": (await res.json()).csrfToken };
}

/** The rows' latencies and throughput, and each as a ratio against the no-op measured in the same run. */
export function table(rows, noop) {
  const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "—");
  const header = ["endpoint", "p50 ms", "p99 ms", "req/s", "p50 ×noop", "p99 ×noop", "req/s ÷noop", "non-2xx"];
  const lines = rows.map(({ name, result: r }) => [
    name,
    f(r.latency.p50),
    f(r.latency.p99),
    f(r.requests.average, 0),
    f(r.latency.p50 / noop.latency.p50),
    f(r.latency.p99 / noop.latency.p99),
    f(r.requests.average / noop.requests.average, 3),
    String(r.non2xx + r.errors + r.timeouts),
  ]);
  const w = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
  console.log(line(header));
  for (const l of lines) console.log(line(l));
}

/** Prints one target's verdict. */
export const verdict = (label, pass, detail) => console.log(`${pass ? "✓" : "✗"} ${label}: ${detail}`);

/**
 * Runs `body({ server, db, seeded })` on a migrated schema of its own (dropped afterwards; with
 * --keep NAME seeded once into NAME and reused), then `serve(url)` on a server started over it.
 * `seed(db)` fills a fresh schema.
 */
export async function onThrowawaySchema(args, server, { prefix, seed, serve }) {
  const pg = (await import("pg")).default;
  const dataDir = mkdtempSync(join(tmpdir(), "luoshi-bench-"));
  const schema = args.keep ?? `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: args.pg });
  await admin.connect();
  const kept = args.keep && (await admin.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema])).rowCount > 0;
  if (!kept) await admin.query(`CREATE SCHEMA ${schema}`);
  let db;
  try {
    db = await server.openDatabase({ kind: "postgres", url: args.pg, schema });
    await server.migrate(db);
    const started = performance.now();
    const seeded = kept ? undefined : await seed(db);
    const seedSeconds = (performance.now() - started) / 1000;
    const config = server.loadConfig({}, { dataDir, port: 0, host: "127.0.0.1", logLevel: "fatal" });
    const { app, url } = await server.startServer({ db, files: null, config, close: async () => {} });
    try {
      await serve({ url, db, seeded, seedSeconds });
    } finally {
      await app.close();
    }
  } finally {
    await db?.destroy();
    if (!args.keep) await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
