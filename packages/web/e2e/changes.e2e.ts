/**
 * Changes to a published task in a real browser against the real built server: the supervisor
 * opens 调整任务 from the ledger and from task detail, moves the deadline and adds the school as
 * co-unit, confirming what changes and who is told; the school, on a 360 px phone, finds the
 * notification in 消息中心 and the new deadline in 我的任务; the administrator reads the change in
 * the audit trail, in Chinese.
 */
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
} from "./helpers";

const SCHOOL = "青山县城关镇中心小学";

interface Row {
  id: string;
  no: string;
  title: string;
  assignees: { orgName: string; role: string }[];
}

/** A date later in the plan's year than any the demo uses, in the Asia/Shanghai year. */
const year = Number(
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()),
);
const NEW_DUE = `${year}-12-20`;
const NEW_DUE_TEXT = `${year}年12月20日前`;

async function pickTask(page: Page): Promise<{ planId: string; task: Row }> {
  const plans = await apiGet<{ plans: { id: string; status: string }[] }>(page, "/api/plans");
  const planId = plans.plans.find((p) => p.status === "published")!.id;
  const rows = await apiGet<{ tasks: Row[] }>(page, `/api/tasks?planId=${planId}`);
  // A task led by someone, the school not among its units, with a title short enough to search.
  const task = rows.tasks.find(
    (t) => t.assignees.some((a) => a.role === "lead") && !t.assignees.some((a) => a.orgName === SCHOOL),
  );
  check(task, "the demo plan has a task the school does not work on");
  return { planId, task };
}

async function changeTask(page: Page, planId: string, task: Row) {
  step("ledger: 调整任务 opens the change dialog for the row");
  await page.goto(`${BASE}/ledger?planId=${planId}`);
  await page.getByRole("button", { name: `调整任务 ${task.no}`, exact: true }).click();
  const modal = page.getByRole("dialog");
  await modal.getByText(`调整任务：${task.no} ${task.title}`).waitFor();
  await shot(page, "chg-01-ledger-dialog", false);
  await modal.getByRole("button", { name: /取\s*消/ }).click();
  await modal.waitFor({ state: "hidden" });

  step("task detail: the supervisor moves the deadline and adds the school as co-unit");
  await page.goto(`${BASE}/tasks/${task.id}`);
  await page.getByRole("button", { name: "调整任务" }).click();
  await modal.getByText(`调整任务：${task.no} ${task.title}`).waitFor();
  await pickTreeOption(page, "配合单位", "城关镇中心小学", SCHOOL);
  await modal.getByLabel("完成时限").click();
  await modal.getByLabel("完成时限").fill(NEW_DUE);
  await page.keyboard.press("Enter");
  await modal.getByRole("button", { name: "下一步：确认" }).click();

  step("the confirmation shows each change and who will be told, the school marked 新增");
  const confirmation = modal.getByTestId("change-confirmation");
  await confirmation.getByText(NEW_DUE).waitFor();
  await confirmation.getByText("配合单位").waitFor();
  const told = modal.getByTestId("change-notified");
  await told.getByText(`${SCHOOL}（新增）`).waitFor();
  for (const lead of task.assignees.filter((a) => a.role === "lead"))
    await told.getByText(lead.orgName).first().waitFor();
  await shot(page, "chg-02-confirm", false);
  await modal.getByRole("button", { name: "确认调整并通知" }).click();
  await toast(page, "任务已调整，已通知相关单位");
  await page.getByText(NEW_DUE_TEXT).first().waitFor();
  await shot(page, "chg-03-task-after");
}

async function schoolSees(page: Page, task: Row) {
  step("school on a 360 px phone: the notification names the task, 我的任务 shows the new deadline");
  await page.setViewportSize({ width: 360, height: 740 });
  await login(page, "school");
  await page.waitForURL(/\/my-tasks/);
  await page.goto(`${BASE}/notifications`);
  const item = page.locator(".notification-unread", { hasText: `您单位新承担任务“${task.no} ${task.title}”` });
  await item.waitFor();
  await item.getByText("任务调整").waitFor();
  await item.getByText(`完成时限调整为 ${NEW_DUE_TEXT}`).waitFor();
  check(await noHorizontalScroll(page), "the notification centre has no horizontal scroll at 360 px");
  await shot(page, "chg-04-notification-360");
  await item.click();
  await page.waitForURL(/\/my-tasks/);
  await page.getByLabel("搜索任务").fill(task.title.slice(0, 8));
  const card = page.locator(".ant-card", { hasText: task.title }).last();
  await card.getByText(`下一时限：${NEW_DUE}`).waitFor();
  check(await noHorizontalScroll(page), "my tasks has no horizontal scroll at 360 px");
  await shot(page, "chg-05-my-tasks-360");
  await logout(page);
  await page.setViewportSize({ width: 1366, height: 860 });
}

async function auditShows(page: Page, task: Row) {
  step("administrator: the audit trail shows the change in Chinese");
  await login(page, "admin");
  await page.waitForURL(/\/dashboard/);
  await page.goto(`${BASE}/admin`);
  await page.getByRole("tab", { name: "审计记录" }).click();
  await page.getByLabel("按操作筛选").click();
  await page.keyboard.type("分配");
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: /^分配责任单位$/ }).click();
  const panel = page.getByRole("tabpanel", { name: "审计记录" });
  const row = panel.locator("tr.ant-table-row", { hasText: task.title }).first();
  await row.getByText("督查室 王敏").waitFor();
  await row.locator(".ant-table-row-expand-icon").click();
  const changes = panel.locator(".ant-table-expanded-row").first();
  await changes.getByText("完成时限").first().waitFor();
  await changes.getByText(NEW_DUE_TEXT).first().waitFor();
  await changes.getByText("责任单位").first().waitFor();
  await shot(page, "chg-06-audit");
}

await scenario("changes", { viewport: { width: 1366, height: 860 } }, async ({ page }) => {
  await login(page, "ducha");
  await page.waitForURL(/\/dashboard/);
  const { planId, task } = await pickTask(page);
  await changeTask(page, planId, task);
  await logout(page);
  await schoolSees(page, task);
  await auditShows(page, task);
  console.log("e2e changes: all steps passed");
});
