import type { RegisterCommand } from "../program.js";
import { seedDemoIfEmpty } from "./seed-demo.js";
import { serverHelp, serverMsg } from "./serve-messages.js";

interface ServeFlags {
  port?: string;
  host?: string;
  demo?: boolean;
}

export const registerServe: RegisterCommand = (program, { io }) => {
  program
    .command("serve")
    .description(serverHelp.serve)
    .option("-p, --port <PORT>", serverHelp.port)
    .option("--host <HOST>", serverHelp.host)
    .option("--demo", serverHelp.demo)
    .action(async (flags: ServeFlags) => {
      // Loaded on use, so that `luoshi --help` and other commands start fast.
      const { loadConfig, openRuntime, startServer } = await import("@luoshi/server");
      const env = {
        ...process.env,
        ...(flags.port ? { PORT: flags.port } : {}),
        ...(flags.host ? { HOST: flags.host } : {}),
      };
      const config = loadConfig(env, flags.demo ? { demo: true } : {});
      const runtime = await openRuntime(config, { command: "serve" });
      if (config.demo) await seedDemoIfEmpty(runtime.db, io, runtime.files);
      const { app, url } = await startServer(runtime);
      io.stdout.write(`${serverMsg.listening(url)}\n`);
      const stop = async () => {
        await app.close();
        await runtime.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
};
