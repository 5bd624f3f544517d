import type { Page } from "playwright-core";
import { apiGet, BASE, check, login, logout, scenario, shot, step, toast } from "./helpers";

const OWN_SCHOOL = "青山县城关镇中心小学";
const OTHER_SCHOOL = "青山县实验小学";
const SURNAMES = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫"];
const GIVEN = ["晓雯", "子涵", "浩然", "若曦", "梓轩", "语桐", "嘉懿"];

/** 36 students keyed by 18-digit 身份证号, as a school's CSV. */
const students = Array.from({ length: 36 }, (_, i) => ({
  id: `43010220120${String(101 + i).padStart(3, "0")}${String(1000 + i * 7).slice(-4)}`,
  name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`,
}));
const rosterCsv = [
  "身份证号,姓名,性别,语文,数学",
  ...students.map((s, i) => `${s.id},${s.name},${i % 2 ? "女" : "男"},${60 + ((i * 7) % 40)},${55 + ((i * 11) % 45)}`),
].join("\n");

/** A placement from the signed-in page (the supervisor's session and CSRF token): commit, draw, run. */
async function createRun(page: Page, schoolId: string, name: string): Promise<string> {
  return page.evaluate(
    async ({ schoolId, name, csv }) => {
      const me = await (await fetch("/api/auth/me")).json();
      const headers = { "x-csrf-token": me.csrfToken };
      const form = new FormData();
      for (const [k, v] of Object.entries({ name, classCount: "3", schoolId })) form.append(k, v);
      form.append("roster", new Blob([csv], { type: "text/csv" }), "名单.csv");
      // No helper functions in here: tsx would wrap them in a __name the page does not have.
      const committed = await fetch("/api/placements/commitments", { method: "POST", body: form, headers });
      if (committed.status !== 201) throw new Error(`commit: ${committed.status} ${await committed.text()}`);
      const { commitment } = await committed.json();
      const json = { ...headers, "content-type": "application/json" };
      const draw = { draw: "05 12 19 27 33 + 08", witnesses: [{ name: "李明", role: "家长代表" }] };
      const base = `/api/placements/commitments/${commitment.id}`;
      const drawn = await fetch(`${base}/draw`, { method: "POST", body: JSON.stringify(draw), headers: json });
      if (drawn.status !== 201) throw new Error(`draw: ${drawn.status} ${await drawn.text()}`);
      const ran = await fetch(`${base}/run`, { method: "POST", body: "{}", headers: json });
      if (ran.status !== 201) throw new Error(`run: ${ran.status} ${await ran.text()}`);
      const run = await ran.json();
      return run.placement.id as string;
    },
    { schoolId, name, csv: rosterCsv },
  );
}

const statusOf = (page: Page, path: string) => page.evaluate(async (p) => (await fetch(p)).status, path);
const pageText = async (page: Page) => (await page.locator("body").textContent()) ?? "";

await scenario("privacy", { viewport: { width: 1280, height: 860 } }, async ({ page }) => {
  step("supervisor runs a placement for the reporter's school and one for another school");
  await login(page, "ducha");
  await page.waitForURL(/\/dashboard/);
  const orgs = await apiGet<{ orgs: { id: string; name: string }[] }>(page, "/api/orgs");
  const idOf = (name: string) => orgs.orgs.find((o) => o.name === name)?.id ?? "";
  check(idOf(OWN_SCHOOL) && idOf(OTHER_SCHOOL), "both demo schools exist");
  const ownRun = await createRun(page, idOf(OWN_SCHOOL), "城关镇中心小学一年级均衡编班");
  const otherRun = await createRun(page, idOf(OTHER_SCHOOL), "实验小学一年级均衡编班");
  await logout(page);

  step("another school's run: the reporter sees statistics and the notice, not the lists");
  await login(page, "school");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto(`${BASE}/placements?id=${otherRun}`);
  await page.getByText("各班统计").first().waitFor();
  await page.getByText("公示（Word）").waitFor();
  check((await page.getByText("分班名单（Excel）").count()) === 0, "no class-list download offered");
  check((await page.getByText("显示完整信息").count()) === 0, "no reveal offered");
  for (const path of ["students", "files/classes", "files/result"])
    check((await statusOf(page, `/api/placements/${otherRun}/${path}`)) === 404, `${path} answers 404`);
  const otherText = await pageText(page);
  check(!students.some((s) => otherText.includes(s.id)), "no id on the page");
  await shot(page, "privacy-01-other-school");

  step("own school's run: ids masked by default, one student revealed");
  await page.goto(`${BASE}/placements?id=${ownRun}`);
  await page.getByText("分班名单", { exact: true }).first().waitFor();
  await page
    .getByText(/^4301\*{10}\d{4}$/)
    .first()
    .waitFor();
  const before = await pageText(page);
  check(!students.some((s) => before.includes(s.id)), "no full id before a reveal");
  await shot(page, "privacy-02-masked");
  const firstRow = page.locator(".ant-table-row").filter({ hasText: "显示完整信息" }).first();
  await firstRow.getByRole("button", { name: "显示完整信息" }).click();
  await toast(page, "已显示完整信息");
  const after = await pageText(page);
  const revealed = students.filter((s) => after.includes(s.id));
  check(revealed.length === 1, `exactly one full id shown after the reveal (saw ${revealed.length})`);
  await shot(page, "privacy-03-revealed");
  await logout(page);

  step("administrator: the reveal is in the audit trail");
  await login(page, "admin");
  await page.waitForURL(/\/dashboard/);
  await page.goto(`${BASE}/admin`);
  await page.getByRole("tab", { name: "审计记录" }).click();
  const reveal = page.locator(".ant-table-row", { hasText: "查看完整个人信息" }).first();
  await reveal.waitFor();
  // The trail names the run by its title (not its id).
  check(((await reveal.textContent()) ?? "").includes("城关镇中心小学一年级均衡编班"), "the reveal names the run");
  await shot(page, "privacy-04-audit");
  console.log("e2e privacy: all steps passed");
});
