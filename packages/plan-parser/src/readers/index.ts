import { PlanParseError } from "../errors.js";
import type { Block, DocumentFormat } from "../model.js";
import { binaryShare, decodeText } from "./decode.js";

export interface ReadResult {
  format: DocumentFormat;
  blocks: Block[];
}

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

/** Finds an ASCII string in raw bytes (zip entry names are stored uncompressed). */
function containsAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, "latin1");
}

/** Formats recognised by their magic numbers that we do not read. */
const OTHER_BINARIES: { magic: number[]; what: string }[] = [
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "PNG image" },
  { magic: [0xff, 0xd8, 0xff], what: "JPEG image" },
  { magic: [0x47, 0x49, 0x46, 0x38], what: "GIF image" },
  { magic: [0x42, 0x4d], what: "BMP image" },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: "TIFF image" },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: "TIFF image" },
  { magic: [0x52, 0x61, 0x72, 0x21], what: "RAR archive" },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: "7z archive" },
  { magic: [0x1f, 0x8b], what: "gzip archive" },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: "RTF document" },
];

const EXTENSIONS: Record<string, DocumentFormat> = {
  docx: "docx",
  pdf: "pdf",
  xlsx: "xlsx",
  html: "html",
  htm: "html",
  shtml: "html",
  xhtml: "html",
  txt: "txt",
  text: "txt",
};

function extensionFormat(filename?: string): DocumentFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(filename ?? "")?.[1]?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

const HTML_START =
  /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|p|div|table|h[1-6]|span|br|ul|ol|section|article)[\s/>]/i;

function detectZip(bytes: Uint8Array, byName?: DocumentFormat): DocumentFormat {
  if (containsAscii(bytes, "word/document.xml")) return "docx";
  if (containsAscii(bytes, "xl/workbook.xml")) return "xlsx";
  if (byName === "docx" || byName === "xlsx") return byName;
  // No end-of-central-directory record: the archive was cut short.
  if (!containsAscii(bytes, "PK\u0005\u0006")) throw new PlanParseError("CORRUPT_DOCUMENT", "truncated zip archive");
  throw new PlanParseError("UNSUPPORTED_FORMAT", "zip archive without a Word or Excel document");
}

/** An OLE2 compound file: a legacy .doc/.xls, or an Office 2007+ file encrypted with a password. */
function detectCompoundFile(bytes: Uint8Array): never {
  const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
    Buffer.from("EncryptedPackage", "utf16le"),
  );
  if (encrypted) throw new PlanParseError("ENCRYPTED_DOCUMENT", "password-protected Office document");
  throw new PlanParseError("UNSUPPORTED_FORMAT", "legacy .doc/.xls (OLE2) document");
}

/** Decides the format from the bytes first (magic numbers), the file name second. */
export function detectFormat(bytes: Uint8Array, filename?: string): DocumentFormat {
  const byName = extensionFormat(filename);
  if (bytes.length === 0) throw new PlanParseError("EMPTY_DOCUMENT");
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return detectZip(bytes, byName);
  }
  if (containsAscii(bytes.subarray(0, 1024), "%PDF-")) return "pdf";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) detectCompoundFile(bytes);
  const other = OTHER_BINARIES.find((b) => startsWith(bytes, b.magic));
  if (other) throw new PlanParseError("UNSUPPORTED_FORMAT", other.what);

  // Sample the head, cut back to a UTF-8 character boundary so a split character does not read as GB18030.
  let end = Math.min(bytes.length, 64 * 1024);
  while (end < bytes.length && end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  const text = decodeText(bytes.subarray(0, end));
  if (binaryShare(text) > 0.02) {
    // Binary that claims a binary format by name is a damaged file of that format.
    if (byName === "docx" || byName === "xlsx" || byName === "pdf") throw new PlanParseError("CORRUPT_DOCUMENT");
    throw new PlanParseError("NOT_A_DOCUMENT", "binary content");
  }
  if (text.trim() === "") throw new PlanParseError("EMPTY_DOCUMENT");
  const looksLikeHtml = HTML_START.test(text) || /<(html|body)[\s>]/i.test(text.slice(0, 4096));
  if (looksLikeHtml || (byName === "html" && /<[a-z!]/i.test(text))) return "html";
  return "txt";
}

type Reader = (bytes: Uint8Array) => Block[] | Promise<Block[]>;

/** Readers load on first use: a text file never pays for the PDF or spreadsheet libraries. */
const READERS: Record<DocumentFormat, () => Promise<Reader>> = {
  txt: () => import("./text.js").then((m) => m.readText),
  html: () => import("./html.js").then((m) => m.readHtml),
  docx: () => import("./docx.js").then((m) => m.readDocx),
  pdf: () => import("./pdf.js").then((m) => m.readPdf),
  xlsx: () => import("./xlsx.js").then((m) => m.readXlsx),
};

const blockHasText = (b: Block): boolean => (b.kind === "paragraph" ? b.text.trim() !== "" : b.cells.some((c) => c));

/** Reads any supported file into blocks. Throws only PlanParseError. */
export async function readDocument(bytes: Uint8Array, filename?: string): Promise<ReadResult> {
  const format = detectFormat(bytes, filename);
  let blocks: Block[];
  try {
    const read = await READERS[format]();
    blocks = await read(bytes);
  } catch (e) {
    if (e instanceof PlanParseError) throw e;
    throw new PlanParseError("CORRUPT_DOCUMENT", e instanceof Error ? e.message : String(e), { cause: e });
  }
  if (!blocks.some(blockHasText)) throw new PlanParseError("EMPTY_DOCUMENT");
  return { format, blocks };
}
