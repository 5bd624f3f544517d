import { type Config, loadConfig, openRuntime } from "@luoshi/server";

/** Opens the configured runtime (database migrated, file store) for one command, closing it after. */
export async function withRuntime<T>(
  overrides: Partial<Config>,
  fn: (runtime: Awaited<ReturnType<typeof openRuntime>>) => Promise<T>,
): Promise<T> {
  const runtime = await openRuntime(loadConfig(process.env, overrides));
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}
