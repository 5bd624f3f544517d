import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The fault tests: power cut under an LD_PRELOAD shim, disk full on a small tmpfs, PostgreSQL
 * restarted under load. They need cc, root and PostgreSQL binaries; CI runs them in its "faults"
 * step with LUOSHI_FAULT_TESTS=required. One file at a time: they start servers and clusters.
 */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["packages/*/src/**/*.fault.test.ts"],
    fileParallelism: false,
    testTimeout: 240_000,
    // Their cleanups stop clusters and delete data folders, which takes more than 10 s on a busy machine.
    hookTimeout: 120_000,
  },
});
