import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@luoshi/contract/vocabulary": src("./packages/contract/src/vocabulary.ts"),
      "@luoshi/contract/personal-data": src("./packages/contract/src/personal-data.ts"),
      "@luoshi/contract": src("./packages/contract/src/index.ts"),
      "@luoshi/plan-parser/soffice": src("./packages/plan-parser/src/soffice.ts"),
      "@luoshi/plan-parser": src("./packages/plan-parser/src/index.ts"),
      "@luoshi/ledger-export": src("./packages/ledger-export/src/index.ts"),
      "@luoshi/placement": src("./packages/placement/src/index.ts"),
      "@luoshi/server": src("./packages/server/src/index.ts"),
    },
  },
  test: {
    include: ["packages/*/src/**/*.test.{ts,tsx}"],
    // Fault tests (power cut, disk full, database restart) need root or extra clusters: vitest.faults.config.ts.
    exclude: ["**/node_modules/**", "**/*.fault.test.ts"],
    testTimeout: 30000,
  },
});
