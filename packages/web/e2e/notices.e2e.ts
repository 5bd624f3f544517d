/**
 * 督办 end to end across two roles, in a real browser against the real built server:
 * the supervisor configures the school's 钉钉 robot (test message), issues 督办单 from two
 * selected warnings on the board; the school, on a 360 px phone, sees the badge and the
 * notification, opens the notice and replies with an uploaded photo; the supervisor reads the
 * reply and its evidence, escalates (the level goes up), then closes it; the history shows on the
 * notice and on the task; the ledger issues too. Robot messages go to a local recording server
 * (LUOSHI_WEBHOOK_TEST_SINK, set by run.mjs) after passing the production URL checks.
 */
import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { apiGet, BASE, check, login, noHorizontalScroll, scenario, shot, step, toast, workDir } from "./helpers";
import { evidencePng } from "./plan-fixture";
import { configureRobot, ROBOT_SECRET, startRobot, waitFor } from "./robot";

const SCHOOL = "青山县城关镇中心小学";
const work = workDir("notices");

/** The board's rows in the order the page shows them (red, yellow, green, done; server order within). */
async function boardPageOf(page: Page, orgName: string) {
  const { items } = await apiGet<{ items: { orgName: string | null; status: string; taskId: string }[] }>(
    page,
    "/api/supervision/status",
  );
  const order = ["overdue", "warning", "normal", "done"];
  const sorted = [...items].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  const index = sorted.findIndex((r) => r.orgName === orgName && (r.status === "overdue" || r.status === "warning"));
  check(index >= 0, `the board has a warning for ${orgName}`);
  return { page: Math.floor(index / 10) + 1, row: sorted[index]! };
}

async function issueFromBoard(page: Page): Promise<{ taskId: string }> {
  step("supervisor: select two warnings on the board and issue 督办单 prefilled from them");
  await page.goto(`${BASE}/supervision?tab=board`);
  const target = await boardPageOf(page, SCHOOL);
  const table = page.locator(".ant-table").last();
  await table.locator("tbody tr").first().waitFor();
  if (target.page > 1) await page.locator(`.ant-pagination-item-${target.page}`).click();
  const schoolRow = table
    .locator("tbody tr", { hasText: SCHOOL })
    .filter({ hasText: /逾期|预警/ })
    .first();
  await schoolRow.locator("input[type=checkbox]").check();
  const other = table
    .locator("tbody tr")
    .filter({ hasNotText: SCHOOL })
    .filter({ has: page.locator("input[type=checkbox]:not([disabled])") })
    .first();
  await other.locator("input[type=checkbox]").check();
  await page.getByRole("button", { name: "签发督办单（2）" }).click();
  const modal = page.locator(".ant-modal").filter({ hasText: "督办事由" });
  await modal.locator(".ant-card").nth(1).waitFor();
  const reasons = await modal
    .locator("textarea")
    .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
  check(reasons.filter((r) => r.length > 10).length === 4, "reason and requirement are prefilled for both");
  check(/逾期|预警/.test(reasons[0]! + reasons[2]!), "the reason names the warning's level");
  await shot(page, "notices-02-issue-modal", false);
  const before = hits.length;
  await modal.getByRole("button", { name: "签发督办单" }).click();
  await toast(page, "已签发2份督办单");
  await waitFor(() => hits.length > before, "the school robot's new-notice message");
  const pushed = hits.at(-1)!;
  check(/^收到\S*〔\d{4}〕\d+号$/.test(pushed.body.markdown.title), "the robot message names the notice");
  const sign = createHmac("sha256", ROBOT_SECRET)
    .update(`${pushed.query.get("timestamp")}\n${ROBOT_SECRET}`)
    .digest("base64");
  check(pushed.query.get("sign") === sign, "the message is signed with the robot's secret");
  await page.goto(`${BASE}/supervision?tab=outbox`);
  await page.locator(".notice-card").nth(1).waitFor();
  await shot(page, "notices-03-outbox");
  return { taskId: target.row.taskId };
}

async function schoolReplies(phone: Page) {
  step("school on a 360 px phone: badge, notification, open the notice, reply with an uploaded photo");
  await login(phone, "school");
  await phone.waitForURL(/\/my-tasks/);
  const bell = phone.getByRole("button", { name: /消息中心（\d+条未读）/ });
  await bell.waitFor();
  check(await noHorizontalScroll(phone), "my tasks with the badges has no horizontal scroll at 360 px");
  await shot(phone, "notices-04-phone-badge", false);
  await bell.click();
  await phone.waitForURL(/\/notifications/);
  const item = phone.locator(".notification-unread", { hasText: /收到\S*〔\d{4}〕\d+号/ }).first();
  await item.waitFor();
  check(await noHorizontalScroll(phone), "the notification centre has no horizontal scroll at 360 px");
  await shot(phone, "notices-05-phone-notifications");
  await item.click();
  await phone.waitForURL(/tab=inbox&notice=/);
  const drawer = phone.locator(".ant-drawer-section");
  await drawer.getByText("办理要求").waitFor();
  await drawer.getByRole("button", { name: /^反\s*馈$/ }).click();
  await drawer.getByLabel("办理情况").fill("已召开专题会议，制定整改方案，本月底前完成。");
  const png = join(work, "整改现场照片.png");
  writeFileSync(png, evidencePng());
  await drawer.locator("input[type=file]").setInputFiles(png);
  await drawer.locator(".ant-upload-list-item", { hasText: "整改现场照片.png" }).waitFor();
  await drawer.locator(".ant-upload-list-item-uploading").waitFor({ state: "detached" });
  check(await noHorizontalScroll(phone, "drawer"), "the notice and reply form have no horizontal scroll at 360 px");
  await shot(phone, "notices-06-phone-reply-form", false);
  await drawer.getByRole("button", { name: /提\s*交/ }).click();
  await drawer.locator(".notice-reply", { hasText: "已召开专题会议" }).waitFor();
  await drawer.getByText("已反馈", { exact: true }).first().waitFor();
  await shot(phone, "notices-07-phone-replied", false);
}

async function supervisorCloses(page: Page, taskId: string) {
  step("supervisor: the reply arrives as a notification; read it and its evidence, escalate, then 办结");
  await page.goto(`${BASE}/notifications`);
  const item = page.locator(".notification-unread", { hasText: "已反馈" }).first();
  await item.waitFor();
  await item.click();
  await page.waitForURL(/tab=outbox&notice=/);
  const drawer = page.locator(".ant-drawer-section");
  await drawer.locator(".notice-reply", { hasText: "已召开专题会议" }).waitFor();
  const link = drawer.getByRole("link", { name: /整改现场照片\.png/ });
  await link.waitFor();
  const href = (await link.getAttribute("href")) ?? "";
  const status = await page.evaluate(async (u) => (await fetch(u)).status, href);
  check(status === 200, "the supervisor can open the reply's evidence");
  await shot(page, "notices-08-read-reply", false);

  const before = hits.length;
  await drawer.getByRole("button", { name: "升级督办" }).click();
  await drawer.getByLabel("升级说明").fill("整改进度仍滞后，请主要负责人亲自督办。");
  await drawer.locator("form").getByRole("button", { name: "升级督办" }).click();
  await drawer.getByText("第2级（升级督办）").first().waitFor();
  await waitFor(() => hits.length > before, "the robot's escalation message");
  check(hits.at(-1)!.body.markdown.title.includes("已升级督办"), "the robot hears of the escalation");

  await drawer.getByRole("button", { name: /^办\s*结$/ }).click();
  await drawer.getByLabel("办结意见").fill("整改到位，同意办结。");
  await drawer
    .locator("form")
    .getByRole("button", { name: /^办\s*结$/ })
    .click();
  await drawer.getByText("已办结", { exact: true }).first().waitFor();
  for (const action of ["签发", "反馈", "升级督办", "办结"])
    await drawer.locator(".ant-timeline").getByText(action, { exact: true }).first().waitFor();
  await shot(page, "notices-09-closed-history", false);

  step("the notice and its history on the task");
  await page.goto(`${BASE}/tasks/${taskId}`);
  const card = page.locator(".ant-card", { hasText: "督办记录" });
  await card.locator(".notice-card", { hasText: "已办结" }).first().waitFor();
  await card.locator(".notice-card", { hasText: "已办结" }).first().click();
  await page.locator(".ant-drawer-section .ant-timeline").getByText("办结", { exact: true }).waitFor();
  await shot(page, "notices-10-task-history", false);
}

async function schoolSeesClosed(phone: Page) {
  step("school: told of the 办结; nothing waits in its inbox");
  await phone.goto(`${BASE}/notifications`);
  await phone.locator(".notification-unread", { hasText: "已办结" }).first().waitFor();
  const counts = await apiGet<{ unread: number; openNotices: number }>(phone, "/api/supervision/notifications/unread");
  check(counts.openNotices === 0, "no notice waits for the school after its reply");
  await phone.getByRole("button", { name: "全部已读" }).click();
  await phone.getByRole("button", { name: "消息中心" }).waitFor();
  await shot(phone, "notices-11-phone-all-read");
}

async function ledgerIssue(page: Page) {
  step("supervisor: the ledger issues 督办单 too, prefilled");
  await page.goto(`${BASE}/ledger`);
  await page.getByRole("grid").waitFor();
  await page.getByRole("button", { name: "签发督办单" }).first().click();
  const modal = page.locator(".ant-modal").filter({ hasText: "督办事由" });
  const reason = await modal.locator("textarea").first().inputValue();
  check(reason.length > 5, "the ledger's notice is prefilled");
  await shot(page, "notices-12-ledger-issue", false);
  await modal.getByRole("button", { name: /取\s*消/ }).click();
}

const robot = await startRobot();
const { hits } = robot;
try {
  await scenario(
    "notices",
    { viewport: { width: 1366, height: 900 } },
    async ({ page: desk, newPage, pageErrors: errors }) => {
      const phone = await newPage({ width: 360, height: 740 });
      await login(desk, "ducha");
      await desk.waitForURL(/\/dashboard/);
      await configureRobot(desk, hits, "notices-01-robots");
      const { taskId } = await issueFromBoard(desk);
      await schoolReplies(phone);
      await supervisorCloses(desk, taskId);
      await schoolSeesClosed(phone);
      await ledgerIssue(desk);
      check(errors.length === 0, `no uncaught page errors: ${errors.join("; ")}`);
      console.log(`e2e notices: all steps passed; the robot received ${hits.length} messages, all signed`);
    },
  );
} finally {
  robot.close();
}
