import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block } from "../model.js";
import { readDocument } from "./index.js";
import { longPlanDocx, longTasks, planDocx, TITLE } from "./test-support/plan-docx.js";

function hasCommand(command: string): boolean {
  try {
    execFileSync(command, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const HAS_SOFFICE = hasCommand("soffice");
const HAS_QPDF = hasCommand("qpdf");
if (!HAS_SOFFICE) {
  console.warn(
    "PDF reader tests skipped: soffice not found (apt-get install -y libreoffice-writer-nogui fonts-noto-cjk)",
  );
}
if (!HAS_QPDF) console.warn("Encrypted PDF test skipped: qpdf not found (apt-get install -y qpdf)");

const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
/** LibreOffice squeezes a full-width colon that lands on a line end out of the text layer. */
const withoutColons = (s: string) => s.replace(/：/g, "");

describe.skipIf(!HAS_SOFFICE)("pdf reader (PDF made by LibreOffice from a generated docx)", () => {
  const dir = mkdtempSync(join(tmpdir(), "luoshi-pdf-"));
  const tasks = longTasks(40);
  const pdf: Record<"long" | "plan", Uint8Array> = { long: new Uint8Array(), plan: new Uint8Array() };

  beforeAll(async () => {
    writeFileSync(join(dir, "long.docx"), await longPlanDocx(tasks));
    writeFileSync(join(dir, "plan.docx"), await planDocx());
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir].concat(
        ["long.docx", "plan.docx"].map((f) => join(dir, f)),
      ),
      { stdio: "ignore", timeout: 120_000 },
    );
    pdf.long = readFileSync(join(dir, "long.pdf"));
    pdf.plan = readFileSync(join(dir, "plan.pdf"));
  }, 150_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("rejoins tasks broken over lines and pages, without running header or page numbers", async () => {
    const { format, blocks } = await readDocument(pdf.long, "plan.pdf");
    expect(format).toBe("pdf");
    expect(texts(blocks).map(withoutColons)).toEqual([TITLE, "一、重点任务", ...tasks].map(withoutColons));
  });

  it("leaves no spaces between Chinese characters", async () => {
    const { blocks } = await readDocument(pdf.long);
    const spaced = texts(blocks).filter((t) => /[\u4e00-\u9fff，。（）]\s+[\u4e00-\u9fff，。（）]/.test(t));
    expect(spaced).toEqual([]);
  });

  it("keeps Word's list numbers, which LibreOffice prints as text", async () => {
    const { blocks } = await readDocument(pdf.plan);
    expect(texts(blocks)).toEqual(expect.arrayContaining(["一、全面加强党的建设", "（1）新建公办幼儿园2所"]));
  });

  it.skipIf(!HAS_QPDF)("reports a password-protected PDF as encrypted", async () => {
    const out = join(dir, "locked.pdf");
    execFileSync("qpdf", ["--encrypt", "user-pw", "owner-pw", "256", "--", join(dir, "plan.pdf"), out]);
    await expect(readDocument(readFileSync(out))).rejects.toMatchObject({ code: "ENCRYPTED_DOCUMENT" });
  });
});
