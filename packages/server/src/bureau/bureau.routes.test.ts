import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, rowCounts, type Session, type TestContext } from "../test/app.js";

let t: TestContext;
let admin: Session;
let supervisor: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, t.fixture.a.users.admin);
  supervisor = await loginAs(t.app, t.fixture.a.users.supervisor);
}, 60_000);
afterAll(() => t.close());

const profile = {
  fullName: "城关县教育和体育局",
  shortName: "城关县教体局",
  mark: "城关县教育和体育局文件",
  noticeNumberPattern: "城教体督〔{year}〕{n}号",
  bulletinNumberPattern: "城教体通〔{year}〕{n}号",
  signature: "城关县教育和体育局",
  contactLine: "联系人：督导室 王老师，电话：0000-1234567",
};

describe("bureau profile (系统管理 › 公文设置)", () => {
  it("a region without a profile shows defaults drawn from its name", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/bureau-profile", headers: supervisor.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.saved).toBe(false);
    expect(body.profile).toMatchObject({ fullName: "城关县教育和体育局", mark: "城关县教育和体育局文件" });
    expect(body.next.notice).toMatch(/^督办〔\d{4}〕1号$/);
  });

  it("only an admin saves it; the change is audited with before and after", async () => {
    const denied = await t.app.inject({
      method: "PUT",
      url: "/api/bureau-profile",
      headers: supervisor.headers,
      payload: profile,
    });
    expect(denied.statusCode).toBe(403);
    const res = await t.app.inject({
      method: "PUT",
      url: "/api/bureau-profile",
      headers: admin.headers,
      payload: profile,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ saved: true, profile });
    expect(res.json().next.bulletin).toMatch(/^城教体通〔\d{4}〕1号$/);
    const again = await t.app.inject({
      method: "PUT",
      url: "/api/bureau-profile",
      headers: admin.headers,
      payload: { ...profile, contactLine: "" },
    });
    expect(again.json().profile.contactLine).toBe("");
    // The 版记 fields are optional: absent, they are empty (no 抄送 line; the 全称 as 印发机关).
    expect(again.json().profile).toMatchObject({ ccLine: "", printingOffice: "" });
    const colophon = await t.app.inject({
      method: "PUT",
      url: "/api/bureau-profile",
      headers: admin.headers,
      payload: { ...profile, ccLine: " 县委教育工委，县政府督查室 ", printingOffice: "城关县教育和体育局办公室" },
    });
    expect(colophon.json().profile).toMatchObject({
      ccLine: "县委教育工委，县政府督查室",
      printingOffice: "城关县教育和体育局办公室",
    });
    const read = await t.app.inject({ method: "GET", url: "/api/bureau-profile", headers: admin.headers });
    expect(read.json().profile.ccLine).toBe("县委教育工委，县政府督查室");
    const events = await t.db
      .selectFrom("audit_events")
      .select(["action", "before", "after"])
      .where("entity", "=", "bureau_profile")
      .orderBy("at")
      .execute();
    expect(events.map((e) => e.action)).toEqual(["create", "update", "update"]);
    expect(JSON.stringify(events[1]!.before)).toContain("督导室 王老师");
    expect(JSON.stringify(events[2]!.after)).toContain("县委教育工委，县政府督查室");
  });

  it("refuses a number pattern without the year in 六角括号 or with 第, and changes nothing", async () => {
    const before = await rowCounts(t.db);
    for (const bad of [
      "城教体督[{year}]{n}号",
      "城教体督〔{year}〕第{n}号",
      "城教体督〔{year}〕号",
      "城教体督〔{year}〕{n}{x}号",
    ]) {
      const res = await t.app.inject({
        method: "PUT",
        url: "/api/bureau-profile",
        headers: admin.headers,
        payload: { ...profile, noticeNumberPattern: bad },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("DOC_NUMBER_PATTERN_INVALID");
      expect(res.json().error.message).toContain("发文字号格式不正确");
    }
    const blank = await t.app.inject({
      method: "PUT",
      url: "/api/bureau-profile",
      headers: admin.headers,
      payload: { ...profile, mark: "   " },
    });
    expect(blank.json().error.code).toBe("BUREAU_FIELD_EMPTY");
    expect(await rowCounts(t.db)).toEqual(before);
    const res = await t.app.inject({ method: "GET", url: "/api/bureau-profile", headers: admin.headers });
    expect(res.json().profile.noticeNumberPattern).toBe(profile.noticeNumberPattern);
  });
});
