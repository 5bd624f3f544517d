import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebhookPolicy } from "../reminders/webhook-guard.js";
import { createTestApp, loginAs, multipart, rowCounts, type Session, type TestContext } from "../test/app.js";
import { publishedPlan } from "../test/plans.js";

/** The 督办 loop over HTTP: issue (one or many), unit inbox and robots, reply with evidence, read, escalate, close. */

interface Hit {
  path: string;
  query: URLSearchParams;
  host: string | undefined;
  body: { msgtype: string; markdown: { title?: string; text?: string; content?: string } };
}
const hits: Hit[] = [];
let robot: Server;
let t: TestContext;
let plan: { planId: string; taskIds: string[] };
const s: Record<string, Session> = {};

const waitFor = async (what: () => boolean | Promise<boolean>, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
};

beforeAll(async () => {
  robot = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://x");
      hits.push({ path: url.pathname, query: url.searchParams, host: req.headers.host, body: JSON.parse(data) });
      res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => robot.listen(0, "127.0.0.1", resolve));
  // The sink (LUOSHI_WEBHOOK_TEST_SINK): saved URLs pass the production checks, messages go to the recorder.
  const webhooks: WebhookPolicy = {
    hosts: ["oapi.dingtalk.com", "qyapi.weixin.qq.com"],
    sink: { host: "127.0.0.1", port: (robot.address() as AddressInfo).port },
  };
  t = await createTestApp({ config: { webhooks } });
  plan = await publishedPlan(t.db, t.fixture.a.bureauId);
  const u = t.fixture.a.users;
  for (const role of ["supervisor", "school_reporter", "dept_head", "leader"] as const)
    s[role] = await loginAs(t.app, u[role]);
}, 300_000);
afterAll(async () => {
  await t.close();
  robot.close();
});

const call = (who: string, method: "GET" | "POST", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s[who]!.headers, ...(payload ? { payload } : {}) });

const assignedTask = async (orgId: string) => {
  const a = await t.db
    .selectFrom("assignments")
    .select("task_id")
    .where("org_id", "=", orgId)
    .where("task_id", "in", plan.taskIds)
    .executeTakeFirstOrThrow();
  return a.task_id;
};

describe("督办 loop over HTTP", () => {
  let schoolNotice: string;
  let deptNotice: string;

  it("a batch with one bad row issues nothing", async () => {
    const before = await rowCounts(t.db);
    const res = await call("supervisor", "POST", "/api/supervision/notices/batch", {
      notices: [
        {
          taskId: await assignedTask(t.fixture.a.schoolId),
          orgId: t.fixture.a.schoolId,
          reason: "逾期",
          requirement: "整改",
          replyDue: "2099-01-01",
        },
        {
          taskId: await assignedTask(t.fixture.a.schoolId),
          orgId: t.fixture.b.schoolId,
          reason: "逾期",
          requirement: "整改",
          replyDue: "2099-01-01",
        },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("UNIT_NOT_ASSIGNED");
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("issues two notices at once; each unit has it in its inbox, a badge and its robot's message", async () => {
    const token = "e2etoken";
    const endpoint = await call("supervisor", "POST", "/api/supervision/webhooks", {
      orgId: t.fixture.a.schoolId,
      kind: "dingtalk",
      name: "实验小学钉钉群",
      url: `https://oapi.dingtalk.com/robot/send?access_token=${token}`,
      secret: "SECschool",
      events: ["new_notice"],
    });
    expect(endpoint.statusCode).toBe(201);
    expect(endpoint.json().endpoint).toMatchObject({ hasSecret: true, orgId: t.fixture.a.schoolId });
    expect(endpoint.json().endpoint.secret).toBeUndefined();

    const res = await call("supervisor", "POST", "/api/supervision/notices/batch", {
      notices: [
        {
          taskId: await assignedTask(t.fixture.a.schoolId),
          orgId: t.fixture.a.schoolId,
          reason: "已过完成时限，进度仅30%",
          requirement: "请说明原因，提出整改措施",
          replyDue: "2099-01-01",
        },
        {
          taskId: await assignedTask(t.fixture.a.deptId),
          orgId: t.fixture.a.deptId,
          reason: "上期进度未填报",
          requirement: "请补报进度 @leader_a",
          replyDue: "2099-01-02",
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const [a, b] = res.json().notices;
    expect(a).toMatchObject({ status: "issued", level: 1, orgName: "城关实验小学" });
    // GB/T 9704: 发文字号 without 第 (the bureau profile's default pattern).
    expect(a.docNo).toMatch(/^督办〔\d{4}〕1号$/);
    expect(b.docNo).toMatch(/〕2号$/);
    schoolNotice = a.id;
    deptNotice = b.id;

    const inbox = await call("school_reporter", "GET", "/api/supervision/notices?box=inbox");
    expect(inbox.json().notices.map((n: { id: string }) => n.id)).toEqual([schoolNotice]);
    expect((await call("school_reporter", "GET", "/api/supervision/notifications/unread")).json()).toEqual({
      unread: 1,
      openNotices: 1,
    });
    // Mentioned in the requirement: the bureau leader is told in person.
    const leader = (await call("leader", "GET", "/api/supervision/notifications")).json();
    expect(leader.notifications.map((n: { event: string }) => n.event)).toEqual(["mention"]);
    // The supervisor's own centre holds none of the units' notifications.
    expect((await call("supervisor", "GET", "/api/supervision/notifications")).json().unread).toBe(0);

    await waitFor(() => hits.length === 1);
    const hit = hits[0]!;
    expect(hit.path).toBe("/robot/send");
    expect(hit.host).toBe("oapi.dingtalk.com");
    expect(hit.query.get("access_token")).toBe(token);
    const ts = hit.query.get("timestamp")!;
    expect(hit.query.get("sign")).toBe(createHmac("sha256", "SECschool").update(`${ts}\nSECschool`).digest("base64"));
    expect(hit.body.markdown.title).toBe(`收到${a.docNo}`);
  });

  it("the unit replies with an uploaded file; the supervisor is told and reads reply, evidence and history", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const body = multipart({ name: "整改照片.png", bytes: png, type: "image/png" });
    const up = await t.app.inject({
      method: "POST",
      url: "/api/files",
      headers: { ...s.school_reporter!.headers, ...body.headers },
      payload: body.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().file.id as string;
    const res = await call("school_reporter", "POST", `/api/supervision/notices/${schoolNotice}/replies`, {
      text: "已整改完毕，附现场照片",
      fileIds: [fileId],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().notice.status).toBe("replied");
    expect((await call("school_reporter", "GET", "/api/supervision/notifications/unread")).json().openNotices).toBe(0);

    const centre = (await call("supervisor", "GET", "/api/supervision/notifications")).json();
    expect(centre.unread).toBe(1);
    expect(centre.notifications[0]).toMatchObject({ event: "notice_reply", personal: true, entityId: schoolNotice });
    expect(centre.notifications[0].body).toContain("附证明材料1份");

    const detail = (await call("supervisor", "GET", `/api/supervision/notices/${schoolNotice}`)).json().notice;
    expect(detail.replies).toHaveLength(1);
    expect(detail.replies[0]).toMatchObject({ text: "已整改完毕，附现场照片", repliedByName: "school_reporter_a" });
    expect(detail.replies[0].files).toEqual([
      { id: fileId, filename: "整改照片.png", contentType: "image/png", size: 16 },
    ]);
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual(["issue", "reply"]);
    expect(detail.history[0].actorName).toBe("supervisor_a");
    expect(detail.regionId).toBeUndefined();
    const file = await t.app.inject({ method: "GET", url: `/api/files/${fileId}`, headers: s.supervisor!.headers });
    expect(file.statusCode).toBe(200);
  });

  it("escalation raises the level, tells the unit, its head and the bureau's leaders", async () => {
    const res = await call("supervisor", "POST", `/api/supervision/notices/${deptNotice}/escalate`, {
      note: "逾期未反馈，升级督办",
      replyDue: "2099-02-01",
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().notice).toMatchObject({ status: "escalated", level: 2, replyDue: "2099-02-01" });
    const head = (await call("dept_head", "GET", "/api/supervision/notifications")).json().notifications;
    // The department's own copy and its head's personal one.
    expect(
      head
        .filter((n: { event: string }) => n.event === "notice_escalated")
        .map((n: { personal: boolean }) => n.personal)
        .sort(),
    ).toEqual([false, true]);
    const leader = (await call("leader", "GET", "/api/supervision/notifications")).json().notifications;
    expect(leader.map((n: { event: string }) => n.event)).toEqual(["notice_escalated", "mention"]);
    expect(leader[0].title).toContain("第2级");
  });

  it("办结 tells the unit; a closed notice takes no reply; the task lists its notices", async () => {
    const res = await call("supervisor", "POST", `/api/supervision/notices/${schoolNotice}/close`, {
      note: "整改到位",
    });
    expect(res.json().notice.status).toBe("closed");
    const again = await call("school_reporter", "POST", `/api/supervision/notices/${schoolNotice}/replies`, {
      text: "再补充",
    });
    expect(again.statusCode).toBe(409);
    const unit = (await call("school_reporter", "GET", "/api/supervision/notifications")).json();
    expect(unit.notifications.map((n: { event: string }) => n.event)).toEqual(["notice_closed", "new_notice"]);
    const taskId = await assignedTask(t.fixture.a.schoolId);
    const byTask = (await call("supervisor", "GET", `/api/supervision/notices?taskId=${taskId}`)).json().notices;
    expect(byTask.map((n: { id: string }) => n.id)).toContain(schoolNotice);
    const history = (await call("supervisor", "GET", `/api/supervision/notices/${schoolNotice}`)).json().notice.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["issue", "reply", "close"]);
  });

  it("marks all read", async () => {
    const res = await call("school_reporter", "POST", "/api/supervision/notifications/read", { all: true });
    expect(res.json().updated).toBe(2);
    expect((await call("school_reporter", "GET", "/api/supervision/notifications/unread")).json().unread).toBe(0);
  });

  it("sends a test message now and logs it for admins", async () => {
    const [endpoint] = (await call("supervisor", "GET", "/api/supervision/webhooks")).json().endpoints;
    const before = hits.length;
    const res = await call("supervisor", "POST", `/api/supervision/webhooks/${endpoint.id}/test`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().delivery).toMatchObject({ event: "test", status: "delivered", attempts: 1, gaveUp: false });
    expect(hits.length).toBe(before + 1);
    expect(hits.at(-1)!.body.markdown.title).toBe("落实系统测试消息");
    const log = (await call("supervisor", "GET", "/api/supervision/webhooks/deliveries")).json().deliveries;
    expect(log.map((d: { event: string }) => d.event).sort()).toEqual(["new_notice", "test"]);
    expect(log[0]).toMatchObject({ endpointName: "实验小学钉钉群", orgName: "城关实验小学" });
    // The school may not read the delivery log.
    expect((await call("school_reporter", "GET", "/api/supervision/webhooks/deliveries")).statusCode).toBe(403);
    const rows = await t.db.selectFrom("webhook_deliveries").select("event").execute();
    expect(rows).toHaveLength(2);
  });
});
