/**
 * Content-type sniffing from magic bytes. A small table instead of the `file-type`
 * package, whose current versions need Node 22.
 */
export interface Sniffed {
  mime: string;
  extensions: string[];
}

const TABLE: { mime: string; extensions: string[]; test: (b: Uint8Array) => boolean }[] = [
  { mime: "application/pdf", extensions: ["pdf"], test: (b) => starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { mime: "image/png", extensions: ["png"], test: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: "image/jpeg", extensions: ["jpg", "jpeg"], test: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  { mime: "image/gif", extensions: ["gif"], test: (b) => starts(b, [0x47, 0x49, 0x46, 0x38]) },
  {
    mime: "image/webp",
    extensions: ["webp"],
    test: (b) => starts(b, [0x52, 0x49, 0x46, 0x46]) && starts(b.subarray(8), [0x57, 0x45, 0x42, 0x50]),
  },
  // Office Open XML (docx, xlsx, pptx) and OpenDocument (odt, ods, odp) are zip files; the extension tells which.
  {
    mime: "application/zip",
    extensions: ["docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"],
    test: (b) => starts(b, [0x50, 0x4b, 0x03, 0x04]),
  },
  // Legacy OLE2 compound files: doc, xls, ppt, and WPS Office's wps, et, dps.
  {
    mime: "application/x-ole-storage",
    extensions: ["doc", "xls", "ppt", "wps", "et", "dps"],
    test: (b) => starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  },
  { mime: "application/rtf", extensions: ["rtf", "doc"], test: (b) => starts(b, [0x7b, 0x5c, 0x72, 0x74, 0x66]) },
];

const TEXT_EXTENSIONS = ["txt", "csv", "md", "html", "htm"];

const OFFICE_MIME: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
  wps: "application/vnd.ms-works",
  et: "application/vnd.ms-excel",
  dps: "application/vnd.ms-powerpoint",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  rtf: "application/rtf",
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

function starts(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((m, i) => bytes[i] === m);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  for (const b of sample) if (b === 0) return false;
  return true;
}

export const extensionOf = (filename: string): string => {
  const dot = filename.lastIndexOf(".");
  return dot < 0 ? "" : filename.slice(dot + 1).toLowerCase();
};

/**
 * The type the bytes really are, provided the name's extension agrees with it;
 * undefined for anything not allowed or mislabelled (a .pdf that is a PNG).
 */
export function sniffAllowed(bytes: Uint8Array, filename: string): Sniffed | undefined {
  const ext = extensionOf(filename);
  const hit = TABLE.find((t) => t.test(bytes));
  if (hit) {
    if (!hit.extensions.includes(ext)) return undefined;
    return { mime: OFFICE_MIME[ext] ?? hit.mime, extensions: hit.extensions };
  }
  if (TEXT_EXTENSIONS.includes(ext) && looksLikeText(bytes)) {
    return { mime: OFFICE_MIME[ext] ?? "text/plain; charset=utf-8", extensions: TEXT_EXTENSIONS };
  }
  return undefined;
}

/**
 * A stored display name: no path parts, no control or reserved characters, bounded
 * length. Undefined (rejected) for anything that tries to name a path.
 */
export function safeFilename(raw: string): string | undefined {
  if (/[\\/]/.test(raw) || raw.startsWith("..")) return undefined;
  const cleaned = raw
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  if (cleaned === "" || cleaned === "." || cleaned === "..") return undefined;
  return cleaned;
}
