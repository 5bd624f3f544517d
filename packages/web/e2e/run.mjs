#!/usr/bin/env node
// Runs every e2e/*.e2e.ts scenario (or those whose names contain an argument:
// `npm run e2e -- notices`) in Chromium, each against its own real built server
// (`luoshi serve --demo`, fresh PGlite in a temp dir, random port), one after another.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const cli = join(root, "packages/cli/dist/index.js");
const web = join(root, "packages/web/dist/index.html");
for (const built of [cli, web]) {
  if (!existsSync(built)) {
    console.error(`missing ${built}: run \`npm run build\` first`);
    process.exit(2);
  }
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

const artifacts = join(root, "test-artifacts/e2e");
mkdirSync(artifacts, { recursive: true });
const here = join(root, "packages/web/e2e");
const filters = process.argv.slice(2);
const scenarios = readdirSync(here)
  .filter((f) => f.endsWith(".e2e.ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (scenarios.length === 0) {
  console.error(`no scenario matches ${filters.join(" ")}`);
  process.exit(2);
}

/** One scenario against its own fresh server; resolves to the scenario's exit code. */
async function runScenario(file) {
  const port = await freePort();
  // A port for the scenario's recording robot server: the app's robot messages go there (testing only).
  const robotPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "luoshi-e2e-data-"));
  // The server's clock (LUOSHI_NOW): real until the scenario writes an instant into this file (helpers.ts setClock).
  const clockFile = join(dataDir, "clock");
  const server = spawn(process.execPath, [cli, "serve", "--demo"], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LUOSHI_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      LUOSHI_WEBHOOK_TEST_SINK: `127.0.0.1:${robotPort}`,
      LUOSHI_NOW: `file:${clockFile}`,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (d) => {
    output += d;
  });
  server.stderr.on("data", (d) => {
    output += d;
  });
  const running = () => server.exitCode === null && server.signalCode === null;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const remove = () => rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  // The server writes its shutdown checkpoint into the data folder after SIGTERM: the folder is
  // removed once it has exited (removing it meanwhile failed with ENOTEMPTY and ended the run).
  const stop = async () => {
    if (running()) {
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
      if (running()) server.kill("SIGKILL");
    }
    remove();
  };
  const stopNow = () => {
    if (running()) server.kill("SIGKILL");
    try {
      remove();
    } catch {
      // Exiting anyway: the folder is in the system's temporary directory.
    }
  };
  process.on("exit", stopNow);
  try {
    const started = Date.now();
    while (!output.includes(`:${port}`)) {
      if (server.exitCode !== null || Date.now() - started > 300_000) {
        console.error(`server did not start:\n${output}`);
        return 1;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const password = output.match(/ducha \/ (\S+) \//)?.[1];
    console.log(`\n## ${file}: server up on port ${port} in ${Date.now() - started} ms (demo data in ${dataDir})`);
    const flow = spawn(process.execPath, ["--import", "tsx", join(here, file)], {
      cwd: root,
      env: {
        ...process.env,
        LUOSHI_E2E_URL: `http://127.0.0.1:${port}`,
        ...(password ? { LUOSHI_E2E_PASSWORD: password } : {}),
        LUOSHI_E2E_ARTIFACTS: artifacts,
        LUOSHI_E2E_ROBOT_PORT: String(robotPort),
        LUOSHI_E2E_CLOCK_FILE: clockFile,
        LUOSHI_E2E_DATA_DIR: dataDir,
      },
      stdio: "inherit",
    });
    const code = await new Promise((resolve) => flow.on("exit", (c) => resolve(c ?? 1)));
    if (code !== 0)
      console.error(`\n${file} failed; screenshots in ${artifacts}\nserver output:\n${output.slice(-3000)}`);
    return code;
  } finally {
    process.off("exit", stopNow);
    await stop();
  }
}

const failed = [];
for (const file of scenarios) {
  if ((await runScenario(file)) !== 0) failed.push(file);
}
console.log(
  `\ne2e: ${scenarios.length - failed.length}/${scenarios.length} scenarios passed${failed.length ? `; failed: ${failed.join(", ")}` : ""}`,
);
process.exit(failed.length === 0 ? 0 : 1);
