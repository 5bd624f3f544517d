/**
 * 适龄儿童台账 (四查三比对) end to end in a real browser against the built demo server:
 *  - the bureau's admin imports a 户籍 roster with a bad row: every bad row is listed with its row
 *    number, nothing is imported; the corrected roster imports whole and is compared with the rolls;
 *  - the children not on any roll show as 适龄未入学, personal data masked; a reveal shows them in clear;
 *  - one child is opened as a 控辍 case in one action: the child shows 疑似辍学 and the case is the
 *    school's, listed in the bureau's 疑似辍学学生台账.
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { apiGet, BASE, check, login, scenario, shot, step, toast, workDir } from "./helpers";

const YEAR = Number(
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()),
);
const serial = 2 * (Date.now() % 400); // even: the next odd serial is a boy, the next even one a girl

/** A valid 身份证件号 (GB 11643 checksum). */
function idNumber(birth: string, n: number): string {
  const body = `430102${birth.replaceAll("-", "")}${String(n).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + "10X98765432"[sum % 11];
}
const BIRTH = `${YEAR - 9}-04-05`;
const CHILDREN = [
  ["孙小宝", idNumber(BIRTH, serial + 1), "男", BIRTH, "城关镇东村", "城关镇东村", "孙大宝", "13900000001", "留守儿童"],
  ["周小妹", idNumber(BIRTH, serial + 2), "女", BIRTH, "城关镇西村", "外省", "周大妹", "13900000002", ""],
];

async function roster(file: string, rows: (string | null)[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("户籍名单");
  sheet.addRow(["姓名", "身份证号", "性别", "出生日期", "户籍所在地", "现住址", "监护人姓名", "联系电话", "特殊群体"]);
  for (const r of rows) sheet.addRow(r);
  writeFileSync(file, Buffer.from(await book.xlsx.writeBuffer()));
}

await scenario("school-age", { viewport: { width: 1280, height: 900 }, timeout: 20_000 }, async ({ page }) => {
  const dir = workDir("school-age");
  const bad = join(dir, "名单-有错误.xlsx");
  const good = join(dir, "名单.xlsx");
  await roster(bad, [...CHILDREN, ["吴某", `${CHILDREN[0]![1]!.slice(0, 17)}0`, "", "", "", "", "", "", ""]]);
  await roster(good, CHILDREN);
  await login(page, "admin");
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.goto(`${BASE}/dropout`);
  await page.getByRole("tab", { name: "适龄儿童台账" }).click();
  const panel = page.locator('[data-ledger="school-age"]');
  await panel.waitFor();

  step("admin: a roster with a bad row: the row is listed with its number, nothing imported");
  await panel.getByRole("button", { name: "导入台账" }).click();
  const modal = page.locator(".ant-modal").filter({ hasText: "户籍适龄儿童名单" });
  await modal.locator("input[type=file]").setInputFiles(bad);
  const problems = modal.getByTestId("import-problems");
  await problems.waitFor();
  const text = (await problems.textContent()) ?? "";
  check(text.includes("4") && text.includes("身份证件号"), `the bad row 4 is listed (${text.slice(0, 120)})`);
  await shot(page, "school-age-import-problems");
  check(
    (await apiGet<{ total: number }>(page, "/api/ledgers/school-age-children?limit=1")).total === 0,
    "nothing imported from the bad roster",
  );

  step("admin: the corrected roster imports whole and is compared with the rolls");
  await modal.locator("input[type=file]").setInputFiles(good);
  await modal.getByText("全部行均符合要求").waitFor();
  await modal.getByRole("button", { name: "全部导入" }).click();
  await toast(page, /已导入/);
  await panel.getByText(/适龄未入学 2/).click();
  await panel.locator(".ant-table-row").nth(1).waitFor();
  const html = await page.content();
  check(!html.includes("孙小宝") && !html.includes(CHILDREN[0]![1]!), "names and 身份证件号 are masked");

  step("admin: a reveal shows one child in clear (audited)");
  await panel.locator(".ant-table-row").first().getByRole("button", { name: "查看完整信息" }).click();
  const revealed = page.locator(".ant-modal").filter({ hasText: "完整个人信息" });
  await revealed
    .getByText(/孙小宝|周小妹/)
    .first()
    .waitFor();
  await revealed.locator(".ant-modal-close").click();

  step("admin: a child not enrolled opened as a 控辍 case in one action");
  await panel.locator(".ant-table-row").first().getByRole("button", { name: "立案劝返" }).click();
  const form = page.locator(".ant-modal").filter({ hasText: "为适龄未入学儿童立案" });
  await form.getByLabel("应入学校").click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option").first().click();
  await form.getByLabel("应在年级").fill("三年级");
  await form.getByLabel("风险等级").click();
  await page.locator('.ant-select-item-option[title="高风险"]').click();
  await form.getByLabel("原因", { exact: true }).click();
  await page.locator('.ant-select-item-option[title="家庭困难"]').click();
  await form.getByLabel("包保责任人").fill("包保干部王");
  await shot(page, "school-age-open-case");
  await form.getByRole("button", { name: "立案劝返" }).click();
  await toast(page, "已立案");
  const view = await apiGet<{ counts: Record<string, number> }>(page, "/api/ledgers/school-age-children?limit=1");
  check(
    view.counts.suspected === 1 && view.counts.not_enrolled === 1,
    `one 疑似辍学, one left (${JSON.stringify(view.counts)})`,
  );
  const suspected = await apiGet<{ cases: { fields: { source?: string } }[] }>(
    page,
    "/api/ledgers/dropout-ledgers/suspected?limit=500",
  );
  check(
    suspected.cases.some((c) => c.fields.source === "comparison"),
    "the bureau's 疑似辍学学生台账 lists the case (来源：四查三比对)",
  );
  await shot(page, "school-age-ledger");
});
