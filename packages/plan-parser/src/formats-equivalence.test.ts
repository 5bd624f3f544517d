import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument, parsePlan } from "./index.js";
import type { ParsedDocument } from "./model.js";

/** The same plan as text, docx, PDF (LibreOffice from the docx) and xlsx must parse to the same tasks. */
const fixture = (name: string) => readFileSync(new URL(`../fixtures/genre/${name}`, import.meta.url), "utf8");

const essentials = (doc: ParsedDocument) =>
  doc.plans.map((p) => ({
    title: p.title,
    tasks: p.tasks.map((t) => ({
      no: t.no,
      path: t.path,
      title: t.title,
      units: t.units,
      deadlines: t.deadlines.map((d) => `${d.date}|${d.kind}`),
      targets: t.targets.map((g) => `${g.op}|${g.value}|${g.min}|${g.max}|${g.unit}`),
    })),
  }));

const font = "Noto Serif CJK SC";
async function docxOf(text: string): Promise<Uint8Array> {
  const lines = text.split("\n").filter((l) => l.trim());
  const doc = new Document({
    styles: { default: { document: { run: { font, size: 24 } } } },
    sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function docxTableOf(title: string, rows: string[][]): Promise<Uint8Array> {
  const table = new Table({
    width: { size: 9000, type: WidthType.DXA },
    rows: rows.map(
      (cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
    ),
  });
  const doc = new Document({ sections: [{ children: [new Paragraph(title), table] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

async function xlsxOf(title: string, rows: string[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("任务分解");
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, rows[0]!.length);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function hasSoffice(): boolean {
  try {
    execFileSync("soffice", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe("one plan in every format parses to the same tasks", () => {
  const narrative = fixture("arabic-inline.txt");
  const table = fixture("task-table.txt");
  const tableLines = table.split("\n").filter((l) => l.trim());
  const tableTitle = tableLines[0]!;
  const tableRows = tableLines.slice(1).map((l) => l.split("\t"));
  const expectedNarrative = essentials(parsePlan(narrative));
  const expectedTable = essentials(parsePlan(table));

  it("the text versions have tasks to compare", () => {
    expect(expectedNarrative[0]?.tasks.length).toBeGreaterThan(5);
    expect(expectedTable[0]?.tasks.length).toBeGreaterThan(2);
  });

  it("docx paragraphs", async () => {
    const doc = await parseDocument(await docxOf(narrative), { filename: "plan.docx" });
    expect(doc.format).toBe("docx");
    expect(essentials(doc)).toEqual(expectedNarrative);
  });

  it("docx table", async () => {
    const doc = await parseDocument(await docxTableOf(tableTitle, tableRows), { filename: "table.docx" });
    expect(essentials(doc)).toEqual(expectedTable);
  });

  it("xlsx sheet with a merged title row", async () => {
    const doc = await parseDocument(await xlsxOf(tableTitle, tableRows), { filename: "table.xlsx" });
    expect(doc.format).toBe("xlsx");
    expect(essentials(doc)).toEqual(expectedTable);
  });

  describe.skipIf(!hasSoffice())("PDF exported by LibreOffice", () => {
    const dir = mkdtempSync(join(tmpdir(), "luoshi-eq-"));
    let pdf: Uint8Array = new Uint8Array();
    beforeAll(async () => {
      writeFileSync(join(dir, "plan.docx"), await docxOf(narrative));
      execFileSync(
        "soffice",
        [
          `-env:UserInstallation=file://${dir}/profile`,
          "--headless",
          "--convert-to",
          "pdf",
          "--outdir",
          dir,
          join(dir, "plan.docx"),
        ],
        { stdio: "ignore", timeout: 120_000 },
      );
      pdf = readFileSync(join(dir, "plan.pdf"));
    }, 150_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("parses to the text version's tasks", async () => {
      const doc = await parseDocument(pdf, { filename: "plan.pdf" });
      expect(doc.format).toBe("pdf");
      expect(essentials(doc)).toEqual(expectedNarrative);
    });
  });
});
