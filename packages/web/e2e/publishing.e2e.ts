/**
 * Safe publishing and honest reports in a real browser against the real built server:
 * a supervisor imports a plan with gaps, sees the counts, batch-assigns, publishes with an
 * explicit choice, changes a unit after publishing; a school on a 360 px phone has its untouched
 * form refused, picks the period from the due list, saves, and sees 本月已报; the supervisor
 * then withdraws the plan with a reason and the school no longer sees it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import {
  apiGet,
  BASE,
  check,
  login,
  logout,
  noHorizontalScroll,
  pickTreeOption,
  scenario,
  shot,
  step,
  toast,
  workDir,
} from "./helpers";

const work = workDir("pub");
const year = new Date().getFullYear();
const SCHOOL = "青山县城关镇中心小学";
const T1 = "开展校园读书月活动";
const T2 = "建立师生阅读档案";

/** Two tasks naming no unit (the second no deadline either), one fully stated. */
const planText = `青山县教育和体育局${year}年阅读提升行动方案
一、营造阅读氛围
1.${T1}。每校组织读书月活动不少于1次。（6月底前完成）
2.${T2}。逐步建立电子阅读档案。
二、加强阅读指导
3.开展阅读指导培训。培训教师不少于300人次。（责任单位：基教股）（年底前）
`;

interface Gaps {
  counts: Record<string, number>;
  blocking: number;
  tasks: { taskId: string; no: string; gaps: string[] }[];
}

const pickOrg = (page: Page, label: string, name: string) => pickTreeOption(page, label, name.slice(3, 7), name);

async function assignSelected(page: Page, dueDate?: string) {
  await page.getByRole("button", { name: /批量分配/ }).click();
  await page.getByRole("dialog").waitFor();
  await pickOrg(page, "牵头单位", SCHOOL);
  if (dueDate) {
    await page.getByLabel("完成时限").click();
    await page.getByLabel("完成时限").fill(dueDate);
    await page.keyboard.press("Enter");
  }
  await page
    .locator(".ant-modal-footer")
    .getByRole("button", { name: /批量分配/ })
    .click();
  await toast(page, /已为 1 项任务完成分配/);
}

async function importWithGaps(page: Page): Promise<string> {
  step("import a plan in which two tasks name no unit and one no deadline");
  const file = join(work, `青山县${year}年阅读提升行动方案.txt`);
  writeFileSync(file, planText);
  await page.goto(`${BASE}/plans`);
  await page.locator(".ant-upload-drag input[type=file]").setInputFiles(file);
  await page.waitForURL(/\/plans\/[^/]+\/review/, { timeout: 30000 });
  const planId = page.url().split("/plans/")[1]!.split("/")[0]!;

  step("the review says what is missing, with counts (not 所有责任单位均已匹配)");
  await page.getByTestId("units-unassigned").waitFor();
  check((await page.getByText("所有责任单位均已匹配").count()) === 0, "no false 'all matched'");
  const gaps = page.getByTestId("plan-gaps");
  check((await gaps.locator('[data-gap="unit"]').getAttribute("data-count")) === "2", "2 tasks lack a unit");
  check((await gaps.locator('[data-gap="deadline"]').getAttribute("data-count")) === "1", "1 task lacks a deadline");
  await gaps.getByText("缺责任单位：2 / 3 项").waitFor();
  await shot(page, "pub-01-review-gaps");

  step(`batch-assign ${SCHOOL} as lead unit of task 1`);
  await gaps.locator("tr", { hasText: T1 }).locator(".ant-checkbox-input").check();
  await assignSelected(page);
  await gaps.getByText("缺责任单位：1 / 3 项").waitFor();
  return planId;
}

async function publishWithGaps(page: Page, planId: string) {
  step("publishing with a gap asks for an explicit choice, listing the task");
  await page.getByRole("button", { name: "发布计划" }).click();
  const listed = page.getByTestId("publish-gaps");
  await listed.getByText(T2).waitFor();
  check((await listed.getByText("缺完成时限").count()) === 1, "the confirmation names the missing deadline");
  await shot(page, "pub-02-publish-confirm", false);
  await page.getByRole("button", { name: "仍然发布" }).click();
  await toast(page, /1 项任务待分配/);
  await page.getByText("待分配任务").waitFor();
  const pending = page.getByTestId("plan-gaps");
  await pending.locator("tr", { hasText: T2 }).waitFor();
  await shot(page, "pub-03-pending-list");

  step("after publishing: assign the pending task's unit and deadline");
  await pending.locator("tr", { hasText: T2 }).locator(".ant-checkbox-input").check();
  await assignSelected(page, `${year}-11-30`);
  await pending.getByText("所有任务均已明确责任单位和完成时限").waitFor();
  const after = await apiGet<Gaps>(page, `/api/plans/${planId}/gaps`);
  check(after.blocking === 0, "no task waits for a unit or a deadline");

  step("after publishing: change task 1's lead unit through 调整分工/时限");
  await page.getByLabel("任务", { exact: true }).click();
  await page.locator(".ant-select-item-option", { hasText: T1 }).click();
  await page.getByRole("button", { name: "调整分工/时限" }).click();
  await pickOrg(page, "牵头单位", SCHOOL);
  await pickOrg(page, "配合单位", "教学研究室");
  await page
    .locator(".ant-modal-footer")
    .getByRole("button", { name: /批量分配/ })
    .click();
  await toast(page, /已为 1 项任务完成分配/);
  await shot(page, "pub-04-edited-after-publishing");
}

async function reportOnPhone(page: Page, planId: string) {
  step("school on a 360 px phone: the new tasks show 本月未报");
  await page.setViewportSize({ width: 360, height: 740 });
  await login(page, "school");
  await page.waitForURL(/\/my-tasks/);
  await page.getByLabel("搜索任务").fill("读书月");
  const card = page.locator(`section[data-plan-id="${planId}"] .ant-card`, { hasText: T1 });
  await card.locator('[data-reported="false"]').waitFor();
  check(await noHorizontalScroll(page), "my tasks has no horizontal scroll at 360 px");
  await shot(page, "pub-05-my-tasks-360");

  step("the untouched form is refused");
  await card.getByRole("button", { name: "填报进度" }).click();
  const drawer = page.locator(".ant-drawer-section");
  await drawer.getByRole("button", { name: /提\s*交/ }).click();
  await drawer.getByText("请填写进展情况").waitFor();
  check(await noHorizontalScroll(page, "drawer"), "the progress form has no horizontal scroll at 360 px");
  await shot(page, "pub-06-untouched-refused-360", false);

  step("the period is picked from the due list (no future period), then the report is saved");
  const thisMonth = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit" })
    .format(new Date())
    .slice(0, 7);
  await drawer.getByLabel("填报周期").click();
  const options = page.locator(".ant-select-dropdown [data-period]");
  await options.first().waitFor();
  const offered = await options.evaluateAll((els) => els.map((e) => e.getAttribute("data-period") ?? ""));
  check(offered.length > 0 && offered.every((p) => p <= thisMonth), `only due periods offered: ${offered.join(",")}`);
  await page.locator(`.ant-select-dropdown [data-period="${thisMonth}"]`).click();
  await drawer.getByRole("spinbutton", { name: "完成比例" }).fill("40");
  await drawer.getByLabel("进展情况").fill("已制定读书月方案，完成两个年级的启动仪式。");
  await shot(page, "pub-07-progress-form-360", false);
  await drawer.getByRole("button", { name: /提\s*交/ }).click();
  await toast(page, "进度已提交");
  await card.locator('[data-reported="true"]').waitFor();
  await card.getByText("本月已报").waitFor();
  await shot(page, "pub-08-reported-360");
  await logout(page);
  await page.setViewportSize({ width: 1366, height: 860 });
}

async function withdraw(page: Page, planId: string) {
  step("the supervisor withdraws the plan with a reason");
  await login(page, "ducha");
  await page.waitForURL(/\/dashboard/);
  await page.goto(`${BASE}/plans/${planId}/review`);
  await page.getByRole("button", { name: "撤回计划" }).click();
  const modal = page.getByRole("dialog");
  await modal.locator(".ant-modal-footer").getByRole("button", { name: "撤回计划" }).click();
  await modal.getByText("请填写撤回原因").waitFor();
  await modal.getByLabel("撤回原因").fill("按县政府新文件调整后重新印发");
  await modal.locator(".ant-modal-footer").getByRole("button", { name: "撤回计划" }).click();
  await toast(page, "计划已撤回");
  await page.getByText("原因：按县政府新文件调整后重新印发").waitFor();
  await shot(page, "pub-09-withdrawn");
  await logout(page);

  step("the school no longer sees the withdrawn plan's tasks");
  await login(page, "school");
  await page.waitForURL(/\/my-tasks/);
  const mine = await apiGet<{ tasks: { planId: string }[] }>(page, "/api/tasks/mine");
  check(!mine.tasks.some((t) => t.planId === planId), "withdrawn tasks are gone from my tasks");
}

await scenario("publishing", { viewport: { width: 1366, height: 860 } }, async ({ page }) => {
  await login(page, "ducha");
  await page.waitForURL(/\/dashboard/);
  const planId = await importWithGaps(page);
  await publishWithGaps(page, planId);
  await logout(page);
  await reportOnPhone(page, planId);
  await withdraw(page, planId);
  console.log("e2e publishing: all steps passed");
});
