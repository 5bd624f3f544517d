/**
 * Every page of every demo role, in a real browser against the built demo server: each role's menu
 * holds exactly the pages it may use (the contract's role groups), a page outside it opened by its
 * address says 无权访问; every menu page at 1366 px (and at 360 px for the unit roles) loads with no
 * console error, no uncaught error and no sideways scrolling, and its screenshot is not blank. On the
 * way: the warnings board's filters (kept in the URL, the status chips counting the rows listed, cards
 * on a phone), evidence pictures and PDF previewed in the page, and empty modal submits answered by
 * Chinese validation messages.
 */
import type { Page } from "playwright-core";
import { apiGet, BASE, check, login, noHorizontalScroll, scenario, shot, step } from "./helpers";
import { evidencePng } from "./plan-fixture";

const MENU: Record<string, string> = {
  "/dashboard": "驾驶舱",
  "/ledger": "任务台账",
  "/my-tasks": "我的任务",
  "/plans": "计划导入",
  "/placements": "均衡编班",
  "/supervision": "督查督办",
  "/admin": "系统管理",
};

/** The audit: each demo role's menu, and a page it may not use. */
const ROLES = [
  {
    user: "admin",
    unit: false,
    pages: ["/dashboard", "/ledger", "/my-tasks", "/plans", "/placements", "/supervision", "/admin"],
  },
  {
    user: "ducha",
    unit: false,
    pages: ["/dashboard", "/ledger", "/plans", "/placements", "/supervision"],
    denied: "/admin",
  },
  { user: "leader", unit: false, pages: ["/dashboard", "/ledger", "/placements", "/supervision"], denied: "/plans" },
  {
    user: "jijiao",
    unit: true,
    pages: ["/dashboard", "/ledger", "/my-tasks", "/placements", "/supervision"],
    denied: "/plans",
  },
  {
    user: "school",
    unit: true,
    pages: ["/dashboard", "/ledger", "/my-tasks", "/placements", "/supervision"],
    denied: "/admin",
  },
];

const DESK = { width: 1366, height: 900 };
const PHONE = { width: 360, height: 740 };

/** Waits until the page has loaded its data (no request in flight, no skeleton left). */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page
    .waitForFunction(() => !document.querySelector(".ant-skeleton, .ant-spin-spinning"), null, { timeout: 20_000 })
    .catch(() => console.log(`  still loading after 20 s: ${page.url()}`));
}

/** Runs an action that changes the board's filters and waits for the board's answer to them, drawn. */
async function boardAnswer(page: Page, action: () => Promise<void>, query: RegExp): Promise<void> {
  await Promise.all([
    page.waitForResponse(
      (r) => r.url().includes("/api/supervision/status?") && query.test(decodeURIComponent(r.url())),
    ),
    action(),
  ]);
  await page.waitForFunction(() => !document.querySelector(".ant-spin-spinning"));
}

const slug = (path: string) => path.replace(/^\//, "").replace(/[/?=&]/g, "-") || "home";

/**
 * The labels of the menu, those folded behind "…" on a narrow screen included (hovering it opens
 * them). Read until two readings agree: the menu folds items again while the header settles (a
 * notification badge appearing narrows it), so one reading can miss an item moving behind "…".
 */
async function menuLabels(page: Page): Promise<string[]> {
  await page.locator(".ant-layout-header .ant-menu").waitFor();
  let texts: string[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    const reading = await readMenu(page);
    const same = reading.length === texts.length && reading.every((t) => texts.includes(t));
    texts = reading;
    if (same) break;
    await page.waitForTimeout(300);
  }
  return Object.values(MENU).filter((label) => texts.some((t) => t.includes(label)));
}

async function readMenu(page: Page): Promise<string[]> {
  let texts = await page.locator(".ant-layout-header .ant-menu-item:visible").allTextContents();
  const rest = page.locator(".ant-layout-header .ant-menu-overflow-item-rest:visible");
  if ((await rest.count()) > 0) {
    await rest.hover();
    const folded = page.locator(".ant-menu-submenu-popup:visible .ant-menu-item");
    await folded.first().waitFor();
    texts = [...texts, ...(await folded.allTextContents())];
    await page.mouse.move(5, 400);
    await page.locator(".ant-menu-submenu-popup:visible").waitFor({ state: "hidden" });
  }
  return texts;
}

async function visit(page: Page, path: string, name: string, errors: { count: () => number; list: () => string }) {
  const before = errors.count();
  await page.goto(`${BASE}${path}`);
  await settled(page);
  check(!(await page.getByText("无权访问").isVisible()), `${path} is open to this role`);
  const wide = page.viewportSize()!.width < 768;
  if (wide) check(await noHorizontalScroll(page), `${path} does not scroll sideways at 360 px`);
  else {
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    check(!sideways, `${path} does not scroll sideways at 1366 px`);
  }
  await shot(page, name);
  check(errors.count() === before, `no console or page error on ${path}: ${errors.list()}`);
}

async function boardFilters(page: Page) {
  step("supervisor: the warnings board's filters, in the URL, the chips counting the rows listed");
  await page.goto(`${BASE}/supervision?tab=board`);
  await page.getByTestId("board-count-overdue").waitFor();
  await settled(page);
  const number = async (testId: string) =>
    Number(((await page.getByTestId(testId).textContent()) ?? "").match(/\d+/)?.[0] ?? Number.NaN);
  const overdue = await number("board-count-overdue");
  const all = await number("board-count-all");
  check(overdue > 0 && all >= overdue, `the demo board has overdue rows (${overdue} of ${all})`);
  check((await number("board-row-count")) === all, "unfiltered, the board lists every counted row");
  await boardAnswer(page, () => page.getByTestId("board-count-overdue").click(), /status=overdue/);
  await page.waitForURL(/status=overdue/);
  check((await number("board-row-count")) === overdue, "逾期 lists as many rows as its chip counts");
  const api = await apiGet<{ items: { status: string }[] }>(page, "/api/supervision/status?status=overdue");
  check(api.items.length === overdue && api.items.every((r) => r.status === "overdue"), "the server filtered them");

  await page.getByLabel("搜索任务、单位、节点或指标").fill("基础教育股");
  await boardAnswer(page, () => page.getByLabel("搜索任务、单位、节点或指标").press("Enter"), /q=基础教育股/);
  await page.waitForURL(/q=/);
  const rows = page.locator(".ant-table-tbody tr.ant-table-row");
  const listed = await number("board-row-count");
  check(listed > 0 && listed <= overdue, `the search narrows the rows (${listed})`);
  for (const text of await rows.allTextContents())
    check(text.includes("基础教育股"), `a found row names the unit: ${text}`);
  check((await number("board-count-overdue")) === listed, "the chip follows the search");

  step("the filters survive a reload (they live in the URL); an indicator row shows its name");
  await page.reload();
  await settled(page);
  check((await page.getByLabel("搜索任务、单位、节点或指标").inputValue()) === "基础教育股", "the search is kept");
  await page.getByRole("button", { name: "清除筛选" }).click();
  await page.locator(".ant-select", { has: page.getByLabel("类型") }).click();
  await boardAnswer(
    page,
    () => page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "指标" }).click(),
    /kind=indicator/,
  );
  await page.waitForURL(/kind=indicator/);
  const indicators = await apiGet<{ items: { entityName: string | null }[] }>(
    page,
    "/api/supervision/status?kind=indicator",
  );
  check(indicators.items.length > 0, "the demo has indicator rows");
  const firstName = indicators.items[0]!.entityName ?? "";
  check(firstName.length > 0, "an indicator row has its name");
  await page.locator(".ant-table-tbody", { hasText: firstName }).waitFor();
  await shot(page, "pages-board-filtered");
}

/** Uploads a file with the page's session (the CSRF token the app keeps for the tab). */
async function upload(page: Page, name: string, type: string, bytes: number[]): Promise<string> {
  return page.evaluate(
    async ({ name, type, bytes }) => {
      const { csrfToken } = JSON.parse(sessionStorage.getItem("luoshi:session") ?? "{}");
      const body = new FormData();
      body.append("file", new File([new Uint8Array(bytes)], name, { type }));
      const res = await fetch("/api/files", { method: "POST", body, headers: { "x-csrf-token": csrfToken } });
      if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
      return (await res.json()).file.id as string;
    },
    { name, type, bytes },
  );
}

const PDF = `%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj
trailer<</Root 1 0 R>>
%%EOF
`;

async function attachmentPreview(page: Page) {
  step("school: a report with a photo and a PDF; both open in a preview on the task page");
  const mine = await apiGet<{ tasks: { id: string }[] }>(page, "/api/tasks/mine");
  const taskId = mine.tasks[0]!.id;
  const periods = await apiGet<{ current: string | null; periods: { period: string }[] }>(
    page,
    `/api/tasks/${taskId}/periods`,
  );
  const period = periods.current ?? periods.periods.at(-1)!.period;
  const photo = await upload(page, "活动现场照片.png", "image/png", [...evidencePng()]);
  const pdf = await upload(page, "工作总结.pdf", "application/pdf", [...Buffer.from(PDF)]);
  const saved = await page.evaluate(
    async ({ taskId, period, fileIds }) => {
      const { csrfToken } = JSON.parse(sessionStorage.getItem("luoshi:session") ?? "{}");
      const res = await fetch(`/api/tasks/${taskId}/reports`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": csrfToken },
        body: JSON.stringify({
          period,
          status: "in_progress",
          percent: 40,
          narrative: "已完成阶段工作，附现场照片和总结",
          fileIds,
        }),
      });
      return `${res.status} ${res.status === 201 ? "" : await res.text()}`;
    },
    { taskId, period, fileIds: [photo, pdf] },
  );
  check(saved.startsWith("201"), `the report with evidence is saved (${saved})`);

  await page.goto(`${BASE}/tasks/${taskId}`);
  await page.locator(`[data-attachment="${photo}"]`).first().click();
  const dialog = page.locator(".ant-modal").filter({ hasText: "预览：活动现场照片.png" });
  const img = dialog.locator("img");
  await img.waitFor();
  await page.waitForFunction((el) => (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
  await shot(page, `pages-preview-image-${page.viewportSize()!.width}`, false);
  await dialog.locator(".ant-modal-close").click();

  await page.locator(`[data-attachment="${pdf}"]`).first().click();
  const frame = page.locator(".ant-modal").filter({ hasText: "预览：工作总结.pdf" }).locator("iframe");
  await frame.waitFor();
  const src = (await frame.getAttribute("src")) ?? "";
  const answer = await page.evaluate(async (url) => {
    const res = await fetch(url);
    return {
      status: res.status,
      type: res.headers.get("content-type"),
      disposition: res.headers.get("content-disposition"),
      csp: res.headers.get("content-security-policy"),
    };
  }, src);
  check(
    answer.status === 200 && answer.type === "application/pdf",
    `the PDF preview is served as PDF (${answer.type})`,
  );
  check(answer.disposition?.startsWith("inline") === true, `inline, not a download (${answer.disposition})`);
  check(answer.csp?.includes("frame-ancestors 'self'") === true, "framed by the app only");
  await shot(page, `pages-preview-pdf-${page.viewportSize()!.width}`, false);
  await page.keyboard.press("Escape");
  return { taskId, photo };
}

/** Each modal with a form: submitted empty, it answers with Chinese messages and nothing is thrown. */
async function emptyModal(page: Page, open: () => Promise<void>, ok: RegExp, what: string) {
  await open();
  const modal = page.locator(".ant-modal-wrap:visible .ant-modal").last();
  await modal.waitFor();
  await modal.getByRole("button", { name: ok }).click();
  const message = modal.locator(".ant-form-item-explain-error").first();
  await message.waitFor();
  const text = (await message.textContent()) ?? "";
  check(/[\u4e00-\u9fff]/.test(text), `${what}: a Chinese validation message (${text})`);
  await modal.getByRole("button", { name: /取\s*消/ }).click();
  await modal.waitFor({ state: "hidden" });
}

await scenario(
  "pages",
  { viewport: DESK, timeout: 20_000 },
  async ({ page: first, newPage, pageErrors, consoleErrors }) => {
    let evidence: { taskId: string; photo: string } | undefined;
    const errors = {
      count: () => pageErrors.length + consoleErrors.length,
      list: () => [...pageErrors, ...consoleErrors].join(" | "),
    };
    step("the login page, signed out: no console error");
    await first.goto(`${BASE}/login`);
    await settled(first);
    check(errors.count() === 0, `no error on the login page: ${errors.list()}`);
    await shot(first, "pages-login");

    for (const role of ROLES) {
      step(`${role.user}: the menu holds exactly its pages; each loads cleanly at 1366 px`);
      const page = await newPage(DESK);
      await login(page, role.user);
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await settled(page);
      const want = role.pages.map((p) => MENU[p]!);
      const holds = (labels: string[]) => labels.length === want.length && want.every((l) => labels.includes(l));
      // A busy machine may read the menu while its overflow (…) is still being measured: read again,
      // for a few seconds, before calling it wrong.
      let labels = await menuLabels(page);
      for (let i = 0; i < 10 && !holds(labels); i++) {
        await page.waitForTimeout(500);
        labels = await menuLabels(page);
      }
      check(holds(labels), `${role.user}'s menu: ${labels.join("、")} (want ${want.join("、")})`);
      for (const path of [...role.pages, "/notifications"])
        await visit(page, path, `pages-${role.user}-${slug(path)}`, errors);
      if (role.denied) {
        await page.goto(`${BASE}${role.denied}`);
        await page.getByText("无权访问").waitFor();
        await shot(page, `pages-${role.user}-denied`);
        check(errors.count() === 0, `no error on a denied page: ${errors.list()}`);
      }
      step(`${role.user}: empty modal submits`);
      await emptyModal(page, () => page.getByRole("button", { name: "修改密码" }).click(), /确\s*定|OK/, "修改密码");
      if (role.user === "admin") {
        await page.goto(`${BASE}/admin`);
        await page.getByRole("tab", { name: "用户与角色" }).click();
        await emptyModal(page, () => page.getByRole("button", { name: "新建用户" }).click(), /确\s*定|OK/, "新建用户");
      }
      if (role.user === "ducha") {
        await page.goto(`${BASE}/supervision?tab=robots`);
        await emptyModal(
          page,
          async () => {
            await page.getByRole("button", { name: "新增机器人" }).click();
            await page.locator(".ant-modal").getByLabel("名称").waitFor();
          },
          /提\s*交/,
          "新增机器人",
        );
        await boardFilters(page);
      }
      if (role.user === "school") evidence = await attachmentPreview(page);
      check(errors.count() === 0, `${role.user}: no console or page error: ${errors.list()}`);
      await page.context().close();

      if (role.unit) {
        step(`${role.user}: every menu page at 360 px, no sideways scrolling; the board as cards`);
        const phone = await newPage(PHONE);
        await login(phone, role.user);
        await phone.waitForURL((u) => !u.pathname.startsWith("/login"));
        await settled(phone);
        for (const path of [...role.pages, "/notifications"]) {
          await visit(phone, path, `pages-${role.user}-${slug(path)}-360`, errors);
        }
        await phone.goto(`${BASE}/supervision?tab=board`);
        await settled(phone);
        check((await phone.locator(".ant-table").count()) === 0, "no table columns on a phone");
        const cards = await phone.getByTestId("board-card").count();
        const listed = Number(((await phone.getByTestId("board-row-count").textContent()) ?? "").match(/\d+/)?.[0]);
        check(cards === Math.min(listed, 10), `the board's cards are its rows (${cards} of ${listed})`);
        check(await noHorizontalScroll(phone), "the board's cards fit 360 px");
        await shot(phone, `pages-${role.user}-board-cards-360`);
        if (role.user === "school" && evidence) await previewOnPhone(phone, evidence);
        check(errors.count() === 0, `${role.user} at 360 px: no console or page error: ${errors.list()}`);
        await phone.context().close();
      }
    }
    console.log("e2e pages: every role's pages clean, menus audited, board filters and previews work");
  },
);

/** On the phone: the photo uploaded at the desk, previewed from the task page. */
async function previewOnPhone(page: Page, evidence: { taskId: string; photo: string }) {
  step("school at 360 px: the photo opens in a preview that fits the screen");
  await page.goto(`${BASE}/tasks/${evidence.taskId}`);
  const attachment = page.locator(`[data-attachment="${evidence.photo}"]`).first();
  await attachment.waitFor();
  check(await noHorizontalScroll(page), "the task page does not scroll sideways at 360 px");
  await attachment.click();
  const img = page.locator(".ant-modal img");
  await img.waitFor();
  await page.waitForFunction((el) => (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle());
  const box = await page.getByRole("dialog", { name: /预览：/ }).boundingBox();
  check(box !== null && box.x >= 0 && box.x + box.width <= 361, `the preview fits 360 px (${JSON.stringify(box)})`);
  await shot(page, "pages-preview-image-360", false);
  await page.keyboard.press("Escape");
}
