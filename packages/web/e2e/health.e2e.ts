/**
 * 台账 · 晨午检 end to end against the real built demo server: a 班主任 on a 360 px phone submits the
 * "无异常" zero report for their class in one tap (the class card fits one screen); another 班主任
 * reports three students absent with fever and cough, which opens an outbreak alert with a due time;
 * the school's 疫情报告人 confirms it reported; the bureau (基础教育股) sees today's submissions by
 * school with the absences by symptom, and on clicking the school the class that has not submitted,
 * this month's completeness % and the alert, and this month's cases by symptom and by diagnosis as
 * charts and in the downloaded workbook. Once the day's cut-offs have passed, the silent classes
 * are chased: the 班主任 whose 午检 is missing gets a reminder and the school's 钉钉 robot (a local
 * recording server) a digest naming the class.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { apiGet, BASE, check, login, noHorizontalScroll, scenario, setClock, shot, step, toast } from "./helpers";
import { configureRobot, startRobot, waitFor } from "./robot";

const PHONE = { width: 360, height: 740 };

const robot = await startRobot();
const { hits } = robot;
/** Today in Shanghai, the day the checks are made on (the server's clock is real until set). */
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

try {
  await scenario("health", { viewport: PHONE, timeout: 20000 }, async ({ page: phone, newPage, pageErrors }) => {
    step("班主任 1, 360 px: the class card fits one screen; one tap submits 无异常");
    // The checks are made in the morning: the card offers the slot of the hour (晨检 before noon,
    // 午检 after), and the chase below expects 一年级1班's 午检 missing, whenever the run starts.
    await setClock(`${today}T08:30:00+08:00`, [phone]);
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
    // The school summary of the round, built from the class checks, submitted with one tap.
    await reporter.locator(".school-summary").getByRole("button", { name: "提交学校汇总" }).click();
    await toast(reporter, "已提交学校汇总");

    step("班主任 2, 360 px: registers 王小明 absent for illness and asks for 复课 once he is back");
    await phone2.getByRole("tab", { name: "因病缺课追踪" }).click();
    await phone2.getByRole("button", { name: "登记因病缺课" }).click();
    const register = phone2.locator(".ant-modal", { hasText: "登记因病缺课" });
    await register.getByLabel("学生姓名").fill("王小明");
    for (const s of ["发热", "咳嗽"]) await register.getByText(s, { exact: true }).click();
    check(await noHorizontalScroll(phone2), "the registration fits 360 px");
    await register.getByRole("button", { name: /提\s*交/ }).click();
    await toast(phone2, "已保存");
    const ill = phone2.locator(".illness-case", { hasText: "一年级2班" });
    await ill.getByText("因病缺课", { exact: true }).waitFor();
    await ill.getByRole("button", { name: "申请复课" }).click();
    const resume = phone2.locator(".ant-modal", { hasText: "复课日期" });
    await resume.locator(".ant-select").last().click();
    await phone2.keyboard.type("非传染");
    await phone2.locator(".ant-select-item-option", { hasText: "非传染性疾病" }).click();
    await resume.getByRole("button", { name: /提\s*交/ }).click();
    await toast(phone2, "已保存");
    await ill.getByText("待查验复课证明").waitFor();
    check(
      (await ill.getByRole("button", { name: "查验通过并复课" }).count()) === 0,
      "a 班主任 cannot check 复课 alone",
    );
    await shot(phone2, "health-case-phone");

    step("the school's 疫情报告人, 360 px: checks the 复课 and lets the student back");
    await reporter.getByRole("tab", { name: "因病缺课追踪" }).click();
    const pending = reporter.locator(".illness-case", { hasText: "一年级2班" });
    await pending.getByRole("button", { name: "查验通过并复课" }).click();
    await reporter
      .locator(".ant-modal", { hasText: "查验意见" })
      .getByRole("button", { name: /提\s*交/ })
      .click();
    await toast(reporter, "已保存");
    await pending.getByText("已复课").waitFor();
    check(await noHorizontalScroll(reporter), "the cases fit 360 px");

    step("bureau: today's submissions by school, the silent class listed, this month's completeness %");
    const desk = await newPage({ width: 1280, height: 860 });
    await login(desk, "jijiao");
    await desk.waitForURL((u) => !u.pathname.startsWith("/login"));
    await desk.goto(`${BASE}/health`);
    // The county's day is counts per school (with illness absences by symptom); a click shows one school's classes.
    const row = desk.locator(".health-day-schools tr", { hasText: "城关镇中心小学" }).first();
    await row.getByText(/发热\d+/).waitFor();
    await row.getByText("城关镇中心小学").click();
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
    await desk.locator(".health-summaries").getByText("城关镇中心小学").first().waitFor();
    await desk.locator(".health-cases").getByText("城关镇中心小学").first().waitFor();
    const cases = await apiGet<{ cases: unknown[]; schools: { orgName: string; resumed: number }[] }>(
      desk,
      "/api/ledgers/health/cases",
    );
    check(
      cases.cases.length === 0 && cases.schools.some((s) => s.orgName.includes("城关镇中心小学") && s.resumed >= 1),
      "the bureau counts the case to 复课, without names",
    );
    // The region's outbreak thresholds: the national values in force.
    await desk.locator(".health-rules").getByText("2006-65/1").first().waitFor();
    // Cases over time, this month so far: absences by symptom and cases by diagnosis, drawn and totalled.
    const trends = desk.locator(".health-trends");
    await trends.locator(".health-trend-symptoms .echart[data-rendered='true']").waitFor();
    await trends
      .locator(".health-trend-symptoms .health-trend-totals")
      .getByText(/发热 \d+/)
      .waitFor();
    await trends.locator(".health-trend-diagnoses .echart[data-rendered='true']").waitFor();
    await trends
      .locator(".health-trend-diagnoses .health-trend-totals")
      .getByText(/非传染性疾病 \d+/)
      .waitFor();
    const monthStart = `${today.slice(0, 8)}01`;
    const series = await apiGet<{ days: string[]; cases: number[]; diagnoses: { key: string; counts: number[] }[] }>(
      desk,
      `/api/ledgers/health/trends?from=${monthStart}&to=${today}`,
    );
    const todayCases = series.diagnoses.find((d) => d.key === "non_infectious")?.counts.at(-1) ?? 0;
    check(
      series.days.at(-1) === today && todayCases >= 1,
      `王小明's case counted today as 非传染性疾病 (${todayCases})`,
    );
    // The day and the range's absences by symptom and cases by diagnosis as a workbook.
    const [download] = await Promise.all([
      desk.waitForEvent("download"),
      trends.getByRole("link", { name: /导出Excel/ }).click(),
    ]);
    check(download.suggestedFilename().endsWith(".xlsx"), `the export is a workbook (${download.suggestedFilename()})`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("按日病种");
    const values = sheet ? Array.from(sheet.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : [])) : [];
    const column = values[3]?.indexOf("非传染性疾病") ?? -1;
    const exported = values.find((r) => r[0] === today)?.[column];
    check(
      column > 0 && exported === todayCases,
      `the workbook's 按日病种 gives today's 非传染性疾病 as the chart does (${exported} = ${todayCases})`,
    );
    await shot(desk, "health-bureau");

    const supervisor = await newPage({ width: 1280, height: 860 });
    await login(supervisor, "ducha");
    await supervisor.waitForURL((u) => !u.pathname.startsWith("/login"));
    await configureRobot(supervisor, hits, "health-robot");
    const configured = hits.length;

    step("the day's cut-offs pass: the bureau chases the silent classes; 班主任 1 and the school's robot hear of it");
    await setClock(`${today}T23:50:00+08:00`, [phone, desk, supervisor]);
    await desk.goto(`${BASE}/health`);
    await desk.getByRole("button", { name: "立即催报" }).click();
    await toast(desk, /已催报 \d+ 条/);
    // (The server's own chase at a cut-off would have sent the same digest once: either answers.)
    const digestOf = () => hits.slice(configured).find((h) => h.body.markdown.title.includes("未报送"));
    await waitFor(() => digestOf() !== undefined, "the school robot's digest of missing checks");
    const digest = digestOf()!;
    check(
      /一年级1班 \S+ 午检未报送/.test(digest.body.markdown.text),
      `the digest names 一年级1班's missing 午检 (${digest.body.markdown.text.slice(0, 200)})`,
    );
    await phone.goto(`${BASE}/notifications`);
    await phone
      .getByText(/一年级1班 \S+ 午检未报送/)
      .first()
      .waitFor();
    check(await noHorizontalScroll(phone), "the reminder fits 360 px");
    await shot(phone, "health-chased-phone");
    check(pageErrors.length === 0, `no page errors (${pageErrors.join(" | ")})`);
  });
} finally {
  robot.close();
}
