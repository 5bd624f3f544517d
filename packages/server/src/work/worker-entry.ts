import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(import.meta.url);
let bundled: Promise<string> | undefined;

/**
 * The worker's entry file. Built, it is heavy-worker.js beside this file. Run from TypeScript
 * sources (the tests), Node cannot load the .ts entry in a worker, so it is bundled once per
 * process with the workspace packages' sources into node_modules/.cache, where the third-party
 * packages it leaves outside the bundle resolve as they do for the sources.
 */
export function workerEntry(): Promise<string> {
  if (here.endsWith(".js")) return Promise.resolve(join(dirname(here), "heavy-worker.js"));
  bundled ??= bundleFromSources();
  return bundled;
}

async function bundleFromSources(): Promise<string> {
  const { build } = await import("esbuild");
  const serverDir = join(dirname(here), "..", "..");
  const dir = join(serverDir, "node_modules", ".cache", "luoshi-worker");
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: [join(dirname(here), "heavy-worker.ts")],
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["luoshi-source"],
    logLevel: "silent",
    plugins: [
      {
        name: "third-party-outside",
        setup(b) {
          // Workspace packages go in (from their sources); everything else stays an import.
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith("@luoshi/") ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  const code = result.outputFiles[0]!.contents;
  const file = join(dir, `heavy-worker-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!existsSync(file) || !readFileSync(file).equals(code)) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return file;
}
