/**
 * 台账 · 安全隐患, the issue's whole loop end to end in a real browser against the real built server,
 * on a fixed clock (helpers.ts setClock: the server's LUOSHI_NOW file and each page's browser clock):
 *  - 3月2日: the school's safety officer on a 360 px phone records a daily round with one hazard and a
 *    photo taken through the file input; the department (股室负责人) assigns rectification (一般: 7 days);
 *  - 3月12日, past the deadline: the hazard is red on the supervisor's warnings board with its school,
 *    grade and deadline, and a 督办单 is issued by clicking there; it reaches the school's inbox; the
 *    school sees it on the hazard too, uploads the photo after and submits the fix; the department, a
 *    different person, sees the after-photo in the drawer, re-inspects and writes the hazard off (销号);
 *    the bound indicator 隐患整改率 moves on the dashboard;
 *  - 4月2日: the March bulletin states the new figure.
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import {
  apiGet,
  BASE,
  check,
  login,
  noHorizontalScroll,
  scenario,
  setClock,
  shot,
  step,
  toast,
  workDir,
} from "./helpers";
import { evidencePng } from "./plan-fixture";

const LOCATION = `教学楼二楼走廊 e2e ${Date.now().toString(36)}`;
const YEAR = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date());
const FOUND = `${YEAR}-03-02T09:00:00+08:00`;
const PAST_DEADLINE = `${YEAR}-03-12T09:00:00+08:00`;
const NEXT_MONTH = `${YEAR}-04-02T09:00:00+08:00`;
const DEADLINE = `${YEAR}-03-09`;

interface DashboardIndicator {
  text: string;
  actual: number | null;
}

const openHazard = async (page: Page) => {
  await page.goto(`${BASE}/safety`);
  await page.locator(".ant-list-item", { hasText: LOCATION }).first().click();
  await page.locator(".ant-drawer-body").waitFor();
};

/** The plan's 隐患整改率 on the dashboard, as the dashboard's API answers it. */
async function fixRate(page: Page): Promise<number | null> {
  const d = await apiGet<{ indicators: { items: DashboardIndicator[] } }>(page, "/api/dashboard");
  const item = d.indicators.items.find((i) => i.text.includes("隐患整改率"));
  check(item, "the demo plan's 隐患整改率 is on the dashboard");
  return item.actual;
}

async function schoolRecords(phone: Page, photo: string) {
  step("3月2日, school at 360 px: record a daily round with one hazard and a photo");
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

async function departmentAssigns(dept: Page) {
  step("department: assign rectification (一般: the default 7 days)");
  await login(dept, "jijiao");
  await dept.waitForURL((u) => !u.pathname.startsWith("/login"));
  await openHazard(dept);
  await dept.getByRole("button", { name: "下达整改" }).click();
  await toast(dept, "已办理");
  await dept.locator(".ant-drawer-body", { hasText: "整改中" }).waitFor();
  await dept.locator(".ant-drawer-body", { hasText: DEADLINE }).waitFor();
}

async function boardIssuesNotice(desk: Page) {
  step("3月12日, supervisor: the overdue hazard is red on the warnings board; 督办单 with one click");
  await login(desk, "ducha");
  await desk.waitForURL((u) => !u.pathname.startsWith("/login"));
  await desk.goto(`${BASE}/supervision?tab=board`);
  const card = desk.getByTestId("board-hazard").filter({ hasText: LOCATION });
  await card.waitFor();
  check((await card.getAttribute("data-status")) === "overdue", "the hazard is overdue on the board");
  const text = (await card.textContent()) ?? "";
  for (const want of ["逾期", "青山县城关镇中心小学", "一般隐患", DEADLINE]) {
    check(text.includes(want), `the board's hazard states ${want} (${text})`);
  }
  check((await card.locator(".ant-tag-red").count()) > 0, "the overdue tag is red");
  await shot(desk, "safety-board-red");
  await card.getByRole("button", { name: "签发督办单" }).click();
  const modal = desk.locator(".ant-modal");
  await modal.getByText(LOCATION).first().waitFor();
  const reason = await modal.locator("textarea").first().inputValue();
  check(reason.includes("已过完成时限"), `the reason is prefilled from the warning (${reason})`);
  await modal.getByRole("button", { name: "签发督办单" }).click();
  await toast(desk, "已签发1份督办单");
  await desk.reload();
  await desk.getByTestId("board-hazard").filter({ hasText: LOCATION }).filter({ hasText: "已督办1份" }).waitFor();
}

async function schoolReadsNoticeAndFixes(phone: Page, photo: string) {
  step("school at 360 px: the 督办单 is in its inbox; it uploads the photo after and submits the fix");
  await phone.goto(`${BASE}/supervision?tab=inbox`);
  const notice = phone.locator(".notice-card", { hasText: LOCATION }).first();
  await notice.waitFor();
  check(((await notice.textContent()) ?? "").includes("隐患"), "the notice names the hazard");
  check(await noHorizontalScroll(phone), "the inbox fits 360 px");
  await shot(phone, "safety-notice-phone");
  await openHazard(phone);
  await phone.locator(".ant-drawer-body", { hasText: "青教体督" }).waitFor();
  await phone.locator(".ant-drawer-body input[type=file]").setInputFiles(photo);
  await phone.locator(".ant-drawer-body .ant-upload-list-item").first().waitFor();
  await phone.waitForTimeout(500);
  await phone.getByRole("button", { name: "提交整改" }).click();
  await toast(phone, "已办理");
  await phone.locator(".ant-drawer-body", { hasText: "待复查" }).waitFor();
  check(await noHorizontalScroll(phone, "drawer"), "the hazard drawer fits 360 px");
}

async function departmentCloses(dept: Page): Promise<string> {
  step("department, another person than the fixer: sees the after-photo, re-inspects and writes off (销号)");
  await openHazard(dept);
  const { hazards } = await apiGet<{ hazards: { fields: { location?: string; afterPhotos?: string[] } }[] }>(
    dept,
    "/api/ledgers/hazards?state=reviewing",
  );
  const after = hazards.find((h) => h.fields.location === LOCATION)?.fields.afterPhotos?.[0];
  check(after, "the hazard carries its after-photo");
  const status = await dept.evaluate(async (id) => (await fetch(`/api/files/${id}?inline=true`)).status, after);
  check(status === 200, `the department opens the school's after-photo (${status})`);
  const shown = dept.locator('.ant-drawer-body img[alt="整改后照片"]').first();
  await shown.waitFor();
  await dept.waitForFunction((img) => (img as HTMLImageElement).complete, await shown.elementHandle());
  const width = await shown.evaluate((img) => (img as HTMLImageElement).naturalWidth);
  check(width > 0, `the after-photo shows in the drawer (${width} px wide)`);
  await dept.getByRole("button", { name: "复查通过并销号" }).click();
  await toast(dept, "已办理");
  await dept.locator(".ant-drawer-body", { hasText: "已销号" }).waitFor();
  await shot(dept, "safety-closed-desk");
  return after;
}

/** The row of the bulletin's appendix about the 隐患整改率 indicator. */
async function bulletinRow(desk: Page, period: string): Promise<string[]> {
  const { bulletins } = await apiGet<{ bulletins: { id: string; period: string }[] }>(
    desk,
    "/api/supervision/bulletins",
  );
  const bulletin = bulletins.find((b) => b.period === period);
  check(bulletin, `the ${period} bulletin was generated`);
  const base64 = await desk.evaluate(async (id) => {
    const bytes = new Uint8Array(await (await fetch(`/api/supervision/bulletins/${id}/xlsx`)).arrayBuffer());
    let s = "";
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, bulletin.id);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(base64, "base64") as unknown as ArrayBuffer);
  const sheet = book.getWorksheet("指标完成情况");
  check(sheet, "the appendix has the indicators sheet");
  let row: string[] = [];
  sheet.eachRow((r) => {
    const cells = (r.values as unknown[]).slice(1).map((v) => String(v ?? ""));
    if (cells.some((c) => c.includes("隐患整改率"))) row = cells;
  });
  return row;
}

await scenario("safety", { viewport: { width: 1280, height: 900 }, timeout: 20_000 }, async ({ page, newPage }) => {
  const desk = page;
  const phone = await newPage({ width: 360, height: 740 });
  const dept = await newPage({ width: 1280, height: 900 });
  const pages = [desk, phone, dept];
  const photo = join(workDir("safety"), "现场.png");
  writeFileSync(photo, evidencePng());

  await setClock(FOUND, pages);
  await schoolRecords(phone, photo);
  await departmentAssigns(dept);

  await setClock(PAST_DEADLINE, pages);
  await boardIssuesNotice(desk);
  await schoolReadsNoticeAndFixes(phone, photo);
  const before = await fixRate(desk);
  await departmentCloses(dept);
  const after = await fixRate(desk);
  console.log(`  隐患整改率 on the dashboard: ${before} → ${after}`);
  check(after !== null && (before === null || after > before), `销号 raises 隐患整改率 (${before} → ${after})`);
  await desk.goto(`${BASE}/dashboard`);
  await desk.locator("canvas").first().waitFor();
  await shot(desk, "safety-dashboard");

  step("4月2日, supervisor: the March bulletin states the new 隐患整改率");
  await setClock(NEXT_MONTH, pages);
  await desk.goto(`${BASE}/supervision?tab=bulletins`);
  await desk.getByPlaceholder(/周期/).fill(`${YEAR}-03`);
  await desk.getByRole("button", { name: "生成通报" }).click();
  await desk.locator(".ant-message-notice", { hasText: "操作成功" }).first().waitFor({ timeout: 120_000 });
  const row = await bulletinRow(desk, `${YEAR}-03`);
  console.log(`  bulletin row: ${row.join(" | ")}`);
  check(row.includes(`${Math.round(after * 10) / 10}%`), `the bulletin states ${after}% (${row.join(" | ")})`);
});
