import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { PNG } from "pngjs";

export const BASE = process.env.LUOSHI_E2E_URL ?? "http://127.0.0.1:3000";
export const PASSWORD = process.env.LUOSHI_E2E_PASSWORD ?? "Luoshi@2024";
export const ARTIFACTS = process.env.LUOSHI_E2E_ARTIFACTS ?? join(process.cwd(), "test-artifacts", "e2e");
mkdirSync(ARTIFACTS, { recursive: true });

export function step(name: string): void {
  console.log(`• ${name}`);
}

export function check(ok: unknown, what: string): asserts ok {
  if (!ok) throw new Error(`check failed: ${what}`);
}

/** A screenshot is blank when nearly every pixel has the same brightness. */
export function pixelSpread(file: string): { stddev: number; colors: number } {
  const png = PNG.sync.read(readFileSync(file));
  const colors = new Set<number>();
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4 * 7) {
    const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    const y = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += y;
    sumSq += y * y;
    n++;
    colors.add((r >> 3) * 1024 + (g >> 3) * 32 + (b >> 3));
  }
  const mean = sum / n;
  return { stddev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), colors: colors.size };
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  const file = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  const { stddev, colors } = pixelSpread(file);
  check(stddev > 5 && colors > 8, `screenshot ${name} is not blank (stddev ${stddev.toFixed(1)}, ${colors} colours)`);
  console.log(`  screenshot ${name}.png (stddev ${stddev.toFixed(1)}, ${colors} colours)`);
}

export async function login(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.goto(`${BASE}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: /登\s*录/ }).click();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL(/\/login/);
}

/**
 * Picks an organisation in the tree select of a modal's form item: types `search`, clicks `name` once the
 * filtered option shows, and checks the choice took, retrying up to 3 times (under CI load a click that
 * lands while the tree re-renders is lost).
 */
export async function pickTreeOption(page: Page, label: string, search: string, name: string): Promise<void> {
  const modal = page.getByRole("dialog");
  const item = modal.locator(".ant-form-item", { hasText: label }).first();
  for (let attempt = 1; ; attempt++) {
    await item.locator(".ant-select").click();
    await page.keyboard.type(search);
    // The open dropdown only: an earlier one stays in the page, hidden, with the same titles.
    const open = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").last();
    const option = open.locator(".ant-select-tree-title", { hasText: name }).first();
    await option.waitFor();
    await option.click();
    await modal.locator(".ant-modal-title").click(); // closes the dropdown, keeps the modal
    const chosen = await item
      .locator(".ant-select-selection-item", { hasText: name })
      .first()
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (chosen) return;
    if (attempt === 3) throw new Error(`${name} could not be chosen as ${label}`);
  }
}

export async function toast(page: Page, text: string | RegExp): Promise<void> {
  await page.locator(".ant-message-notice", { hasText: text }).first().waitFor({ timeout: 15000 });
}

/**
 * True when nothing scrolls sideways. For the page: the document and everything in it.
 * For an open drawer (the page behind is scroll-locked): the drawer's body and its content.
 */
export async function noHorizontalScroll(page: Page, scope: "page" | "drawer" = "page"): Promise<boolean> {
  const wide = await page.evaluate((scope) => {
    const out: string[] = [];
    const root = scope === "drawer" ? document.querySelector<HTMLElement>(".ant-drawer-body") : document.body;
    if (!root) return ["no drawer body"];
    if (scope === "page" && document.documentElement.scrollWidth > window.innerWidth) {
      out.push(`document ${document.documentElement.scrollWidth}`);
    }
    if (root.scrollWidth > root.clientWidth + 1)
      out.push(`${root.className.split(" ")[0]} ${root.scrollWidth}>${root.clientWidth}`);
    for (const el of root.querySelectorAll<HTMLElement>("*")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 1 && getComputedStyle(el).position !== "fixed") {
        out.push(`${el.tagName}.${String(el.className).slice(0, 60)} right=${Math.round(r.right)}`);
      }
      if (out.length > 8) break;
    }
    return out;
  }, scope);
  if (wide.length > 0) console.log(`  wider than the screen: ${wide.join(" | ")}`);
  return wide.length === 0;
}

/** GET an API path with the page's session. */
export const apiGet = <T>(page: Page, path: string): Promise<T> =>
  page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;

const scratch: string[] = [];

/** A scratch folder for a scenario's files (plans, sheets, downloads), removed when the scenario ends. */
export function workDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `luoshi-e2e-${name}-`));
  scratch.push(dir);
  return dir;
}

export interface Viewport {
  width: number;
  height: number;
}

export interface Scenario {
  browser: Browser;
  /** The first page, in a context of its own: the scenario's viewport, zh-CN, Asia/Shanghai, downloads accepted. */
  page: Page;
  context: BrowserContext;
  /** Another page in a context of its own (another person signed in, another screen size). */
  newPage(viewport: Viewport): Promise<Page>;
  /** Uncaught errors of every page so far (pageerror). */
  pageErrors: string[];
  /** Console errors of every page so far, with the page's address. */
  consoleErrors: string[];
}

/**
 * One scenario's browser, from launch to teardown: Chromium, a first page, error collection;
 * on failure a screenshot of every page (NAME-failure.png); at the end the browser closed and
 * the scratch folders removed.
 */
export async function scenario(
  name: string,
  options: { viewport?: Viewport; timeout?: number },
  body: (s: Scenario) => Promise<void>,
): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const pages: Page[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  const newPage = async (viewport: Viewport) => {
    const context = await browser.newContext({
      viewport,
      locale: "zh-CN",
      timezoneId: "Asia/Shanghai",
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(options.timeout ?? 15000);
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(`${m.text()} (${page.url()})`);
    });
    pages.push(page);
    return page;
  };
  try {
    const page = await newPage(options.viewport ?? { width: 1280, height: 860 });
    await body({ browser, page, context: page.context(), newPage, pageErrors, consoleErrors });
  } catch (error) {
    for (const [i, p] of pages.entries()) {
      const file = join(ARTIFACTS, `${name}-failure${i > 0 ? `-${i + 1}` : ""}.png`);
      await p.screenshot({ path: file }).catch(() => {});
    }
    throw error;
  } finally {
    await browser.close();
    for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A fixed clock for a scenario, in one place: the server's (run.mjs starts it with LUOSHI_NOW=file:…,
 * this writes the instant into that file) and each page's browser clock, so that "today" is the same
 * day on both sides. Moving it forward is how a scenario lets a deadline pass.
 */
export async function setClock(instant: string, pages: Page[]): Promise<void> {
  const file = process.env.LUOSHI_E2E_CLOCK_FILE;
  check(file, "run.mjs gives the scenario the server's clock file (LUOSHI_E2E_CLOCK_FILE)");
  writeFileSync(file, `${instant}\n`);
  for (const page of pages) await page.clock.setFixedTime(new Date(instant));
  console.log(`  clock: ${instant}`);
}

/** The actual value of the dashboard's indicator whose text contains `text`, as the dashboard's API answers it. */
export async function dashboardActual(page: Page, text: string): Promise<number | null> {
  const d = await apiGet<{ indicators: { items: { text: string; actual: number | null }[] } }>(page, "/api/dashboard");
  const item = d.indicators.items.find((i) => i.text.includes(text));
  check(item, `the demo plan's ${text} is on the dashboard`);
  return item.actual;
}
