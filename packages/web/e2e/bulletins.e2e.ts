import { apiGet, check, login, noHorizontalScroll, scenario, shot, step, toast } from "./helpers";

interface Summary {
  total: number;
  overdue: number;
  overdueByUnit: { orgName: string; tasks: unknown[] }[];
}

await scenario("bulletins", { viewport: { width: 1280, height: 860 }, timeout: 20000 }, async ({ page }) => {
  step("supervisor: generate last month's bulletin");
  await login(page, "ducha");
  await page.waitForURL(/\/dashboard/);
  await page.goto(`${new URL(page.url()).origin}/supervision`);
  await page.getByRole("tab", { name: "通报" }).click();
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  const first = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  const lastMonth = new Date(first.getTime() - 86_400_000).toISOString().slice(0, 7);
  await page.getByPlaceholder(/周期/).fill(lastMonth);
  await page.getByRole("button", { name: "生成通报" }).click();
  // Rendering the charts and documents takes a while on a loaded machine.
  const notice = page.locator(".ant-message-notice").first();
  await notice.waitFor({ timeout: 120_000 });
  const said = (await notice.textContent()) ?? "";
  check(said.includes("操作成功"), `generated (${said})`);
  await notice.waitFor({ state: "detached", timeout: 30_000 });

  step("the bulletin states the real totals and lists as many overdue tasks as it states, by unit");
  const { bulletins } = await apiGet<{ bulletins: { period: string; summary: Summary }[] }>(
    page,
    "/api/supervision/bulletins",
  );
  const summary = bulletins.find((b) => b.period === lastMonth)!.summary;
  check(summary.total > 0, `the bulletin counts the demo's assignments (${summary.total})`);
  check(summary.overdue > 0, "the demo has overdue tasks last month");
  const row = page.locator("tr", { hasText: lastMonth }).first();
  await row.locator(".ant-table-row-expand-icon").click();
  await page.getByTestId("bulletin-totals").first().waitFor();
  const totals = (await page.getByTestId("bulletin-totals").first().textContent()) ?? "";
  check(totals.includes(`任务${summary.total}项`), `the page states ${summary.total} (${totals})`);
  const listed = await page.getByTestId("bulletin-overdue-task").count();
  const title = (await page.getByTestId("bulletin-overdue-count").first().textContent()) ?? "";
  console.log(`  ${title}; listed ${listed}; units ${summary.overdueByUnit.length}`);
  check(listed === summary.overdue, `listed ${listed} = stated ${summary.overdue}`);
  check(title.includes(`共${summary.overdue}项`), "the heading states the same count");
  check(await noHorizontalScroll(page), "no sideways scrolling");
  await shot(page, "bulletins-01-grouped");

  step("a period with no plan in force is refused with a message");
  await page.getByPlaceholder(/周期/).fill(`${Number(today.slice(0, 4)) - 1}-06`);
  await page.getByRole("button", { name: "生成通报" }).click();
  await toast(page, "没有已发布的工作要点");

  step("evaluation: formula, weights, raw facts, departments and schools apart");
  await page.getByRole("tab", { name: "年度考核" }).click();
  await page.getByText("计分公式").first().waitFor();
  await page
    .getByText(/按时填报率 = 按时报送次数 ÷ 应报次数/)
    .first()
    .waitFor();
  await page
    .getByText(/权重：完成率 40/)
    .first()
    .waitFor();
  for (const label of ["股室", "学校"]) await page.getByRole("heading", { name: label }).waitFor();
  const e = await apiGet<{ groups: { units: { missing: number; timeliness: number | null }[] }[] }>(
    page,
    `/api/supervision/evaluation?year=${today.slice(0, 4)}`,
  );
  const silent = e.groups.flatMap((g) => g.units).filter((u) => u.missing > 0);
  check(
    silent.length > 0 && silent.every((u) => (u.timeliness ?? 0) < 1),
    "a unit with missing reports is not on time",
  );
  await shot(page, "bulletins-02-evaluation");
  console.log("e2e bulletins: all steps passed");
});
