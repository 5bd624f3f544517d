/**
 * LibreOffice's headless converter, for the edges (server, CLI): the parser's core does no I/O
 * and takes it as an injected DocumentConverter.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, rmSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { PlanParseError } from "./errors.js";
import type { ConvertTarget, DocumentConverter } from "./readers/convert.js";

export type { ConvertTarget, DocumentConverter } from "./readers/convert.js";

const DEFAULT_TIMEOUT_MS = 120_000;

/** The soffice executable: LUOSHI_SOFFICE if set, else `soffice` or `libreoffice` on PATH. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LUOSHI_SOFFICE) return env.LUOSHI_SOFFICE;
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    for (const name of ["soffice", "libreoffice"]) {
      const file = join(dir, name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * Runs `soffice --headless --convert-to TARGET --outdir OUT FILES…` with its own profile under
 * `workDir` (two conversions at once must not share one), killing the whole process group on timeout.
 */
export function runSoffice(
  command: string,
  target: string,
  files: string[],
  outDir: string,
  workDir: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<void> {
  const args = [
    `-env:UserInstallation=${pathToFileURL(join(workDir, "profile")).href}`,
    "--headless",
    "--norestore",
    "--nologo",
    "--nolockcheck",
    "--convert-to",
    target,
    "--outdir",
    outDir,
    ...files,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
      reject(new PlanParseError("CONVERSION_FAILED", `soffice timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new PlanParseError("CONVERTER_MISSING", e.message, { cause: e }));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new PlanParseError("CONVERSION_FAILED", `soffice exited with ${code}: ${stderr.trim()}`));
    });
  });
}

/**
 * A converter through LibreOffice, each conversion in a temporary directory of its own. Conversions
 * run one at a time on one LibreOffice profile, kept for the life of the process (a profile's first
 * start is the slow one; two instances cannot share one). When soffice is not installed, converting
 * fails with CONVERTER_MISSING (the message names LibreOffice).
 */
export function sofficeConverter(
  options: { command?: string; timeoutMs?: number } = {},
): DocumentConverter & { dispose(): Promise<void> } {
  let queue: Promise<unknown> = Promise.resolve();
  let profile: Promise<string> | undefined;
  const profileDir = () => {
    profile ??= mkdtemp(join(tmpdir(), "luoshi-soffice-profile-")).then((dir) => {
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
      return dir;
    });
    return profile;
  };
  const convertOne = async (bytes: Uint8Array, extension: string, target: ConvertTarget): Promise<Uint8Array> => {
    const command = options.command ?? findSoffice();
    if (!command) throw new PlanParseError("CONVERTER_MISSING", "soffice is not on PATH");
    const ext = /^[a-z0-9]{1,8}$/i.test(extension) ? extension : "bin";
    const work = await mkdtemp(join(tmpdir(), "luoshi-soffice-"));
    try {
      const input = join(work, `input.${ext}`);
      const outDir = join(work, "out");
      await mkdir(outDir);
      await writeFile(input, bytes);
      await runSoffice(command, target, [input], outDir, await profileDir(), options.timeoutMs);
      try {
        return new Uint8Array(await readFile(join(outDir, `input.${target}`)));
      } catch (e) {
        throw new PlanParseError("CONVERSION_FAILED", `soffice wrote no .${target}`, { cause: e });
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  };
  return {
    name: "LibreOffice",
    convert(bytes, extension, target) {
      const result = queue.then(() => convertOne(bytes, extension, target));
      queue = result.catch(() => undefined);
      return result;
    },
    /** Removes the profile once the conversions under way are done (a process's exit removes it too). */
    async dispose() {
      await queue;
      const dir = await profile;
      profile = undefined;
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
