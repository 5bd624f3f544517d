import type { ThemeConfig } from "antd";

/**
 * The app's Ant Design theme. Component styles are not generated in the browser:
 * antd-static-css.ts writes them once at build time from this same theme, and the app
 * runs antd in zero-runtime mode with that stylesheet (a first render is much cheaper).
 */
export const theme = {
  token: { colorPrimary: "#c0392b", borderRadius: 4 },
  hashed: false,
} satisfies ThemeConfig;
