import type { Config, openRuntime } from "@luoshi/server";

/**
 * Opens the configured runtime (database migrated, file store) for one command, closing it after.
 * The server (Fastify, PGlite, argon2) loads here, when a command runs, not when `luoshi` starts.
 * On PGlite the command holds the data directory's lock meanwhile (refused while a server runs).
 */
export async function withRuntime<T>(
  command: string,
  overrides: Partial<Config>,
  fn: (runtime: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>,
): Promise<T> {
  const { loadConfig, openRuntime } = await import("@luoshi/server");
  const runtime = await openRuntime(loadConfig(process.env, overrides), { command });
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
