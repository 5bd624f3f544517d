/**
 * 台账 export, import and the bureau's summary against the real built demo server: the department
 * exports the hazard ledger, imports it back edited (one row new, one row wrong) — the wrong row is
 * listed with its row number and only the valid rows are imported — and opens the summary page
 * with its charts and the risk register.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { BASE, check, login, scenario, shot, step, toast, workDir } from "./helpers";

await scenario("ledgerio", { timeout: 20000 }, async ({ page, pageErrors }) => {
  const dir = workDir("ledgerio");
  step("department: export the hazard ledger");
  await login(page, "jijiao");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.goto(`${BASE}/safety`);
  await page.locator(".ant-list-item").first().waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /导出台账/ }).click(),
  ]);
  const exported = join(dir, "export.xlsx");
  await download.saveAs(exported);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(exported);
  const sheet = book.worksheets[0]!;
  const header = (sheet.getRow(3).values as unknown[]).slice(1).map(String);
  check(header.includes("编号") && header.includes("隐患类别"), `the export has a header row (${header.join(",")})`);
  check(sheet.rowCount >= 5, "the export lists the demo's hazards");

  step("import it back: one row as a new record, one row with an unknown category");
  const category = header.indexOf("隐患类别") + 1;
  sheet.getRow(4).getCell(2).value = null;
  sheet.getRow(4).getCell(header.indexOf("位置") + 1).value = "导入的新位置 e2e";
  // A new record cannot take a masked phone number (the export masks it): leave it empty.
  sheet.getRow(4).getCell(header.indexOf("责任人联系电话") + 1).value = null;
  sheet.getRow(5).getCell(category).value = "不存在的类别";
  const edited = join(dir, "edited.xlsx");
  await book.xlsx.writeFile(edited);
  await page.getByRole("button", { name: /导入台账/ }).click();
  const modal = page.locator(".ant-modal");
  await modal.locator("input[type=file]").setInputFiles(edited);
  const problems = modal.getByTestId("import-problems");
  await problems.waitFor();
  check(await problems.getByText("隐患类别：不是可选的值").isVisible(), "the wrong row's problem is listed");
  check(await problems.locator("td", { hasText: /^5$/ }).first().isVisible(), "with its row number (5)");
  check(await modal.getByRole("button", { name: "全部导入" }).isDisabled(), "importing everything is refused");
  await shot(page, "ledgerio-import-problems");
  await modal.getByRole("button", { name: "仅导入有效行" }).click();
  await toast(page, /已导入：新增 1 条/);
  await page.locator(".ant-list-item", { hasText: "导入的新位置 e2e" }).first().waitFor();

  step("the bureau's summary: figures, charts, risk register");
  await page.getByRole("button", { name: /汇总统计/ }).click();
  await page.waitForURL((u) => u.pathname === "/safety/summary");
  await page.locator(".echart[data-rendered=true]").first().waitFor();
  check(await page.getByText("整改率").first().isVisible(), "the rectification rate is shown");
  check(await page.getByText("风险清单").first().isVisible(), "the risk register is shown");
  await shot(page, "ledgerio-summary");
  check(pageErrors.length === 0, `no page errors (${pageErrors.join("; ")})`);
});
