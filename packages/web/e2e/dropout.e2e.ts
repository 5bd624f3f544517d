/**
 * 控辍保学与学生资助 end to end in a real browser against the real built demo server, on a fixed clock:
 *  - the school's reporter on a 360 px phone records a student at risk, confirms the dropout: the
 *    plan's bound indicator 辍学学生数 on the dashboard goes to 1;
 *  - two 劝返 visits, each with a photo as evidence; the return to school after 10 days of attendance:
 *    辍学学生数 goes back to 0 (动态清零);
 *  - a mistaken grade is corrected with its reason (kept as a history entry);
 *  - the school submits its monthly return at 360 px (listing the case); the county's quarterly review
 *    lists the case (masked) and the bureau completes the review with its note;
 *  - the school records a 家庭经济困难 identification with its evidence and approves it: the 应助尽助 check
 *    lists the student as identified but not aided (the bureau sees it too, masked); once the aid is
 *    recorded, the student leaves the list; the payment's mistaken amount is corrected at 360 px with
 *    its reason (a new version, audited).
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import {
  apiGet,
  BASE,
  check,
  dashboardActual,
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

const YEAR = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date());
const DAY = `${YEAR}-10-12T09:00:00+08:00`;
const SCHOOL_YEAR = `${YEAR}-${Number(YEAR) + 1}`;
const tag = Date.now().toString(36).slice(-5);
const STUDENT_NO = `G4301022012${String(Date.now()).slice(-7)}`;
const AID_NO = `G4301022013${String(Date.now()).slice(-7)}`;

async function upload(scope: ReturnType<Page["locator"]>, file: string) {
  await scope.locator("input[type=file]").setInputFiles(file);
  await scope.locator(".ant-upload-list-item-done").first().waitFor();
}

async function recordCase(phone: Page): Promise<string> {
  step("school at 360 px: record a student at risk and confirm the dropout");
  await login(phone, "school");
  await phone.waitForURL((u) => !u.pathname.startsWith("/login"));
  await phone.goto(`${BASE}/dropout`);
  await phone.getByRole("button", { name: "登记风险学生" }).click();
  const modal = phone.locator(".ant-modal");
  await modal.getByLabel("学生姓名").fill(`王小明${tag}`);
  await modal.getByLabel("学籍号").fill(STUDENT_NO);
  await modal.getByLabel("年级").fill("七年级");
  await modal.getByLabel("包保责任人").fill("李老师");
  check(await noHorizontalScroll(phone), "the case form fits 360 px");
  await shot(phone, "dropout-case-phone");
  await modal.getByRole("button", { name: /提\s*交/ }).click();
  await toast(phone, "已登记");
  const item = phone.locator(".ant-list-item", { hasText: "王*" }).first();
  await item.waitFor();
  check(!(await phone.content()).includes(STUDENT_NO), "the 学籍号 is masked in the list");
  const caseId = (await item.getAttribute("data-case")) ?? "";
  await item.click();
  const drawer = phone.locator(".ant-drawer-body");
  await drawer.getByRole("button", { name: "确认辍学" }).click();
  await toast(phone, "已保存");
  return caseId;
}

async function rhythm(phone: Page, desk: Page, caseId: string) {
  step("school at 360 px: the monthly return lists the case");
  await phone.goto(`${BASE}/dropout`);
  const card = phone.locator("[data-return]");
  await card.getByRole("button", { name: /提交本月月报|重新报送/ }).click();
  await toast(phone, "月报已报送");
  await card.getByText("按时报送").waitFor();
  check(await noHorizontalScroll(phone), "the monthly return fits 360 px");
  await shot(phone, "dropout-monthly-return-phone");
  const month = await apiGet<{ returns: { status: string; zero: boolean; cases: { id: string }[] }[] }>(
    phone,
    `/api/ledgers/dropout-returns?month=${DAY.slice(0, 7)}`,
  );
  check(
    month.returns[0]?.status === "timely" && month.returns[0].cases.some((c) => c.id === caseId),
    "the school's return is on time and lists the case",
  );

  step("bureau: the county's quarterly review lists the case; the department completes it");
  await desk.goto(`${BASE}/dropout`);
  await desk.getByRole("tab", { name: "季度复核" }).click();
  await desk.locator(`[data-review-case="${caseId}"]`).waitFor();
  check(!(await desk.content()).includes(STUDENT_NO), "the review shows the student masked");
  await desk.getByPlaceholder(/复核意见/).fill("已核对各校月报，入户核实返校情况");
  await desk.getByRole("button", { name: "完成复核" }).click();
  await toast(desk, "已完成季度复核");
  await desk.getByText("本季度已完成复核").waitFor();
  await shot(desk, "dropout-quarter-review");
}

async function persuade(phone: Page, photo: string) {
  const drawer = phone.locator(".ant-drawer-body");
  for (const [i, result] of ["家长同意配合", "学生同意返校"].entries()) {
    step(`school: 劝返 visit ${i + 1} with a photo`);
    await drawer.getByLabel("劝返人员").fill("李老师、村干部张某");
    await drawer.getByLabel("劝返结果").fill(result);
    await upload(drawer, photo);
    await drawer.getByRole("button", { name: "记录劝返" }).click();
    await toast(phone, "已保存");
    await drawer.locator(`[data-visit]`).nth(i).waitFor();
  }
  check((await drawer.locator("[data-visit]").count()) === 2, "two 劝返 visits are listed");
  check(await noHorizontalScroll(phone, "drawer"), "the case fits 360 px");
  await shot(phone, "dropout-visits-phone");
  step("school: the return after 10 days of attendance");
  await drawer.getByLabel("返校后在校天数").fill("10");
  await drawer.getByRole("button", { name: "确认返校" }).click();
  await toast(phone, "已保存");
  await drawer.getByText("已返校").first().waitFor();
  step("school: a mistaken grade corrected with its reason (a new history entry)");
  await drawer.getByRole("button", { name: "更正登记" }).click();
  const correction = drawer.locator("[data-correction]");
  await correction.getByLabel("年级").fill("八年级");
  await correction.getByLabel(/更正理由/).fill("年级登记错误");
  await correction.getByRole("button", { name: "提交更正" }).click();
  await toast(phone, "已保存");
  await drawer.getByText(/更正：年级登记错误/).waitFor();
  await phone.keyboard.press("Escape");
}

/** No dialog opening or closing (antd's zoom animation widens the page while it runs). */
const modalSettled = (page: Page) =>
  page.waitForFunction(() => !document.querySelector('[class*="ant-zoom-"], [class*="ant-fade-"]'));

async function aid(phone: Page, desk: Page, photo: string) {
  step("school: an identification with evidence, approved: listed as identified but not aided");
  await phone.goto(`${BASE}/dropout`);
  await phone.getByRole("tab", { name: "资助核查" }).click();
  await phone.getByRole("button", { name: "登记认定" }).click();
  let modal = phone.locator(".ant-modal");
  await modal.getByLabel("学生姓名").fill(`赵小红${tag}`);
  await modal.getByLabel("学籍号").fill(AID_NO);
  await upload(modal, photo);
  await modal.getByRole("button", { name: /提\s*交/ }).click();
  await toast(phone, "已登记");
  await phone.getByRole("button", { name: "认定通过" }).first().click();
  await toast(phone, "已保存");
  const unaided = phone.locator('[data-check="unaided"]');
  await unaided.first().waitFor();
  const masked = `${AID_NO.slice(0, 4)}`;
  check((await unaided.first().textContent())?.includes(masked), "the unaided student is listed (masked)");
  check(!(await phone.content()).includes(AID_NO), "the 学籍号 is masked in the check list");
  await shot(phone, "dropout-aid-check-phone");
  const bureau = await apiGet<{ items: { check: string; studentNo: string }[] }>(
    desk,
    `/api/ledgers/aid-checks?schoolYear=${SCHOOL_YEAR}`,
  );
  check(
    bureau.items.some((i) => i.check === "unaided" && i.studentNo.endsWith(AID_NO.slice(-4))),
    "the bureau's check lists the student",
  );
  const before = await unaided.count();

  step("school: the aid is recorded; the student leaves the list");
  await phone.getByRole("button", { name: "登记发放" }).click();
  modal = phone.locator(".ant-modal");
  await modal.getByLabel("学生姓名").fill(`赵小红${tag}`);
  await modal.getByLabel("学籍号").fill(AID_NO);
  await modal.getByRole("button", { name: /提\s*交/ }).click();
  await toast(phone, "已登记");
  await phone.waitForFunction((n) => document.querySelectorAll('[data-check="unaided"]').length === n - 1, before);

  step("school at 360 px: the payment's mistaken amount corrected with its reason (a new history entry)");
  type Payments = { records: { id: string; version: number; fields: { amount: number; studentNo: string } }[] };
  const paymentsUrl = `/api/ledgers/aid-payments?schoolYear=${SCHOOL_YEAR}`;
  const paid = (await apiGet<Payments>(phone, paymentsUrl)).records.find(
    (r) => r.fields.studentNo === AID_NO || r.fields.studentNo.endsWith(AID_NO.slice(-4)),
  );
  check(paid, "the payment is listed for the school");
  const paymentId = paid.id;
  const payment = phone.locator(`[data-payment="${paymentId}"]`);
  await modalSettled(phone);
  check(await noHorizontalScroll(phone), "the aid lists fit 360 px");
  await payment.getByRole("button", { name: "更正登记" }).click();
  modal = phone.locator(".ant-modal").filter({ hasText: "更正发放登记" });
  await modal.getByLabel("金额（元）").fill("700");
  await modal.getByLabel(/更正理由/).fill("金额按寄宿标准录错");
  await modalSettled(phone);
  // The dialog and every field in it within the screen (the page behind is checked above: with a dialog
  // open, antd's scroll lock pads the body of a long page by the scrollbar's width).
  const outside = await phone.evaluate(
    () =>
      [...document.querySelectorAll<HTMLElement>(".ant-modal, .ant-modal *")].filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
      }).length,
  );
  check(outside === 0, "the correction dialog and its fields fit 360 px");
  await shot(phone, "dropout-aid-correction-phone");
  await modal.getByRole("button", { name: "提交更正" }).click();
  await toast(phone, "已保存");
  await phone.locator(`[data-payment="${paymentId}"]`).filter({ hasText: "700 元" }).waitFor();
  const corrected = (await apiGet<Payments>(phone, paymentsUrl)).records.find((r) => r.id === paymentId);
  check(corrected?.fields.amount === 700 && corrected.version === 2, "the correction is stored as version 2");
}

await scenario("dropout", { viewport: { width: 1280, height: 900 }, timeout: 20_000 }, async ({ page, newPage }) => {
  const desk = page;
  const phone = await newPage({ width: 360, height: 740 });
  const photo = join(workDir("dropout"), "家访.png");
  writeFileSync(photo, evidencePng());
  await setClock(DAY, [desk, phone]);
  await login(desk, "admin");
  await desk.waitForURL((u) => !u.pathname.startsWith("/login"));
  const start = await dashboardActual(desk, "辍学学生数");
  console.log(`  辍学学生数 at the start: ${start}`);

  const caseId = await recordCase(phone);
  const dropped = await dashboardActual(desk, "辍学学生数");
  check(dropped === (start ?? 0) + 1, `the dropout counts on the dashboard (${start} → ${dropped})`);
  await persuade(phone, photo);
  const back = await dashboardActual(desk, "辍学学生数");
  check(back === (start ?? 0), `the return clears it (动态清零: ${dropped} → ${back})`);
  console.log(`  辍学学生数 on the dashboard: ${start} → ${dropped} → ${back}`);
  await rhythm(phone, desk, caseId);
  await desk.goto(`${BASE}/dashboard`);
  await desk.locator("canvas").first().waitFor();
  await shot(desk, "dropout-dashboard");

  await aid(phone, desk, photo);
});
