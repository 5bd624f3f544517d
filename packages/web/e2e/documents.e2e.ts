/**
 * Documents a bureau can send, in a real browser against the built demo server: the administrator
 * sets the letterhead under 系统管理 › 公文设置 (a bad 发文字号 pattern is refused in Chinese), the
 * supervisor exports the ledger with a unit filter (the file holds exactly the rows on screen,
 * print-ready) and generates a 通报 whose Word file carries the red 发文机关标志 and its 发文字号.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Page } from "playwright-core";
import { apiGet, BASE, check, login, logout, scenario, shot, step, toast, workDir } from "./helpers";

const work = workDir("docs");
const CONTACT = "联系人：教育督导室 赵敏，联系电话：0739-5320000";

async function download(page: Page, click: () => Promise<void>, name: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = join(work, name);
  await file.saveAs(path);
  return readFileSync(path);
}

async function letterhead(page: Page) {
  step("administrator: 系统管理 › 公文设置 shows the demo bureau's letterhead");
  await login(page, "admin");
  await page.waitForURL(/\/dashboard/);
  await page.goto(`${BASE}/admin`);
  await page.getByRole("tab", { name: "公文设置" }).click();
  const pattern = page.getByLabel("督办单发文字号");
  await pattern.waitFor();
  check((await pattern.inputValue()) === "青教体督〔{year}〕{n}号", "the demo's 督办单 pattern is prefilled");
  await page.getByText(/下一份督办单：青教体督〔\d{4}〕\d+号/).waitFor();

  step("a pattern without 六角括号 is refused with the reason in Chinese; nothing is saved");
  await pattern.fill("青教体督[{year}]{n}号");
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await toast(page, /发文字号格式不正确.*六角括号/);
  await pattern.fill("青教体督〔{year}〕{n}号");
  await page.getByLabel("联系人及电话（附注）").fill(CONTACT);
  await page.getByRole("button", { name: /保\s*存/ }).click();
  await toast(page, "公文设置已保存");
  await shot(page, "documents-01-letterhead");
  const saved = await apiGet<{ profile: { contactLine: string } }>(page, "/api/bureau-profile");
  check(saved.profile.contactLine === CONTACT, "the contact line is saved");
  await logout(page);
}

async function filteredLedger(page: Page) {
  step("supervisor: the ledger filtered to one unit exports exactly those rows, print-ready");
  await login(page, "ducha");
  await page.waitForURL(/\/dashboard/);
  const orgs = await apiGet<{ orgs: { id: string; name: string }[] }>(page, "/api/orgs");
  const unit = orgs.orgs.find((o) => o.name === "基础教育股");
  check(unit, "the demo has 基础教育股");
  await page.goto(`${BASE}/ledger?orgId=${unit.id}`);
  await page.getByRole("grid").waitFor();
  const count = Number(/共 (\d+) 项任务/.exec((await page.getByText(/共 \d+ 项任务/).textContent()) ?? "")?.[1]);
  check(count > 0, "the filtered ledger lists some tasks");
  const bytes = await download(
    page,
    () => page.getByRole("link", { name: /导出任务分解表（Excel）/ }).click(),
    "ledger.xlsx",
  );
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  check(sheet.rowCount - 2 === count, `the export holds the ${count} rows on screen (got ${sheet.rowCount - 2})`);
  check(String(sheet.getCell("A1").value).includes(`筛选结果，共${count}项`), "the title says it is filtered");
  check(sheet.pageSetup.orientation === "landscape" && sheet.pageSetup.fitToWidth === 1, "A4 landscape, one page wide");
  check(sheet.pageSetup.printTitlesRow === "1:2", "title and header repeat on every page");
  for (let r = 3; r <= sheet.rowCount; r++) {
    const body = String(sheet.getRow(r).getCell(4).value ?? "");
    check((sheet.getRow(r).height ?? 0) >= Math.ceil(body.length / 32) * 12, `row ${r} is tall enough for its text`);
  }
  await shot(page, "documents-02-ledger-filtered");
}

async function bulletin(page: Page) {
  step("supervisor: a 通报 under the red letterhead with its 发文字号");
  const now = new Date(Date.now() + 8 * 3600_000);
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  const period = `${last.getUTCFullYear()}-${String(last.getUTCMonth() + 1).padStart(2, "0")}`;
  await page.goto(`${BASE}/supervision`);
  await page.getByRole("tab", { name: "通报" }).click();
  await page
    .getByPlaceholder(/周期|2025-03|期/)
    .first()
    .fill(period);
  await page.getByRole("button", { name: "生成通报" }).click();
  // Charts are drawn and two files stored: on a busy machine this takes a while.
  const row = page.getByRole("row", { name: new RegExp(period) }).first();
  await row.waitFor({ timeout: 120_000 });
  const docx = await download(page, () => row.getByRole("link", { name: "下载正文" }).click(), "bulletin.docx");
  const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
  check(/<w:color w:val="FF0000"\/>.*?<w:t[^>]*>青山县教育和体育局文件<\/w:t>/s.test(xml), "the 标志 is red");
  check(/青教体通〔\d{4}〕\d+号/.test(xml.replace(/<[^>]+>/g, "")), "the 发文字号 is on the document");
  check(xml.includes(CONTACT.replace("联系人：", "")), "the contact line is the 附注");
  await shot(page, "documents-03-bulletins");
}

await scenario("documents", { viewport: { width: 1366, height: 900 }, timeout: 20000 }, async ({ page }) => {
  await letterhead(page);
  await filteredLedger(page);
  await bulletin(page);
  console.log("e2e documents: all steps passed");
});
