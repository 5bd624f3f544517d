import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { antdStaticCss } from "./antd-static-css.ts";

// The server (luoshi serve) serves dist/ at /; during `vite dev` the API is proxied to it.
export default defineConfig({
  plugins: [react(), antdStaticCss()],
  server: { proxy: { "/api": process.env.LUOSHI_API ?? "http://127.0.0.1:3000" } },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1500, sourcemap: false },
});
