/**
 * 台账 · 学生健康筛查 in a real browser against the real built server (demo county):
 *  - the school imports a sheet with a bad row (refused, the row listed with its number and code),
 *    then last year's and this year's vision/height-weight/体测 sheets;
 *  - the school sees the rates with numerator, denominator and change in points, and the 重点关注 list;
 *  - the school sees its pupils' names masked and reveals one (audited: the server test reads the trail), sees why a result is what it is
 *    (the rule and the table row), and records an intervention with a re-test date;
 *  - the school prints a pupil's 家长告知书 and its class's (Word downloads);
 *  - at 360 px (a phone) the rates and the 重点关注 list fit without sideways scrolling;
 *  - the supervisor binds the plan's 近视率 target to the computed rate, and the dashboard shows the
 *    county's rate (the demo's other schools have two years of generated screening) as the rates page does.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import {
  apiGet,
  BASE,
  check,
  login,
  logout,
  noHorizontalScroll,
  scenario,
  shot,
  step,
  toast,
  workDir,
} from "./helpers";

const YEAR = Number(
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()),
);
const HEADER =
  "学籍号,姓名,性别,出生日期,年级,班级,身高(cm),体重(kg),左眼裸眼视力,右眼裸眼视力,左眼球镜,左眼柱镜,右眼球镜,右眼柱镜,学年总分";

/** Twenty pupils; `myopic` of them with VA 4.7 and SE −1.25 in the left eye. */
function sheet(grade: string, myopic: number, extra = ""): string {
  const lines = Array.from({ length: 20 }, (_, i) => {
    const no = `G4301${String(YEAR).slice(2)}${String(i).padStart(10, "0")}`;
    const eye = i < myopic ? "4.7,5.0,-1,-0.5,0,0" : "5.0,5.1,0,0,0.25,0";
    return `${no},学生${i},${i % 2 ? "女" : "男"},2016-0${(i % 9) + 1}-15,${grade},${(i % 2) + 1}班,128,26,${eye},${80 + (i % 15)}`;
  });
  return [HEADER, ...lines, extra].filter(Boolean).join("\n");
}

async function importSheet(page: Page, file: string, year: number) {
  await page.getByRole("tab", { name: "导入数据" }).click();
  await page.getByLabel("年度").fill(String(year));
  await page.locator("input[type=file]").setInputFiles(file);
}

interface DashboardIndicator {
  text: string;
  actual: number | null;
}

await scenario("screening", { viewport: { width: 1280, height: 900 }, timeout: 30_000 }, async ({ page }) => {
  const dir = workDir("screening");
  const bad = join(dir, "有误.csv");
  writeFileSync(bad, sheet("二年级", 2, "G430199000000000001,错行,男,2016-02-30,二年级,1班,128,26,4.7,5.0,0,0,0,0,80"));
  const last = join(dir, `${YEAR - 1}年筛查.csv`);
  writeFileSync(last, sheet("二年级", 4));
  const now = join(dir, `${YEAR}年筛查.csv`);
  writeFileSync(now, sheet("三年级", 7));

  step("school: a sheet with a bad row is refused and the row listed");
  await login(page, "school");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.goto(`${BASE}/screening`);
  await importSheet(page, bad, YEAR - 1);
  await page.getByText("未导入任何数据").first().waitFor();
  await page.locator(".ant-table-row", { hasText: "ROW_BIRTH_DATE_INVALID" }).waitFor();
  check(await page.locator(".ant-table-row", { hasText: "22" }).count(), "the bad row's number (22) is listed");
  await shot(page, "screening-import-errors");

  step("school: last year's and this year's sheets are imported");
  await importSheet(page, last, YEAR - 1);
  await page.getByText("已导入 20 名学生的筛查结果").waitFor();
  await importSheet(page, now, YEAR);
  await page.getByText("新列入重点关注 3 人").waitFor();

  step("school: the rates with numerator, denominator and change in points; the 重点关注 list");
  await page.getByRole("tab", { name: "筛查比率" }).click();
  await page.getByText("35%").first().waitFor();
  await page.getByText("7/20").first().waitFor();
  await page.getByText("+15个百分点").first().waitFor();
  await page.locator("canvas").first().waitFor();
  await shot(page, "screening-rates");
  // The 重点关注 tab: the three newly myopic pupils, once the list has loaded (the server test checks it in full).
  await page.getByRole("tab", { name: "重点关注" }).click();
  const followups = page.locator(".ant-list-item", { hasText: "新发近视" });
  await followups.nth(2).waitFor();
  check((await followups.count()) === 3, `three newly myopic pupils on the list (${await followups.count()})`);
  await shot(page, "screening-followups");

  step("school: names masked, one revealed (audited); why a result is what it is");
  await page.getByRole("tab", { name: "学生名单" }).click();
  const pupil = page.locator(".ant-table-row", { hasText: "学*" }).first();
  await pupil.waitFor();
  check(
    (await page.locator(".ant-table-row", { hasText: /学生\d+/ }).count()) === 0,
    "the names are masked in the list",
  );
  await pupil.getByRole("button", { name: "判定依据" }).hover();
  await page
    .locator(".ant-tooltip", { hasText: "WS/T 586-2018" })
    .getByText(/体重状况（WS\/T 586-2018.*）：/)
    .waitFor();
  await page.locator(".ant-tooltip", { hasText: "体质健康（国家学生体质健康标准（2014年修订）" }).waitFor();
  await pupil.getByRole("button", { name: "显示完整信息" }).click();
  await toast(page, "已显示完整信息（已记入审计）");
  await page
    .locator(".ant-table-row", { hasText: /学生\d+/ })
    .first()
    .waitFor();

  step("school: record an intervention with a re-test date on the 重点关注 list");
  await page.getByRole("tab", { name: "重点关注" }).click();
  await followups.first().getByRole("button", { name: "记录干预" }).click();
  const modal = page.locator(".ant-modal");
  await modal.getByLabel("干预措施").click();
  await page.locator(".ant-select-item-option", { hasText: "家长告知" }).click();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  await modal.getByLabel("日期", { exact: true }).fill(today);
  await modal.getByLabel("日期", { exact: true }).press("Enter");
  await modal.getByLabel("说明").fill("已电话告知家长，建议到医院散瞳验光");
  await modal.getByLabel("复查日期").fill(`${YEAR + 1}-03-01`);
  await modal.getByLabel("复查日期").press("Enter");
  await modal.locator(".ant-btn-primary").click();
  await toast(page, "已保存");
  await followups.first().getByText(`${today} 家长告知：已电话告知家长`).waitFor();
  await followups
    .first()
    .getByText(`复查日期：${YEAR + 1}-03-01`)
    .waitFor();

  step("school: print a pupil's 家长告知书 and the class's in one document");
  const docx = async (click: () => Promise<void>) => {
    const [file] = await Promise.all([page.waitForEvent("download"), click()]);
    const path = join(dir, file.suggestedFilename());
    await file.saveAs(path);
    const bytes = readFileSync(path);
    check(
      bytes.subarray(0, 2).toString() === "PK" && bytes.length > 5000,
      `${file.suggestedFilename()} is a Word file`,
    );
    return file.suggestedFilename();
  };
  const one = await docx(() => followups.first().getByRole("link", { name: "打印家长告知书" }).click());
  check(one.includes("家长告知书"), `the pupil's notice downloads (${one})`);
  await page.getByLabel("选择班级").click();
  await page.locator(".ant-select-item-option").first().click();
  const all = await docx(() => page.getByRole("link", { name: "按班级打印家长告知书" }).click());
  check(/家长告知书-.*三年级.*班（\d+人）/.test(all), `the class's notices download as one document (${all})`);

  step("school at 360 px: the rates and the 重点关注 list fit a phone");
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${BASE}/screening`);
  await page.getByText("7/20").first().waitFor();
  check(await noHorizontalScroll(page), "the rates have no horizontal scroll at 360 px");
  await shot(page, "screening-rates-phone");
  await page.getByRole("tab", { name: "重点关注" }).click();
  await followups.first().waitFor();
  check(await noHorizontalScroll(page), "the 重点关注 list has no horizontal scroll at 360 px");
  await shot(page, "screening-followups-phone");
  await page.setViewportSize({ width: 1280, height: 900 });
  await logout(page);

  step("supervisor: bind the plan's 近视率 target; the dashboard shows the computed rate");
  await login(page, "ducha");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.goto(`${BASE}/screening`);
  await page.getByRole("tab", { name: "计划指标绑定" }).click();
  // The demo binds the plan's offered targets when it seeds; bind here when it has not.
  await page.getByText("已绑定的指标").waitFor();
  await page.waitForTimeout(1000);
  const offer = page.getByRole("button", { name: "绑定 近视率" });
  if ((await offer.count()) > 0) {
    await offer.click();
    await toast(page, "已保存");
  }
  await page.getByText("已绑定：近视率").waitFor();
  const d = await apiGet<{ indicators: { items: DashboardIndicator[] } }>(page, "/api/dashboard");
  const item = d.indicators.items.find((i) => i.text.includes("近视率"));
  check(item, "the demo plan's 近视率 is on the dashboard");
  const county = await apiGet<{ total: { rates: { myopia_rate: { value: number | null } } } }>(
    page,
    `/api/ledgers/screening/rates?year=${YEAR}&by=school`,
  );
  console.log(`  近视率 on the dashboard: ${item.actual}; the county's rate: ${county.total.rates.myopia_rate.value}`);
  check(
    item.actual !== null && item.actual === county.total.rates.myopia_rate.value,
    `the dashboard shows the county's computed 近视率 (${item.actual})`,
  );
  await page.goto(`${BASE}/dashboard`);
  await page.locator("canvas").first().waitFor();
  // The computed indicators with their arithmetic (numerator ÷ denominator, last year, change).
  await page
    .getByTestId("dashboard-computed-indicators")
    .getByText(/筛查性近视\d+人 ÷ /)
    .waitFor();
  await shot(page, "screening-dashboard");
});
