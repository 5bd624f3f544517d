import { PlanParseError } from "../errors.js";
import type { Block, DocumentFormat } from "../model.js";
import { type ConvertTarget, convertWith, type DocumentConverter } from "./convert.js";
import { binaryShare, decodeText } from "./decode.js";
import { checkBlocks, LimitGuard, type ReadLimits, readLimits } from "./limits.js";

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
  // WPS Office saves .wps/.wpt as Word 97-2003 binaries and .et/.ett as Excel 97-2003 ones.
  doc: "doc",
  dot: "doc",
  wps: "doc",
  wpt: "doc",
  rtf: "rtf",
  odt: "odt",
  ott: "odt",
  xls: "xls",
  xlt: "xls",
  et: "xls",
  ett: "xls",
  ods: "ods",
  ots: "ods",
};

const extensionOf = (filename?: string): string | undefined =>
  /\.([a-z0-9]+)$/i.exec(filename ?? "")?.[1]?.toLowerCase();

function extensionFormat(filename?: string): DocumentFormat | undefined {
  const ext = extensionOf(filename);
  return ext ? EXTENSIONS[ext] : undefined;
}

const HTML_START =
  /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|p|div|table|h[1-6]|span|br|ul|ol|section|article)[\s/>]/i;

const ZIP_FORMATS: DocumentFormat[] = ["docx", "xlsx", "odt", "ods"];

function detectZip(bytes: Uint8Array, byName?: DocumentFormat): DocumentFormat {
  if (containsAscii(bytes, "word/document.xml")) return "docx";
  if (containsAscii(bytes, "xl/workbook.xml")) return "xlsx";
  // An OpenDocument file starts with its stored `mimetype` entry.
  const head = bytes.subarray(0, 256);
  if (containsAscii(head, "application/vnd.oasis.opendocument.text")) return "odt";
  if (containsAscii(head, "application/vnd.oasis.opendocument.spreadsheet")) return "ods";
  if (byName && ZIP_FORMATS.includes(byName)) return byName;
  // No end-of-central-directory record: the archive was cut short.
  if (!containsAscii(bytes, "PK\u0005\u0006")) throw new PlanParseError("CORRUPT_DOCUMENT", "truncated zip archive");
  throw new PlanParseError("UNSUPPORTED_FORMAT", "zip archive without a Word or Excel document");
}

const hasStream = (bytes: Uint8Array, name: string): boolean =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, "utf16le"));

/**
 * An OLE2 compound file: a Word 97-2003 document (.doc, and .wps as WPS Office saves it), an
 * Excel 97-2003 workbook (.xls, WPS .et), or an Office 2007+ file encrypted with a password.
 * Told apart by the stream names in its directory; another kind (a Works .wps) is read as the
 * name says, which leaves it to the converter.
 */
function detectCompoundFile(bytes: Uint8Array, byName?: DocumentFormat): DocumentFormat {
  if (hasStream(bytes, "EncryptedPackage")) {
    throw new PlanParseError("ENCRYPTED_DOCUMENT", "password-protected Office document");
  }
  if (hasStream(bytes, "PowerPoint Document"))
    throw new PlanParseError("UNSUPPORTED_FORMAT", "PowerPoint presentation");
  if (hasStream(bytes, "WordDocument")) return "doc";
  if (hasStream(bytes, "Workbook") || hasStream(bytes, "Book\u0000")) return "xls";
  if (byName === "xls" || byName === "ods" || byName === "xlsx") return "xls";
  return "doc";
}

const RTF_START = /^(\ufeff|\u00ef\u00bb\u00bf)?\s*\{\\rtf/;

/** Decides the format from the bytes first (magic numbers), the file name second. */
export function detectFormat(bytes: Uint8Array, filename?: string): DocumentFormat {
  const byName = extensionFormat(filename);
  if (bytes.length === 0) throw new PlanParseError("EMPTY_DOCUMENT");
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return detectZip(bytes, byName);
  }
  if (containsAscii(bytes.subarray(0, 1024), "%PDF-")) return "pdf";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return detectCompoundFile(bytes, byName);
  if (RTF_START.test(Buffer.from(bytes.subarray(0, 16)).toString("latin1"))) return "rtf";
  const other = OTHER_BINARIES.find((b) => startsWith(bytes, b.magic));
  if (other) throw new PlanParseError("UNSUPPORTED_FORMAT", other.what);

  // Sample the head, cut back to a UTF-8 character boundary so a split character does not read as GB18030.
  let end = Math.min(bytes.length, 64 * 1024);
  while (end < bytes.length && end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  const text = decodeText(bytes.subarray(0, end));
  if (binaryShare(text) > 0.02) {
    // Binary that claims a binary format by name is a damaged file of that format.
    if (byName && byName !== "txt" && byName !== "html") throw new PlanParseError("CORRUPT_DOCUMENT");
    throw new PlanParseError("NOT_A_DOCUMENT", "binary content");
  }
  if (text.trim() === "") throw new PlanParseError("EMPTY_DOCUMENT");
  const looksLikeHtml = HTML_START.test(text) || /<(html|body)[\s>]/i.test(text.slice(0, 4096));
  if (looksLikeHtml || (byName === "html" && /<[a-z!]/i.test(text))) return "html";
  return "txt";
}

/** A reader counts what it reads against the guard's limits and throws as soon as one is passed. */
type Reader = (bytes: Uint8Array, guard: LimitGuard) => Block[] | Promise<Block[]>;

/** Readers load on first use: a text file never pays for the PDF or spreadsheet libraries. */
const READERS: Record<DocumentFormat, () => Promise<Reader>> = {
  txt: () => import("./text.js").then((m) => m.readText),
  html: () => import("./html.js").then((m) => m.readHtml),
  docx: () => import("./docx.js").then((m) => m.readDocx),
  pdf: () => import("./pdf.js").then((m) => m.readPdf),
  xlsx: () => import("./xlsx.js").then((m) => m.readXlsx),
  doc: () => import("./doc.js").then((m) => m.readDoc),
  rtf: () => import("./rtf.js").then((m) => m.readRtf),
  odt: () => import("./odt.js").then((m) => m.readOdt),
  xls: () => import("./sheet.js").then((m) => m.readSheet),
  ods: () => import("./sheet.js").then((m) => m.readSheet),
};

/** Formats read by a library that may not know every variant; LibreOffice converts what it cannot read. */
const CONVERTIBLE: Partial<Record<DocumentFormat, ConvertTarget>> = {
  doc: "rtf",
  rtf: "docx",
  odt: "rtf",
  xls: "xlsx",
  ods: "xlsx",
};

/** Readers whose reading may lose numbering or table layout that a converter keeps; they say when. */
type LosesLayout = (bytes: Uint8Array, blocks: Block[]) => boolean | Promise<boolean>;
const LOSSY: Partial<Record<DocumentFormat, () => Promise<LosesLayout>>> = {
  doc: () => import("./doc.js").then((m) => m.docLosesLayout),
  odt: () => import("./odt.js").then((m) => m.odtLosesLayout),
};

export interface ReadOptions {
  /** Converts legacy files the built-in readers cannot read (the parser itself does no I/O). */
  converter?: DocumentConverter;
  /** How much a reader reads before it refuses the file (readers/limits.ts); defaults otherwise. */
  limits?: Partial<ReadLimits>;
}

const blockHasText = (b: Block): boolean => (b.kind === "paragraph" ? b.text.trim() !== "" : b.cells.some((c) => c));

/** One reading under a fresh guard; a reader that does not count as it reads is checked after. */
async function readAs(format: DocumentFormat, bytes: Uint8Array, limits: ReadLimits): Promise<Block[]> {
  try {
    const read = await READERS[format]();
    const blocks = await read(bytes, new LimitGuard(limits));
    checkBlocks(blocks, limits);
    return blocks;
  } catch (e) {
    if (e instanceof PlanParseError) throw e;
    throw new PlanParseError("CORRUPT_DOCUMENT", e instanceof Error ? e.message : String(e), { cause: e });
  }
}

/** A legacy file the library could not read (or read as empty) goes through the converter. */
async function readConvertible(
  format: DocumentFormat,
  target: ConvertTarget,
  bytes: Uint8Array,
  filename: string | undefined,
  converter: DocumentConverter | undefined,
  limits: ReadLimits,
): Promise<Block[]> {
  let failure: unknown;
  try {
    const blocks = await readAs(format, bytes, limits);
    if (!converter) return blocks;
    if (blocks.some(blockHasText)) {
      const loses = await LOSSY[format]?.();
      return (await loses?.(bytes, blocks))
        ? await convertedOr(blocks, converter, bytes, format, target, filename, limits)
        : blocks;
    }
    failure = new Error("no text read");
  } catch (e) {
    if (e instanceof PlanParseError && e.code === "ENCRYPTED_DOCUMENT") throw e;
    failure = e;
  }
  return readAs(target, await convertWith(converter, bytes, extensionFor(format, filename), target, failure), limits);
}

/** The converter's reading, which keeps numbering and merged cells; the library's if converting fails. */
async function convertedOr(
  blocks: Block[],
  converter: DocumentConverter,
  bytes: Uint8Array,
  format: DocumentFormat,
  target: ConvertTarget,
  filename: string | undefined,
  limits: ReadLimits,
): Promise<Block[]> {
  try {
    return await readAs(target, await converter.convert(bytes, extensionFor(format, filename), target), limits);
  } catch {
    return blocks;
  }
}

/** The extension a converter is told: the file's own when it names this format (wps, et…), else the format's. */
function extensionFor(format: DocumentFormat, filename: string | undefined): string {
  const ext = extensionOf(filename);
  return ext && EXTENSIONS[ext] === format ? ext : format;
}

/** Reads any supported file into blocks. Throws only PlanParseError. */
export async function readDocument(
  bytes: Uint8Array,
  filename?: string,
  options: ReadOptions = {},
): Promise<ReadResult> {
  const format = detectFormat(bytes, filename);
  const target = CONVERTIBLE[format];
  const limits = readLimits(options.limits);
  const blocks = target
    ? await readConvertible(format, target, bytes, filename, options.converter, limits)
    : await readAs(format, bytes, limits);
  if (!blocks.some(blockHasText)) throw new PlanParseError("EMPTY_DOCUMENT");
  return { format, blocks };
}
