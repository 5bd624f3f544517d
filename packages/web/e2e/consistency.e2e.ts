/**
 * One status engine, seen in a browser: on a fresh demo server, before anyone pressed
 * 立即计算状态, the warnings board, the dashboard and my tasks show the same overdue count.
 */
import type { Page } from "playwright-core";
import { apiGet, check, login, logout, scenario, shot, step } from "./helpers";

/** The number in a statistic card or a line marked with this test id. */
async function countIn(page: Page, testId: string): Promise<number> {
  const box = page.getByTestId(testId);
  await box.waitFor();
  const text = ((await box.textContent()) ?? "").replace(/,/g, "");
  const n = text.match(/\d+/)?.[0];
  check(n !== undefined, `a number in ${testId} (${text})`);
  return Number(n);
}

async function boardOverdue(page: Page): Promise<number> {
  await page.goto(`${new URL(page.url()).origin}/supervision`);
  return countIn(page, "board-tasks-overdue");
}

await scenario("consistency", { viewport: { width: 1280, height: 860 } }, async ({ page }) => {
  step("admin: the dashboard's overdue count on first load");
  await login(page, "admin");
  await page.waitForURL(/\/dashboard/);
  const dashboard = await countIn(page, "dashboard-overdue");
  await shot(page, "consistency-01-dashboard");

  step("the warnings board counts the same overdue tasks (no manual run)");
  const board = await boardOverdue(page);
  await shot(page, "consistency-02-board");

  step("my tasks: the same overdue tasks");
  await page.goto(`${new URL(page.url()).origin}/my-tasks`);
  const mine = await countIn(page, "my-overdue");
  const cards = await page.locator("[data-task-id]").count();
  await shot(page, "consistency-03-my-tasks");

  const api = await apiGet<{ totals: { overdue: number } }>(page, "/api/dashboard");
  console.log(
    `  overdue: dashboard ${dashboard}, board ${board}, my tasks ${mine} (of ${cards}), API ${api.totals.overdue}`,
  );
  check(dashboard > 0, "the demo has overdue tasks");
  check(board === dashboard, `board ${board} = dashboard ${dashboard}`);
  check(mine === dashboard, `my tasks ${mine} = dashboard ${dashboard}`);
  check(api.totals.overdue === dashboard, "the page shows the API's count");
  await logout(page);

  step("the supervisor's dashboard and board agree as well");
  await login(page, "ducha");
  await page.waitForURL(/\/dashboard/);
  const dashboard2 = await countIn(page, "dashboard-overdue");
  const board2 = await boardOverdue(page);
  check(dashboard2 === dashboard && board2 === dashboard, `supervisor: ${dashboard2} / ${board2}`);
  console.log("e2e consistency: all steps passed");
});
