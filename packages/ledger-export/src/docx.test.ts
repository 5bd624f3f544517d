import fc from "fast-check";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { ledgerToDocx } from "./docx.js";
import { LEDGER_COLUMNS } from "./messages.js";
import { arbitraryLedger } from "./test-support/arbitrary.js";
import { doc, tasks } from "./test-support/fixtures.js";

async function part(bytes: Uint8Array, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(name);
  if (!file) throw new Error(`${name} missing`);
  return file.async("string");
}

/** Text of w:t runs, which is what Word shows. */
const visibleText = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");

describe("ledgerToDocx", () => {
  it("contains every plan title, the header labels and every task title", async () => {
    const xml = await part(await ledgerToDocx(doc), "word/document.xml");
    const text = visibleText(xml);
    for (const plan of doc.plans) expect(text).toContain(plan.title);
    for (const label of LEDGER_COLUMNS) expect(text).toContain(label);
    for (const task of tasks) expect(text).toContain(task.title);
    expect(text).toContain("教研中心、基教科、各基层学校");
    expect(text).toContain("学前三年毛入园率 ≥ 94.5%");
  });

  it("lays out one landscape A4 section per plan with the header row repeated", async () => {
    const xml = await part(await ledgerToDocx(doc), "word/document.xml");
    const sizes = [...xml.matchAll(/<w:pgSz [^>]*>/g)].map((m) => m[0]);
    expect(sizes).toHaveLength(doc.plans.length);
    for (const size of sizes) {
      expect(size).toContain('w:orient="landscape"');
      expect(size).toMatch(/w:w="16838"/);
      expect(size).toMatch(/w:h="11906"/);
    }
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
  });

  it("declares font fallbacks for machines without the official fonts", async () => {
    const fonts = await part(await ledgerToDocx(doc), "word/fontTable.xml");
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
  });

  it("writes a document for no plans and strips characters XML forbids", async () => {
    const empty = visibleText(await part(await ledgerToDocx({ plans: [] }), "word/document.xml"));
    expect(empty).toContain("任务分解表");
    const dirty = {
      plans: [{ title: "计划\u0001\uFFFF", year: 2024, tasks: [{ ...tasks[0]!, title: "任务\u0008<&>" }] }],
    };
    const xml = await part(await ledgerToDocx(dirty), "word/document.xml");
    expect(xml).not.toMatch(/[\u0001\u0008\uFFFF]/);
    expect(visibleText(xml)).toContain("任务&lt;&amp;&gt;");
  });
});

describe("ledgerToDocx on arbitrary input", () => {
  it("never throws and always writes well-formed parts", async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryLedger, async (d) => {
        const xml = await part(await ledgerToDocx(d), "word/document.xml");
        expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
        expect(xml.match(/<w:pgSz /g)).toHaveLength(Math.max(1, d.plans.length));
      }),
      { numRuns: 20 },
    );
  });
});
