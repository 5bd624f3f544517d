/**
 * The administrator at 1366 px: imports accounts from an Excel sheet (a bad sheet is refused with
 * its row numbers, the fixed one imported, generated passwords shown once), edits and disables an
 * account, reads the audit trail in Chinese, filtered, then exports it, and backs up the running
 * server: the backup is test-restored and listed with its counts, and a copy altered on the server's
 * disk fails its re-verification.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { apiGet, BASE, check, login, scenario, shot, step, toast, workDir } from "./helpers";

const work = workDir("admin");

async function sheet(name: string, rows: string[][]): Promise<string> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("用户");
  ws.addRow(["用户名", "姓名", "单位", "角色", "初始密码"]);
  for (const r of rows) ws.addRow(r);
  const file = join(work, name);
  writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
  return file;
}

/** The users tab (a closed dialog's table stays in the page, hidden). */
const usersTab = (page: Page) => page.getByRole("tabpanel", { name: "用户与角色" });

async function importUsers(page: Page) {
  step("admin imports accounts: a bad sheet is refused row by row, the fixed one is imported");
  await page.goto(`${BASE}/admin`);
  await page.getByRole("tab", { name: "用户与角色" }).click();
  await page.getByRole("button", { name: "批量导入" }).click();
  const bad = await sheet("bad.xlsx", [
    ["teacher_1", "周老师", "青山县城关镇中心小学", "学校填报员", ""],
    ["teacher_1", "吴老师", "不存在的学校", "校长", ""],
  ]);
  await page.locator(".ant-modal input[type=file]").setInputFiles(bad);
  await page.getByText("用户表有 3 处错误").waitFor();
  for (const text of ["用户名在表中重复", "找不到该单位", "角色无法识别"]) {
    await page.locator(".ant-modal .ant-table-cell", { hasText: text }).first().waitFor();
  }
  await shot(page, "admin-01-import-problems", false);
  const good = await sheet("good.xlsx", [
    ["teacher_1", "周老师", "青山县城关镇中心小学", "学校填报员", ""],
    ["teacher_2", "吴老师", "基础教育股", "股室负责人", ""],
  ]);
  await page.locator(".ant-modal input[type=file]").setInputFiles(good);
  await page.getByText("检查通过：将导入 2 个用户").waitFor();
  await page.getByRole("button", { name: "确认导入 2 个用户" }).click();
  await toast(page, "已导入 2 个用户");
  await page.getByText("只显示这一次").waitFor();
  const password = ((await page.locator(".ant-modal .generated-password").first().textContent()) ?? "").trim();
  check(password.length >= 10, `a generated password is shown (${password})`);
  await shot(page, "admin-02-imported", false);
  await page.locator(".ant-modal-close").click();
  await usersTab(page).getByRole("cell", { name: "teacher_2", exact: true }).waitFor();
  return password;
}

async function editAndDisable(page: Page) {
  step("admin edits an account's name, then disables it; it stays listed as 已停用");
  const row = usersTab(page).locator("tr", { has: page.getByRole("cell", { name: "teacher_2", exact: true }) });
  await row.getByRole("button", { name: /编\s*辑/ }).click();
  const name = page.locator(".ant-modal").getByLabel("姓名");
  await name.fill("吴晓老师");
  await page
    .locator(".ant-modal")
    .getByRole("button", { name: /确\s*定|OK/ })
    .click();
  await toast(page, "已保存");
  await row.getByRole("cell", { name: "吴晓老师" }).waitFor();
  await row
    .getByRole("button", { name: "停 用" })
    .or(row.getByRole("button", { name: "停用" }))
    .click();
  await page
    .locator(".ant-popconfirm")
    .getByRole("button", { name: /确\s*定|OK/ })
    .click();
  await toast(page, "已停用");
  await row.locator(".ant-tag", { hasText: "已停用" }).waitFor();
  await shot(page, "admin-03-users");
}

async function auditTrail(page: Page) {
  step("the audit trail speaks Chinese: who by name, what, which record by its title; filtered; exported");
  await page.getByRole("tab", { name: "审计记录" }).click();
  await page.getByRole("cell", { name: "停用", exact: true }).first().waitFor();
  await page
    .getByRole("cell", { name: /吴晓老师/ })
    .first()
    .waitFor();
  await page.getByRole("cell", { name: "系统管理员", exact: true }).first().waitFor();
  // Filter to imports only: every shown action is 导入.
  await page.getByLabel("按操作筛选").click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: /^导入$/ }).click();
  // The two imported accounts and the demo plan's import: every row shown is an import.
  const actionCells = page.getByRole("tabpanel", { name: "审计记录" }).locator("tr.ant-table-row td:nth-child(4)");
  let texts: string[] = [];
  for (let i = 0; i < 60; i++) {
    texts = (await actionCells.allTextContents()).map((x) => x.trim());
    if (texts.length >= 3 && texts.every((x) => x === "导入")) break;
    await page.waitForTimeout(250);
  }
  check(texts.length >= 3 && texts.every((x) => x === "导入"), `only imports are shown (${texts.join(",")})`);
  const count = texts.length;
  await shot(page, "admin-04-audit");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /导出/ }).click(),
  ]);
  const file = join(work, "audit.xlsx");
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const rows = book.worksheets[0]!.getRows(3, book.worksheets[0]!.rowCount - 2) ?? [];
  // The table shows a page of 50; the export holds every filtered row (the demo's screening
  // imports alone are more than a page), as many as the trail answers for the filter.
  const { events } = await apiGet<{ events: unknown[] }>(page, "/api/audit?action=import&limit=500");
  check(count === Math.min(events.length, 50), `the table shows the first ${count} of ${events.length} imports`);
  check(rows.length === events.length, `the export holds the ${events.length} filtered rows (got ${rows.length})`);
  check(
    rows.every((r) => r.getCell(4).value === "导入"),
    "every exported row is an import",
  );
}

interface Backup {
  id: string;
  status: string;
  bytes: number;
  rows: number;
  files: number;
  verify: { status: string; message: string | null };
}

async function backups(page: Page) {
  step("admin backs up the running server: 立即备份, test-restored (通过), its counts shown, downloadable");
  const dataDir = process.env.LUOSHI_E2E_DATA_DIR;
  check(dataDir, "the runner names the server's data folder (LUOSHI_E2E_DATA_DIR)");
  await page.goto(`${BASE}/admin`);
  await page.getByRole("tab", { name: "数据备份" }).click();
  const panel = page.getByRole("tabpanel", { name: "数据备份" });
  await panel.getByText(/保留最近 7 天每天一份、最近 4 周每周一份/).waitFor();
  await panel.getByText("尚无备份").waitFor();
  await panel.getByRole("button", { name: /立即备份/ }).click();
  await toast(page, "备份已开始，完成后将自动试恢复校验");
  const row = panel.locator("tr.ant-table-row").first();
  await row.locator(".ant-tag", { hasText: "已完成" }).waitFor({ timeout: 120_000 });
  await row.locator(".ant-tag", { hasText: /^通过$/ }).waitFor();
  const [made] = (await apiGet<{ backups: Backup[] }>(page, "/api/admin/backups")).backups;
  check(made && made.status === "done" && made.verify.status === "ok", "the server lists the backup as verified");
  check(
    made.rows > 1000 && made.files > 0,
    `the demo's rows and files are in it (${made.rows} rows, ${made.files} files)`,
  );
  await row.getByText(`${made.rows} 行数据 · ${made.files} 个文件`).waitFor();
  await row.getByRole("cell", { name: "手动", exact: true }).waitFor();
  await shot(page, "admin-06-backup-done");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    row.getByRole("link", { name: /下\s*载/ }).click(),
  ]);
  const copy = join(work, "backup.luoshi-backup");
  await download.saveAs(copy);
  check(
    statSync(copy).size === made.bytes,
    `the download is the whole file (${statSync(copy).size} of ${made.bytes} bytes)`,
  );

  step("the file is altered on the server's disk: 重新校验 fails and says why; put back, it passes again");
  const file = join(dataDir, "backups", `${made.id}.luoshi-backup`);
  const written = readFileSync(file, "utf8");
  const at = written.indexOf('"row":{', 200);
  check(at > 0, "the backup holds rows");
  // One character of one row's text changed, as bit rot or a hand edit would.
  const spot = written.indexOf('":"', at) + 3;
  const swapped = written[spot] === "0" ? "1" : "0";
  writeFileSync(file, `${written.slice(0, spot)}${swapped}${written.slice(spot + 1)}`);
  // Exact: "未通过" holds "通过".
  const verifyAgain = async (outcome: RegExp) => {
    await row.getByRole("button", { name: /重新校验/ }).click();
    await toast(page, "已开始重新校验，完成后在此显示结果");
    await row.locator(".ant-tag", { hasText: outcome }).waitFor({ timeout: 120_000 });
  };
  await verifyAgain(/^未通过$/);
  await row.getByText(/备份文件已损坏或被改动/).waitFor();
  const [altered] = (await apiGet<{ backups: Backup[] }>(page, "/api/admin/backups")).backups;
  check(altered?.verify.status === "failed", `the failed outcome is kept with the backup (${altered?.verify.message})`);
  await shot(page, "admin-07-backup-altered");
  writeFileSync(file, written);
  await verifyAgain(/^通过$/);
  check((await row.locator(".backup-verify-message").count()) === 0, "a passing backup shows no failure text");
}

await scenario(
  "admin",
  { viewport: { width: 1366, height: 860 } },
  async ({ page, pageErrors: errors, consoleErrors }) => {
    step("the login page, signed out, logs no error in the console (no 401 from a session check)");
    await page.goto(`${BASE}/login`);
    await page.getByLabel("用户名").waitFor();
    await page.waitForLoadState("networkidle");
    check(consoleErrors.length === 0, `no console errors on the login page (${consoleErrors.join(" | ")})`);
    await login(page, "admin");
    await page.waitForURL(/\/dashboard/);
    const password = await importUsers(page);
    await editAndDisable(page);
    await auditTrail(page);
    await backups(page);
    step("the header's search finds a unit and opens the ledger filtered by it");
    await page.getByLabel("搜索任务、计划、单位、督办单").fill("基础教育股");
    await page
      .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "基础教育股" })
      .first()
      .click();
    await page.waitForURL(/\/ledger\?orgId=/);
    await shot(page, "admin-05-search-ledger");
    step("an imported account signs in with its generated password");
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/login/);
    await login(page, "teacher_1", password);
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    check(errors.length === 0, `no uncaught page errors (${errors.join("; ")})`);
    console.log("admin e2e: all steps passed");
  },
);
