import { crc32, deflateRawSync } from "node:zlib";

/**
 * Hostile documents made in the test (no committed binaries): paragraph, page, row, zip and
 * nesting bombs, huge text, and very large but honest plans. Written by hand (zip, OOXML, PDF)
 * so a million rows take a second to make, not minutes.
 */

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
  /** Write these sizes in the headers instead of the real one (a lying archive). */
  declaredSize?: number;
}

/** A zip archive of deflated entries. */
export function zip(entries: ZipEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : Buffer.from(entry.data);
    const packed = deflateRawSync(raw, { level: 6 });
    const name = Buffer.from(entry.name, "utf8");
    const crc = crc32(raw);
    const size = entry.declaredSize ?? raw.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A Word document whose body is the given XML. */
export function docxOf(bodyXml: string, declaredSize?: number): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${bodyXml}</w:body></w:document>`;
  return zip([
    {
      name: "[Content_Types].xml",
      data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    { name: "word/document.xml", data: document, ...(declaredSize === undefined ? {} : { declaredSize }) },
  ]);
}

/** Paragraph bomb: millions of tiny paragraphs, numbered so the archive stays within a sane ratio. */
export function paragraphBombDocx(paragraphs: number): Uint8Array {
  const run = Math.min(paragraphs, 10_000);
  const parts: string[] = [];
  for (let i = 0; i < run; i++) parts.push(`<w:p><w:r><w:t>${i}</w:t></w:r></w:p>`);
  return docxOf(parts.join("").repeat(Math.ceil(paragraphs / run)));
}

/** Zip bomb: a document.xml of `megabytes` of blank space that deflates about a thousand to one. */
export function zipBombDocx(megabytes: number, declaredSize?: number): Uint8Array {
  return docxOf(`<w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>${" ".repeat(megabytes * 1024 * 1024)}`, declaredSize);
}

const cellXml = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A workbook with one sheet of `rows` rows: a header, then numbered tasks. */
export function xlsxOf(rows: number, sheets = 1): Uint8Array {
  const sheetXml = (): string => {
    const out: string[] = [
      `<row r="1">${cellXml("A1", "序号")}${cellXml("B1", "重点任务")}${cellXml("C1", "责任单位")}</row>`,
    ];
    for (let r = 2; r <= rows; r++) {
      out.push(
        `<row r="${r}">${cellXml(`A${r}`, String(r - 1))}${cellXml(`B${r}`, `任务${r}`)}${cellXml(`C${r}`, "基教股")}</row>`,
      );
    }
    return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${out.join("")}</sheetData></worksheet>`;
  };
  const ids = Array.from({ length: sheets }, (_, i) => i + 1);
  const body = sheetXml();
  return zip([
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${ids.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("")}</Types>`,
    },
    {
      name: "_rels/.rels",
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${ids.map((i) => `<sheet name="表${i}" sheetId="${i}" r:id="rId${i}"/>`).join("")}</sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${ids.map((i) => `<Relationship Id="rId${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i}.xml"/>`).join("")}</Relationships>`,
    },
    ...ids.map((i) => ({ name: `xl/worksheets/sheet${i}.xml`, data: body })),
  ]);
}

/** A PDF of `pages` pages, each with one line of text, in one flat page tree (the worst case for a page walk). */
export function pdfOf(pages: number): Uint8Array {
  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  add("<< /Type /Catalog /Pages 2 0 R >>");
  add(""); // the page tree, filled in once the kids are known
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  const kids: number[] = [];
  for (let p = 1; p <= pages; p++) {
    const text = `BT /F1 12 Tf 72 720 Td (Task ${p}: improve the school service plan item ${p}.) Tj ET`;
    const content = add(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[1] = `<< /Type /Pages /Count ${pages} /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] >>`;
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

/** Nesting bomb: `depth` unclosed-in-order divs around one line. */
export function deepHtml(depth: number): Uint8Array {
  return new TextEncoder().encode(
    `<html><body>${"<div>".repeat(depth)}一、总体要求${"</div>".repeat(depth)}</body></html>`,
  );
}

const DIGITS = "零一二三四五六七八九";

/** 1..999 in Chinese numerals: 3 → 三, 15 → 十五, 120 → 一百二十, 305 → 三百零五. */
function chinese(n: number): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let out = h ? `${DIGITS[h]}百` : "";
  if (t) out += `${h || t > 1 ? DIGITS[t] : ""}十`;
  else if (h && u) out += "零";
  return out + (u ? DIGITS[u] : "");
}

/** A plan in plain text with `tasks` numbered tasks under sections of 20. */
export function planText(tasks: number, title = "临川县教育和体育局2025年工作要点"): string {
  const lines = [title];
  for (let i = 0; i < tasks; i++) {
    if (i % 20 === 0) lines.push(`${chinese(i / 20 + 1)}、重点工作第${i / 20 + 1}部分`);
    lines.push(
      `${(i % 20) + 1}.推进第${i + 1}项重点工作。完善工作机制，确保按期完成。（责任单位：基教股）（6月底前完成）`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Huge text: an honest-looking plan repeated to about `megabytes` of UTF-8. */
export function hugeText(megabytes: number): Uint8Array {
  const unit = planText(200);
  const bytes = Buffer.byteLength(unit);
  return new TextEncoder().encode(unit.repeat(Math.ceil((megabytes * 1024 * 1024) / bytes)));
}
