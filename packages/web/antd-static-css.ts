import { extractStyle } from "@ant-design/static-style-extract";
import { ConfigProvider } from "antd";
import { createElement } from "react";
import type { Plugin } from "vite";
import { theme } from "./src/theme.ts";

const ID = "virtual:antd.css";
const RESOLVED = `\0${ID}`;

/**
 * `import "virtual:antd.css"`: every Ant Design component's stylesheet for the app's
 * theme, extracted once per build, so the browser does not compute it on first render
 * (ConfigProvider runs with theme.zeroRuntime).
 */
export function antdStaticCss(): Plugin {
  let css: string | undefined;
  return {
    name: "luoshi:antd-static-css",
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      css ??= extractStyle((node) => createElement(ConfigProvider, { theme }, node));
      return css;
    },
  };
}
