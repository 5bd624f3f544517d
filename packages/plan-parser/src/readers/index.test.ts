import * as XLSX from "@e965/xlsx";
import fc from "fast-check";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { PlanParseError } from "../errors.js";
import { findSoffice, sofficeConverter } from "../soffice.js";
import type { DocumentConverter } from "./convert.js";
import { detectFormat, readDocument } from "./index.js";
import { planDocx } from "./test-support/plan-docx.js";

/** An OLE2 compound file holding one stream (a Works .wps holds CONTENTS, a Word file WordDocument). */
function compoundFile(stream: string, data: Uint8Array): Uint8Array {
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, `/${stream}`, data);
  return new Uint8Array(XLSX.CFB.write(cfb, { type: "array" }));
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

/** Deterministic noise: no seed-dependent flakiness. */
function noise(length: number): Uint8Array {
  let x = 0x2545f491;
  return Uint8Array.from({ length }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x & 0xff;
  });
}

async function errorCode(bytes: Uint8Array, filename?: string, converter?: DocumentConverter): Promise<string> {
  try {
    await readDocument(bytes, filename, converter ? { converter } : {});
    return "no error";
  } catch (e) {
    return e instanceof PlanParseError ? e.code : `not a PlanParseError: ${String(e)}`;
  }
}

describe("format detection", () => {
  it("knows a Word document by the parts inside the zip, whatever its name", async () => {
    expect(detectFormat(await planDocx(), "通知.pdf")).toBe("docx");
  });

  it("knows PDF by its header and HTML by its markup", () => {
    expect(detectFormat(utf8("%PDF-1.7\n…"))).toBe("pdf");
    expect(detectFormat(utf8("<!DOCTYPE html><html><body><p>一、总体要求</p></body></html>"))).toBe("html");
    expect(detectFormat(utf8("  <div>一、总体要求</div>"))).toBe("html");
    expect(detectFormat(utf8("一、总体要求\n1.加强党建。"))).toBe("txt");
  });

  it("knows OpenDocument files by their mimetype entry and RTF by its header", async () => {
    const odf = async (mimetype: string) => {
      const zip = new JSZip();
      zip.file("mimetype", mimetype, { compression: "STORE" });
      zip.file("content.xml", "<office:document-content/>");
      return zip.generateAsync({ type: "uint8array" });
    };
    expect(detectFormat(await odf("application/vnd.oasis.opendocument.text"), "a.docx")).toBe("odt");
    expect(detectFormat(await odf("application/vnd.oasis.opendocument.spreadsheet"), "a.xlsx")).toBe("ods");
    expect(detectFormat(utf8("{\\rtf1\\ansi 一、总体要求\\par}"), "a.txt")).toBe("rtf");
  });

  it("tells a Word from an Excel compound file by its streams, and reads any other by its name", () => {
    const data = utf8("x".repeat(5000));
    expect(detectFormat(compoundFile("WordDocument", data), "plan.et")).toBe("doc");
    expect(detectFormat(compoundFile("Workbook", data), "plan.wps")).toBe("xls");
    expect(detectFormat(compoundFile("CONTENTS", data), "plan.wps")).toBe("doc");
    expect(detectFormat(compoundFile("CONTENTS", data), "plan.et")).toBe("xls");
  });

  it("uses the file name when the text alone is ambiguous", () => {
    expect(detectFormat(utf8("一、总体要求<br>1.加强党建。"), "plan.htm")).toBe("html");
    expect(detectFormat(utf8("一、总体要求<br>1.加强党建。"), "plan.txt")).toBe("txt");
  });
});

describe("unreadable input", () => {
  it.each([
    ["an empty file", new Uint8Array(), "EMPTY_DOCUMENT"],
    ["white space only", utf8(" \r\n\t\u3000\n"), "EMPTY_DOCUMENT"],
    ["a PNG image", PNG, "UNSUPPORTED_FORMAT"],
    ["random bytes", noise(4096), "NOT_A_DOCUMENT"],
    [
      "a compound file no built-in reader reads, without a converter",
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...noise(512)]),
      "CONVERTER_MISSING",
    ],
  ])("%s → %s", async (_, bytes, code) => {
    expect(await errorCode(bytes)).toBe(code);
  });

  it("reports a truncated Word document as corrupt", async () => {
    const docx = await planDocx();
    for (const length of [30, 200, Math.floor(docx.length / 2), docx.length - 30]) {
      expect(await errorCode(docx.subarray(0, length), "plan.docx")).toBe("CORRUPT_DOCUMENT");
      expect(await errorCode(docx.subarray(0, length))).toBe("CORRUPT_DOCUMENT");
    }
  });

  it("refuses a zip archive that holds neither a Word nor an Excel document", async () => {
    const zip = new JSZip();
    zip.file("说明.txt", "一、总体要求");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expect(await errorCode(bytes)).toBe("UNSUPPORTED_FORMAT");
  });

  it("reports an Office file protected by a password as encrypted", async () => {
    const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const bytes = new Uint8Array([...header, ...noise(300), ...Buffer.from("EncryptedPackage", "utf16le")]);
    expect(await errorCode(bytes, "plan.docx")).toBe("ENCRYPTED_DOCUMENT");
  });

  it("reports a Word binary whose FIB says it is encrypted as encrypted, and refuses a PowerPoint file", async () => {
    const fib = new Uint8Array(0x400);
    const view = Buffer.from(fib.buffer);
    view.writeUInt16LE(0xa5ec, 0); // wIdent
    view.writeUInt16LE(0x0100, 0x0a); // fEncrypted
    expect(await errorCode(compoundFile("WordDocument", fib), "计划.wps")).toBe("ENCRYPTED_DOCUMENT");
    expect(await errorCode(compoundFile("PowerPoint Document", noise(2048)), "汇报.dps")).toBe("UNSUPPORTED_FORMAT");
  });

  it("names the missing converter for a Works-style .wps, and reports what LibreOffice cannot convert", async () => {
    const works = compoundFile("CONTENTS", noise(4096));
    await expect(readDocument(works, "计划.wps")).rejects.toMatchObject({
      code: "CONVERTER_MISSING",
      messageZh: expect.stringContaining("LibreOffice"),
    });
    const missing = sofficeConverter({ command: "/nonexistent/soffice" });
    expect(await errorCode(works, "计划.wps", missing)).toBe("CONVERTER_MISSING");
    await missing.dispose();
    if (findSoffice()) {
      const soffice = sofficeConverter();
      expect(await errorCode(works, "计划.wps", soffice)).toBe("CONVERSION_FAILED");
      await soffice.dispose();
    }
  }, 120_000);

  it("never throws anything but PlanParseError on arbitrary bytes, and finishes quickly", async () => {
    const prefixes = [
      "",
      "PK\u0003\u0004",
      "%PDF-1.4\n",
      "<html>",
      "\ufeff",
      "{\\rtf1 ",
      "\u00d0\u00cf\u0011\u00e0\u00a1\u00b1\u001a\u00e1",
    ].map((p) => Buffer.from(p, p.startsWith("\u00d0") ? "latin1" : "utf8"));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...prefixes),
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(
          undefined,
          "a.docx",
          "a.pdf",
          "a.xlsx",
          "a.html",
          "a.txt",
          "a.doc",
          "a.wps",
          "a.rtf",
          "a.odt",
          "a.et",
          "a.ods",
        ),
        async (prefix, body, filename) => {
          const started = Date.now();
          try {
            await readDocument(new Uint8Array([...prefix, ...body]), filename);
          } catch (e) {
            if (!(e instanceof PlanParseError)) throw e;
          }
          expect(Date.now() - started).toBeLessThan(5000);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
