/**
 * The placement lottery as a ceremony, in a real browser against the real built server, done by the
 * role that does it (the bureau's supervisor 督查室): commit the roster (承诺) → print the commitment
 * notice (摇号前公告, docx rendered to A4 PDF) → enter the public draw with witnesses (摇号) → run
 * (编班) → verify. Then a school reporter opens the same ceremony: hashes and draw, no buttons.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import type { Page } from "playwright-core";
import {
  apiGet,
  BASE,
  check,
  login,
  logout,
  noHorizontalScroll,
  scenario,
  shot,
  step,
  toast,
  workDir,
} from "./helpers";

const work = workDir("lottery");
const DRAW = "07 19 23 31 + 05";

/** 48 students with two scores and a boarding flag, as a school would export them. */
function rosterFile(): string {
  const rows = ["学号,姓名,性别,语文,数学,住校"];
  for (let i = 1; i <= 48; i++) {
    const id = `2025${String(i).padStart(3, "0")}`;
    rows.push(
      `${id},学生${i},${i % 2 ? "男" : "女"},${60 + ((i * 37) % 40)},${55 + ((i * 53) % 45)},${i % 5 === 0 ? "是" : ""}`,
    );
  }
  const file = join(work, "七年级名单.csv");
  writeFileSync(file, `${rows.join("\n")}\n`);
  return file;
}

interface Ceremony {
  id: string;
  commitmentHash: string;
  committedAt: string;
  status: string;
  draw: { draw: string; drawnAt: string; witnesses: { name: string; role: string }[] } | null;
  runId: string | null;
}

async function commit(page: Page): Promise<Ceremony> {
  step("supervisor commits the roster and parameters (承诺)");
  await page.goto(`${BASE}/placements`);
  await page.getByLabel("编班名称").fill("2025级七年级新生均衡编班");
  await page.getByLabel("班级数").fill("4");
  await page.getByLabel("摇号安排").fill("8月20日上午9时在学校报告厅，由4名家长代表现场各写一个两位数，依次录入");
  await page.locator("#placement-roster input[type=file]").setInputFiles(rosterFile());
  await shot(page, "lottery-01-commit-form");
  await page.getByRole("button", { name: "承诺并生成摇号前公告" }).click();
  await toast(page, "已承诺");
  await page.waitForURL(/commitment=/);
  const id = new URL(page.url()).searchParams.get("commitment")!;
  const c = (await apiGet<{ commitment: Ceremony }>(page, `/api/placements/commitments/${id}`)).commitment;
  check(c.status === "committed" && c.draw === null, "a fresh commitment has no draw");
  await page.getByText(c.commitmentHash).first().waitFor();
  check(await noHorizontalScroll(page), "the ceremony page does not scroll sideways");
  await shot(page, "lottery-02-committed");
  return c;
}

async function printNotice(page: Page, c: Ceremony): Promise<void> {
  step("prints the commitment notice (摇号前公告): docx with the hashes, rendered to A4 PDF");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /打印摇号前公告/ }).click(),
  ]);
  const docx = join(work, "摇号前公告.docx");
  await download.saveAs(docx);
  const xml = await (await JSZip.loadAsync(readFileSync(docx))).file("word/document.xml")!.async("string");
  for (const text of [c.commitmentHash, "摇号前公告", "如何验证", "承诺时间（北京时间）", "4名家长代表"])
    check(xml.includes(text), `the notice names ${text}`);
  check(xml.includes('w:w="11906"') && xml.includes('w:h="16838"'), "the notice is A4");
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", work, docx], {
    stdio: "ignore",
    timeout: 120_000,
  });
  const pdf = join(work, "摇号前公告.pdf");
  check(existsSync(pdf), "LibreOffice prints the notice to PDF");
  // Uncompressed (qpdf) so the page boxes can be read: A4 is 595.3 × 841.9 pt.
  const qdf = join(work, "notice-qdf.pdf");
  execFileSync("qpdf", ["--qdf", "--object-streams=disable", pdf, qdf]);
  const boxes = [
    ...readFileSync(qdf)
      .toString("latin1")
      .matchAll(/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g),
  ];
  check(boxes.length > 0, "the printed notice has pages");
  check(
    boxes.every((m) => Math.abs(Number(m[1]) - 595.3) < 1 && Math.abs(Number(m[2]) - 841.9) < 1),
    `the printed notice is A4 (${boxes.map((m) => `${m[1]}×${m[2]}`).join(", ")})`,
  );
  console.log(`  notice: ${readFileSync(docx).length} bytes docx → ${boxes.length}-page A4 PDF`);
}

async function draw(page: Page, c: Ceremony): Promise<Ceremony> {
  step("enters the public draw once, with its source and witnesses (摇号)");
  await page.getByLabel("公开摇号号码").fill(DRAW);
  await page.getByLabel("号码来源").fill("家长代表现场书写");
  await page.getByLabel("姓名1").fill("李明");
  await page.getByLabel("身份1").fill("家长代表");
  await page.getByRole("button", { name: "添加见证人" }).click();
  await page.getByLabel("姓名2").fill("王红");
  await page.getByLabel("身份2").fill("纪检监察");
  await shot(page, "lottery-03-draw-form");
  await page.getByRole("button", { name: "录入摇号号码" }).click();
  await page.getByRole("button", { name: "确认录入" }).click();
  await toast(page, "摇号号码已录入");
  await page.getByText("李明（家长代表）、王红（纪检监察）").waitFor();
  check((await page.getByLabel("公开摇号号码").count()) === 0, "no second draw can be entered");
  const after = (await apiGet<{ commitment: Ceremony }>(page, `/api/placements/commitments/${c.id}`)).commitment;
  check(after.draw?.draw === DRAW, "the draw is stored as entered");
  check(Date.parse(after.draw!.drawnAt) > Date.parse(c.committedAt), "the draw is recorded after the commitment");
  const again = await page.evaluate(
    async ([id]) => {
      const me = await (await fetch("/api/auth/me")).json();
      const res = await fetch(`/api/placements/commitments/${id}/draw`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({ draw: "99", witnesses: [{ name: "张三", role: "家长代表" }] }),
      });
      return { status: res.status, code: (await res.json()).error?.code };
    },
    [c.id],
  );
  check(again.status === 409 && again.code === "PLACEMENT_ALREADY_DRAWN", `a second draw is refused (${again.status})`);
  await shot(page, "lottery-04-drawn");
  return after;
}

async function runAndVerify(page: Page): Promise<string> {
  step("runs the placement from the committed inputs and the draw (编班), then verifies");
  await page.getByRole("button", { name: "开始编班" }).click();
  await toast(page, "编班完成");
  await page.waitForURL(/[?&]id=/);
  await page.getByText("各班统计").waitFor();
  await page.getByText("承诺哈希").first().waitFor();
  check(await noHorizontalScroll(page), "the result page does not scroll sideways");
  await shot(page, "lottery-05-result");
  await page.getByRole("button", { name: /^验\s*证$/ }).click();
  const passed = page.getByRole("status").filter({ hasText: "验证通过" });
  await passed.waitFor();
  const text = (await passed.textContent()) ?? "";
  for (const s of ["学生名单与承诺一致", "摇号（", "在承诺（", "完全重算"])
    check(text.includes(s), `verification lists: ${s}`);
  await passed.scrollIntoViewIfNeeded();
  await shot(page, "lottery-06-verified");
  return new URL(page.url()).searchParams.get("id")!;
}

async function readerSeesIt(page: Page, c: Ceremony): Promise<void> {
  step("a school reporter opens the ceremony: hashes, draw and witnesses, no step buttons");
  await login(page, "school");
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.goto(`${BASE}/placements?commitment=${c.id}`);
  await page.getByText(c.commitmentHash).first().waitFor();
  await page.getByText("李明（家长代表）、王红（纪检监察）").waitFor();
  check((await page.getByRole("button", { name: "开始编班" }).count()) === 0, "a reporter cannot run");
  check((await page.getByRole("button", { name: "录入摇号号码" }).count()) === 0, "a reporter cannot draw");
  await shot(page, "lottery-07-reporter-view");
}

await scenario("lottery", { viewport: { width: 1280, height: 900 }, timeout: 20000 }, async ({ page }) => {
  await login(page, "ducha");
  await page.waitForURL(/\/dashboard/);
  const c = await commit(page);
  await printNotice(page, c);
  await draw(page, c);
  await runAndVerify(page);
  await logout(page);
  await readerSeesIt(page, c);
  console.log("e2e lottery: commit → notice → draw → run → verify passed");
});
