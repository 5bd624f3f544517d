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
import { createServer } from "node:http";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { apiGet, BASE, check, login, noHorizontalScroll, scenario, shot, step, toast, workDir } from "./helpers";
import { evidencePng } from "./plan-fixture";

const SCHOOL = "青山县城关镇中心小学";
const TOKEN = "e2e-school-robot";
const SECRET = "SECe2e0123456789";
const work = workDir("notices");

interface Hit {
  path: string;
  host: string | undefined;
  query: URLSearchParams;
  body: { msgtype: string; markdown: { title: string; text: string } };
}
const hits: Hit[] = [];

/** The recording robot: answers as DingTalk does, after checking the 加签 signature. */
function startRobot(port: number) {
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://robot");
      const ts = url.searchParams.get("timestamp") ?? "";
      const sign = createHmac("sha256", SECRET).update(`${ts}\n${SECRET}`).digest("base64");
      const signed = url.searchParams.get("sign") === sign;
      hits.push({ path: url.pathname, host: req.headers.host, query: url.searchParams, body: JSON.parse(data) });
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(signed ? '{"errcode":0,"errmsg":"ok"}' : '{"errcode":310000,"errmsg":"sign not match"}');
    });
  });
  return new Promise<typeof server>((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

const waitFor = async (what: () => boolean, label: string, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!what()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

async function configureRobot(page: Page) {
  step("supervisor: configure the school's 钉钉 robot with its signing secret and send a test message");
  await page.goto(`${BASE}/supervision?tab=robots`);
  await page.getByRole("button", { name: "新增机器人" }).click();
  const modal = page.locator(".ant-modal").filter({ hasText: "Webhook 地址" });
  await modal.locator(".ant-form-item", { hasText: "所属单位" }).locator(".ant-select").click();
  await page.keyboard.type("城关镇中心小学");
  await page.locator(`.ant-select-tree-node-content-wrapper[title="${SCHOOL}"]`).click();
  await modal.getByLabel("名称").fill("城关镇中心小学工作群");
  await modal.getByLabel("Webhook 地址").fill(`https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`);
  await modal.getByLabel(/加签密钥/).fill(SECRET);
  await modal.getByRole("button", { name: /提\s*交/ }).click();
  await toast(page, "操作成功");
  const row = page.locator("tr", { hasText: "城关镇中心小学工作群" });
  await row.getByRole("button", { name: "发送测试消息" }).click();
  await toast(page, "测试消息已送达");
  check(hits.length === 1, "the robot got the test message");
  check(hits[0]!.host === "oapi.dingtalk.com" && hits[0]!.query.get("access_token") === TOKEN, "to the saved URL");
  check(hits[0]!.body.markdown.title === "落实系统测试消息", "a DingTalk markdown message");
  await page.locator("tr", { hasText: "测试消息" }).getByText("已送达").waitFor();
  await shot(page, "notices-01-robots");
}

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
  const sign = createHmac("sha256", SECRET)
    .update(`${pushed.query.get("timestamp")}\n${SECRET}`)
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

const robotPort = Number(process.env.LUOSHI_E2E_ROBOT_PORT);
check(robotPort > 0, "run.mjs gives the recording robot's port (LUOSHI_E2E_ROBOT_PORT)");
const robot = await startRobot(robotPort);
try {
  await scenario(
    "notices",
    { viewport: { width: 1366, height: 900 } },
    async ({ page: desk, newPage, pageErrors: errors }) => {
      const phone = await newPage({ width: 360, height: 740 });
      await login(desk, "ducha");
      await desk.waitForURL(/\/dashboard/);
      await configureRobot(desk);
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
