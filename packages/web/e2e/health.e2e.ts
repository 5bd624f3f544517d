/**
 * 台账 · 晨午检 end to end against the real built demo server: a 班主任 on a 360 px phone submits the
 * "无异常" zero report for their class in one tap (the class card fits one screen); another 班主任
 * reports three students absent with fever and cough, which opens an outbreak alert with a due time;
 * the school's 疫情报告人 confirms it reported; the bureau (基础教育股) sees today's submissions by
 * school, the class that has not submitted in its list, this month's completeness % and the alert.
 */
import { apiGet, BASE, check, login, noHorizontalScroll, scenario, shot, step, toast } from "./helpers";

const PHONE = { width: 360, height: 740 };

await scenario("health", { viewport: PHONE, timeout: 20000 }, async ({ page: phone, newPage, pageErrors }) => {
  step("班主任 1, 360 px: the class card fits one screen; one tap submits 无异常");
  await login(phone, "banzhuren1");
  await phone.waitForURL((u) => !u.pathname.startsWith("/login"));
  await phone.goto(`${BASE}/health`);
  const card = phone.locator(".class-check", { hasText: "一年级1班" });
  await card.waitFor();
  check((await phone.locator(".class-check").count()) === 1, "a 班主任 sees their own class only");
  const box = await card.boundingBox();
  check(
    box !== null && box.y + box.height <= PHONE.height,
    `the class card fits one screen (bottom ${box?.y}+${box?.height})`,
  );
  check(await noHorizontalScroll(phone), "the class check fits 360 px");
  await shot(phone, "health-class-phone", false);
  await card.getByRole("button", { name: "无异常" }).click();
  await toast(phone, "已报送（无异常）");
  await card.getByText("已报送（无异常）").waitFor();

  step("班主任 2, 360 px: three students absent with fever and cough");
  const phone2 = await newPage(PHONE);
  await login(phone2, "banzhuren2");
  await phone2.waitForURL((u) => !u.pathname.startsWith("/login"));
  await phone2.goto(`${BASE}/health`);
  const card2 = phone2.locator(".class-check", { hasText: "一年级2班" });
  await card2.getByRole("button", { name: "有因病缺课" }).click();
  const students = [
    ["王小明", ["发热", "咳嗽"]],
    ["李华", ["发热", "咳嗽"]],
    ["张三丰", ["发热", "咳嗽"]],
  ] as const;
  for (const [i, [name, symptoms]] of students.entries()) {
    if (i > 0) await card2.getByRole("button", { name: "添加学生" }).click();
    await card2.getByLabel("学生姓名").nth(i).fill(name);
    const row = card2.getByLabel("学生姓名").nth(i).locator("xpath=..");
    for (const s of symptoms) await row.getByText(s, { exact: true }).click();
  }
  check(await noHorizontalScroll(phone2), "the absence form fits 360 px");
  await shot(phone2, "health-absence-phone");
  await card2.getByRole("button", { name: /提\s*交/ }).click();
  await toast(phone2, "已报送（因病缺课3人）");
  await card2.getByText("已报送（因病缺课3人）").waitFor();

  step(
    "the school's 疫情报告人, 360 px: the rule opened an alert with a due time; confirm it reported to 疾控 and the bureau",
  );
  const reporter = await newPage(PHONE);
  await login(reporter, "school");
  await reporter.waitForURL((u) => !u.pathname.startsWith("/login"));
  await reporter.goto(`${BASE}/health`);
  const alert = reporter.locator(".health-alerts .ant-list-item", { hasText: "一年级2班" });
  await alert.getByText("待报告").waitFor();
  await alert.getByText("报告时限").waitFor();
  check(await noHorizontalScroll(reporter), "the alert fits 360 px");
  await alert.getByLabel(/报告情况/).fill("已电话报告县疾控中心（接报人李医生）和县教体局体卫艺股");
  await alert.getByRole("button", { name: "确认已报告" }).click();
  await toast(reporter, "已确认报告疾控和教育局");
  await alert.getByText("已报告", { exact: true }).waitFor();
  await shot(reporter, "health-alert-phone");

  step("bureau: today's submissions by school, the silent class listed, this month's completeness %");
  const desk = await newPage({ width: 1280, height: 860 });
  await login(desk, "jijiao");
  await desk.waitForURL((u) => !u.pathname.startsWith("/login"));
  await desk.goto(`${BASE}/health`);
  const open = desk.locator(".health-unsubmitted");
  await open
    .getByText(/城关镇中心小学 一年级3班/)
    .first()
    .waitFor();
  const month = desk.locator(".health-month");
  await month.getByText("城关镇中心小学").first().waitFor();
  await month
    .getByText(/\d+(\.\d+)?%/)
    .first()
    .waitFor();
  const day = await apiGet<{ schools: { orgName: string; submitted: number; zero: number }[] }>(
    desk,
    "/api/ledgers/returns/day?type=health_check",
  );
  const home = day.schools.find((s) => s.orgName.includes("城关镇中心小学"));
  check(
    home !== undefined && home.submitted >= 2 && home.zero >= 1,
    `the bureau counts both checks (${JSON.stringify(home)})`,
  );
  const board = await apiGet<{ checks: { students: unknown[]; illAbsent: number }[] }>(
    desk,
    "/api/ledgers/health/checks",
  );
  check(
    board.checks.some((c) => c.illAbsent === 3) && board.checks.every((c) => c.students.length === 0),
    "the bureau sees the three absences as counts, without names",
  );
  await desk.locator(".health-alerts", { hasText: "一年级2班" }).getByText("已报告", { exact: true }).waitFor();
  await shot(desk, "health-bureau");
  check(pageErrors.length === 0, `no page errors (${pageErrors.join(" | ")})`);
});
