/**
 * 台账 · 安全隐患 end to end, in a real browser against the real built server: the school's safety
 * officer on a 360 px phone records a daily round with one hazard and a photo taken through the file
 * input; the department (股室负责人) assigns rectification; the school uploads the photo after and
 * submits the fix; the department, a different person, re-inspects and writes the hazard off (销号).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { BASE, check, login, noHorizontalScroll, shot, step, toast } from "./helpers";
import { evidencePng } from "./plan-fixture";

const work = mkdtempSync(join(tmpdir(), "luoshi-e2e-safety-"));
const LOCATION = `教学楼二楼走廊 e2e ${Date.now().toString(36)}`;

const newPage = async (browser: Browser, width: number, height: number) => {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
};

const openHazard = async (page: Page) => {
  await page.goto(`${BASE}/safety`);
  await page.locator(".ant-list-item", { hasText: LOCATION }).first().click();
  await page.locator(".ant-drawer-body").waitFor();
};

async function schoolRecords(phone: Page, photo: string) {
  step("school, 360 px: record a daily round with one hazard and a photo");
  await login(phone, "school");
  await phone.waitForURL((u) => !u.pathname.startsWith("/login"));
  await phone.goto(`${BASE}/safety`);
  await phone.getByRole("button", { name: "登记排查" }).click();
  const modal = phone.locator(".ant-modal");
  await modal.locator("button.ant-switch").click();
  await modal.getByLabel("位置").fill(LOCATION);
  await modal.getByLabel("隐患描述").fill("灭火器压力不足");
  const input = modal.locator("input[type=file]");
  check((await input.getAttribute("capture")) === "environment", "the photo input opens the phone camera");
  await input.setInputFiles(photo);
  await modal
    .locator(".ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)")
    .first()
    .waitFor();
  check(await noHorizontalScroll(phone), "the round form fits 360 px");
  await shot(phone, "safety-round-phone");
  await modal.getByRole("button", { name: /提\s*交/ }).click();
  await toast(phone, "已登记");
  await phone.locator(".ant-list-item", { hasText: LOCATION }).first().waitFor();
  check(await noHorizontalScroll(phone), "the ledger fits 360 px");
}

async function departmentAssigns(desk: Page) {
  step("department: assign rectification (the deadline from the default for 一般)");
  await login(desk, "jijiao");
  await desk.waitForURL((u) => !u.pathname.startsWith("/login"));
  await openHazard(desk);
  await desk.getByRole("button", { name: "下达整改" }).click();
  await toast(desk, "已办理");
  await desk.locator(".ant-drawer-body", { hasText: "整改中" }).waitFor();
}

async function schoolFixes(phone: Page, photo: string) {
  step("school: upload the photo after and submit the fix");
  await openHazard(phone);
  await phone.locator(".ant-drawer-body input[type=file]").setInputFiles(photo);
  await phone.locator(".ant-drawer-body .ant-upload-list-item").first().waitFor();
  await phone.waitForTimeout(500);
  await phone.getByRole("button", { name: "提交整改" }).click();
  await toast(phone, "已办理");
  await phone.locator(".ant-drawer-body", { hasText: "待复查" }).waitFor();
  check(await noHorizontalScroll(phone, "drawer"), "the hazard drawer fits 360 px");
}

async function departmentCloses(desk: Page) {
  step("department, another person than the fixer: re-inspect and write off (销号)");
  await openHazard(desk);
  await desk.getByRole("button", { name: "复查通过并销号" }).click();
  await toast(desk, "已办理");
  await desk.locator(".ant-drawer-body", { hasText: "已销号" }).waitFor();
  await shot(desk, "safety-closed-desk");
}

async function main() {
  const photo = join(work, "现场.png");
  writeFileSync(photo, evidencePng());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const phone = await newPage(browser, 360, 740);
  const desk = await newPage(browser, 1280, 900);
  const errors: string[] = [];
  for (const p of [desk, phone]) p.on("pageerror", (e) => errors.push(e.message));
  try {
    await schoolRecords(phone, photo);
    await departmentAssigns(desk);
    await schoolFixes(phone, photo);
    await departmentCloses(desk);
    check(errors.length === 0, `no uncaught page errors: ${errors.join("; ")}`);
    console.log("e2e safety: all steps passed");
  } catch (error) {
    const dir = process.env.LUOSHI_E2E_ARTIFACTS ?? "test-artifacts/e2e";
    await desk.screenshot({ path: join(dir, "safety-failure-desk.png") }).catch(() => {});
    await phone.screenshot({ path: join(dir, "safety-failure-phone.png") }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
