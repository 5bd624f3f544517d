/**
 * The recording 钉钉 robot of the scenarios: run.mjs points the app's robot messages at a local
 * server (LUOSHI_WEBHOOK_TEST_SINK, after the production URL checks); this is that server, answering
 * as DingTalk does after checking the 加签 signature, and the supervisor's steps that configure a
 * school's robot in the app.
 */
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { Page } from "playwright-core";
import { BASE, check, shot, step, toast } from "./helpers";

export const ROBOT_TOKEN = "e2e-school-robot";
export const ROBOT_SECRET = "SECe2e0123456789";

export interface Hit {
  path: string;
  host: string | undefined;
  query: URLSearchParams;
  body: { msgtype: string; markdown: { title: string; text: string } };
}

/** Starts the recording robot on run.mjs's port; `hits` fills as messages arrive. */
export async function startRobot() {
  const port = Number(process.env.LUOSHI_E2E_ROBOT_PORT);
  check(port > 0, "run.mjs gives the recording robot's port (LUOSHI_E2E_ROBOT_PORT)");
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://robot");
      const ts = url.searchParams.get("timestamp") ?? "";
      const sign = createHmac("sha256", ROBOT_SECRET).update(`${ts}\n${ROBOT_SECRET}`).digest("base64");
      const signed = url.searchParams.get("sign") === sign;
      hits.push({ path: url.pathname, host: req.headers.host, query: url.searchParams, body: JSON.parse(data) });
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(signed ? '{"errcode":0,"errmsg":"ok"}' : '{"errcode":310000,"errmsg":"sign not match"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return { hits, close: () => server.close() };
}

export const waitFor = async (what: () => boolean, label: string, ms = 15_000) => {
  const until = Date.now() + ms;
  while (!what()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** A supervisor adds the school's 钉钉 robot with its signing secret and sends a test message. */
export async function configureRobot(page: Page, hits: Hit[], shotName: string) {
  const SCHOOL = "青山县城关镇中心小学";
  step("supervisor: configure the school's 钉钉 robot with its signing secret and send a test message");
  await page.goto(`${BASE}/supervision?tab=robots`);
  await page.getByRole("button", { name: "新增机器人" }).click();
  const modal = page.locator(".ant-modal").filter({ hasText: "Webhook 地址" });
  await modal.locator(".ant-form-item", { hasText: "所属单位" }).locator(".ant-select").click();
  await page.keyboard.type("城关镇中心小学");
  await page.locator(`.ant-select-tree-node-content-wrapper[title="${SCHOOL}"]`).click();
  await modal.getByLabel("名称").fill("城关镇中心小学工作群");
  await modal.getByLabel("Webhook 地址").fill(`https://oapi.dingtalk.com/robot/send?access_token=${ROBOT_TOKEN}`);
  await modal.getByLabel(/加签密钥/).fill(ROBOT_SECRET);
  await modal.getByRole("button", { name: /提\s*交/ }).click();
  await toast(page, "操作成功");
  const before = hits.length;
  const row = page.locator("tr", { hasText: "城关镇中心小学工作群" });
  await row.getByRole("button", { name: "发送测试消息" }).click();
  await toast(page, "测试消息已送达");
  check(hits.length === before + 1, "the robot got the test message");
  const hit = hits.at(-1)!;
  check(hit.host === "oapi.dingtalk.com" && hit.query.get("access_token") === ROBOT_TOKEN, "to the saved URL");
  check(hit.body.markdown.title === "落实系统测试消息", "a DingTalk markdown message");
  await page.locator("tr", { hasText: "测试消息" }).getByText("已送达").waitFor();
  await shot(page, shotName);
}
