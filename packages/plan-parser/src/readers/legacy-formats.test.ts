/**
 * The same plan in every format people have: written as docx (and xlsx for the table plan),
 * converted by LibreOffice as offices convert it, and read back to identical tasks.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block, ParsedDocument } from "../model.js";
import { parseDocument, parsePlan } from "../parse.js";
import { findSoffice, runSoffice, sofficeConverter } from "../soffice.js";
import { hasListNumbering } from "./doc.js";
import { readDocument } from "./index.js";
import { odtLosesLayout } from "./odt.js";
import { legacyPlanDocx, legacyTableXlsx, PLAN_LINES, TABLE_TITLE } from "./test-support/legacy-plan.js";
import { planDocx } from "./test-support/plan-docx.js";

const soffice = findSoffice();
if (!soffice) {
  if (process.env.CI) throw new Error("CI must install LibreOffice (soffice) for the legacy-format tests");
  console.warn("legacy-formats.test: skipped, LibreOffice (soffice) is not on PATH");
}

/** The scored fields of each task; spans differ between formats (their source texts do). */
const tasks = (doc: ParsedDocument) =>
  doc.plans.map((p) => ({
    title: p.title,
    year: p.year,
    tasks: p.tasks.map(({ no, path, title, units, leadCount, deadlines, targets, measures }) => ({
      no,
      path,
      title,
      units,
      leadCount,
      deadlines,
      targets,
      measures,
    })),
  }));

describe.skipIf(!soffice)("legacy and converted formats", () => {
  let dir: string;
  const read = async (name: string) =>
    parseDocument(new Uint8Array(await readFile(join(dir, "out", name))), { filename: name });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "luoshi-formats-"));
    const out = join(dir, "out");
    await mkdir(out);
    await writeFile(join(out, "plan.docx"), await legacyPlanDocx());
    await writeFile(join(out, "table.xlsx"), await legacyTableXlsx());
    await writeFile(join(out, "numbered.docx"), await planDocx());
    // One soffice run per target format; the Writer and Calc runs go side by side, each lane
    // with its own profile (whose first start is the slow one).
    const lane = async (targets: [string, string[]][], profile: string) => {
      for (const [target, files] of targets) {
        await runSoffice(
          soffice as string,
          target,
          files.map((f) => join(out, f)),
          out,
          join(dir, profile),
        );
      }
    };
    const plan = ["plan.docx"];
    const writer: [string, string[]][] = [
      ["doc", ["plan.docx", "numbered.docx"]],
      ["rtf", plan],
      ["odt", ["plan.docx", "numbered.docx"]],
      ["pdf", plan],
      ["html", plan],
      ["txt:Text (encoded):UTF8", plan],
    ];
    const calc: [string, string[]][] = [
      ["xls", ["table.xlsx"]],
      ["ods", ["table.xlsx"]],
    ];
    await Promise.all([lane(writer, "writer"), lane(calc, "calc")]);
    // WPS Office saves .wps as a Word 97-2003 binary and .et as an Excel 97-2003 one; LibreOffice
    // cannot write WPS files, so the renamed binaries stand in for them.
    await copyFile(join(out, "plan.doc"), join(out, "plan.wps"));
    await copyFile(join(out, "table.xls"), join(out, "table.et"));
    await copyFile(join(out, "numbered.doc"), join(out, "numbered.wps"));
  }, 300_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("reads the plan to the tasks of its text in every format", async () => {
    const expected = tasks(parsePlan(PLAN_LINES.join("\n")));
    expect(expected[0]?.tasks).toHaveLength(9);
    expect(expected[0]?.tasks[2]).toMatchObject({
      path: ["二、推动基础教育优质均衡"],
      title: "扩大普惠性学前教育资源",
      units: ["基础教育股", "计划财务股"],
      deadlines: [{ text: "8月底前完成", date: "2026-08-31" }],
    });
    const formats: Record<string, string> = {};
    for (const name of [
      "plan.docx",
      "plan.doc",
      "plan.wps",
      "plan.rtf",
      "plan.odt",
      "plan.pdf",
      "plan.html",
      "plan.txt",
    ]) {
      const doc = await read(name);
      formats[name] = doc.format;
      expect(tasks(doc), name).toEqual(expected);
    }
    expect(formats).toEqual({
      "plan.docx": "docx",
      "plan.doc": "doc",
      "plan.wps": "doc",
      "plan.rtf": "rtf",
      "plan.odt": "odt",
      "plan.pdf": "pdf",
      "plan.html": "html",
      "plan.txt": "txt",
    });
  });

  it("reads the table plan to the same tasks from xlsx, xls, et and ods", async () => {
    const xlsx = await read("table.xlsx");
    const expected = tasks(xlsx);
    expect(expected[0]?.title).toBe(TABLE_TITLE);
    expect(expected[0]?.tasks).toHaveLength(5);
    expect(expected[0]?.tasks[1]).toMatchObject({
      path: ["教育质量"],
      units: ["教研室", "基础教育股"],
      deadlines: [{ date: "2026-11-30" }],
    });
    for (const name of ["table.xls", "table.et", "table.ods"]) expect(tasks(await read(name)), name).toEqual(expected);
  });

  it("reads a file by its content whatever its extension says", async () => {
    const expected = tasks(await read("plan.docx"));
    for (const [from, to, format] of [
      ["plan.doc", "plan.docx", "doc"],
      ["plan.docx", "plan.doc", "docx"],
      ["plan.rtf", "plan.doc", "rtf"],
      ["plan.odt", "plan.docx", "odt"],
      ["plan.txt", "plan.pdf", "txt"],
      ["plan.html", "plan.txt", "html"],
      ["plan.pdf", "plan.html", "pdf"],
    ] as const) {
      const doc = await parseDocument(new Uint8Array(await readFile(join(dir, "out", from))), { filename: to });
      expect(doc.format, `${from} named ${to}`).toBe(format);
      expect(tasks(doc), `${from} named ${to}`).toEqual(expected);
    }
  });

  it("reads a Word binary with automatic numbering and merged cells through LibreOffice, as the docx reads", async () => {
    const paragraphs = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "paragraph" ? [b.text] : []));
    const rows = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === "row" ? [b.cells] : []));
    const bytes = async (name: string) => new Uint8Array(await readFile(join(dir, "out", name)));
    const docx = await readDocument(await bytes("numbered.docx"), "numbered.docx");
    const doc = await bytes("numbered.doc");
    expect(hasListNumbering(doc)).toBe(true);
    expect(hasListNumbering(await bytes("plan.doc"))).toBe(false);
    // word-extractor alone does not print Word's numbers.
    const plain = await readDocument(doc, "numbered.doc");
    expect(plain.blocks).toContainEqual({ kind: "paragraph", text: "全面加强党的建设" });
    // Nor does the odt reader print list numbers; both ask for the converter.
    const odt = await bytes("numbered.odt");
    expect((await readDocument(odt, "numbered.odt")).blocks).toContainEqual({
      kind: "paragraph",
      text: "全面加强党的建设",
    });
    expect(await odtLosesLayout(odt)).toBe(true);
    expect(await odtLosesLayout(await bytes("plan.odt"))).toBe(false);
    const converter = sofficeConverter();
    for (const name of ["numbered.doc", "numbered.wps", "numbered.odt"]) {
      const converted = await readDocument(await bytes(name), name, { converter });
      expect(converted.format, name).toBe(name.endsWith(".odt") ? "odt" : "doc");
      expect(paragraphs(converted.blocks), name).toEqual(paragraphs(docx.blocks));
      // The category merged down two rows repeats; a row merged across all columns reads as one cell
      // through RTF (the docx reader repeats it into each column).
      expect(rows(converted.blocks).slice(0, 3), name).toEqual(rows(docx.blocks).slice(0, 3));
      expect(rows(converted.blocks)[3], name).toEqual(["以上任务纳入年度考核"]);
    }
    await converter.dispose();
  }, 120_000);
});
