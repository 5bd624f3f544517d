import JSZip from "jszip";
import { type DocxFonts, FONT_FALLBACKS } from "./docx-style.js";

const FONT_TABLE = "word/fontTable.xml";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A CJK font entry: GB2312 charset and an alternate name Word and WPS use when the font is missing. */
function fontEntry(name: string): string {
  const alt = FONT_FALLBACKS[name];
  const altName = alt ? `<w:altName w:val="${escapeXml(alt)}"/>` : "";
  return `<w:font w:name="${escapeXml(name)}">${altName}<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`;
}

/**
 * The docx library writes an empty font table; declaring the official fonts there with
 * their fallbacks lets a machine without 方正小标宋简体 or 仿宋_GB2312 substitute 宋体/仿宋.
 */
export async function addFontFallbacks(bytes: Uint8Array, fonts: DocxFonts): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file(FONT_TABLE);
  if (!file) return bytes;
  const xml = await file.async("string");
  const names = [...new Set([fonts.title, fonts.body, fonts.heading, "宋体"])];
  const entries = names.map(fontEntry).join("");
  const patched = xml.includes("</w:fonts>")
    ? xml.replace("</w:fonts>", `${entries}</w:fonts>`)
    : xml.replace(/<w:fonts([^>]*)\/>\s*$/, `<w:fonts$1>${entries}</w:fonts>`);
  zip.file(FONT_TABLE, patched);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
