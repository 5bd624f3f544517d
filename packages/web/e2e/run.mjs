#!/usr/bin/env node
// Starts the real built server (`luoshi serve --demo`, fresh PGlite in a temp dir, random
// port), runs e2e/flow.e2e.ts in Chromium against it, and stops the server.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
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

const port = await freePort();
const dataDir = mkdtempSync(join(tmpdir(), "luoshi-e2e-data-"));
const artifacts = join(root, "test-artifacts/e2e");
mkdirSync(artifacts, { recursive: true });
const server = spawn(process.execPath, [cli, "serve", "--demo"], {
  cwd: root,
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LUOSHI_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
  stdio: ["ignore", "pipe", "pipe"],
});
let output = "";
server.stdout.on("data", (d) => {
  output += d;
});
server.stderr.on("data", (d) => {
  output += d;
});

const stop = () => {
  if (server.exitCode === null) server.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
};
process.on("exit", stop);

const started = Date.now();
while (!output.includes(`:${port}`)) {
  if (server.exitCode !== null || Date.now() - started > 120_000) {
    console.error(`server did not start:\n${output}`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 200));
}
const password = output.match(/ducha \/ (\S+) \//)?.[1];
console.log(`server up on port ${port} in ${Date.now() - started} ms (demo data in ${dataDir})`);

const flow = spawn(process.execPath, ["--import", "tsx", join(root, "packages/web/e2e/flow.e2e.ts")], {
  cwd: root,
  env: {
    ...process.env,
    LUOSHI_E2E_URL: `http://127.0.0.1:${port}`,
    ...(password ? { LUOSHI_E2E_PASSWORD: password } : {}),
    LUOSHI_E2E_ARTIFACTS: artifacts,
  },
  stdio: "inherit",
});
const code = await new Promise((resolve) => flow.on("exit", (c) => resolve(c ?? 1)));
if (code !== 0) console.error(`\ne2e failed; screenshots in ${artifacts}\nserver output:\n${output.slice(-3000)}`);
stop();
process.exit(code);
