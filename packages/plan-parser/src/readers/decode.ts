import iconv from "iconv-lite";

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

/** Encodings that all mean "Simplified Chinese legacy"; GB18030 is a superset of the others. */
const GB_FAMILY = /^(gb2312|gbk|gb18030|x-gbk|cp936|ms936|windows-936|euc-cn|csgb2312|iso-ir-58|chinese)$/i;

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** UTF-16 without a BOM shows itself by a NUL in every other byte of ASCII text. */
function guessUtf16(bytes: Uint8Array): "utf16le" | "utf16be" | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 512);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return "utf16le";
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return "utf16be";
  return null;
}

/**
 * Decodes document text: a BOM decides; otherwise valid UTF-8 is UTF-8 (whatever a page
 * declares, since pages lie), then a declared charset iconv knows, then GB18030, the usual
 * encoding of Chinese government files that are not UTF-8.
 */
export function decodeText(bytes: Uint8Array, declaredCharset?: string): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return iconv.decode(buf.subarray(3), "utf8");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(buf.subarray(2), "utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(buf.subarray(2), "utf16be");
  const utf16 = guessUtf16(bytes);
  if (utf16) return withoutBom(iconv.decode(buf, utf16));
  try {
    return utf8Strict.decode(bytes);
  } catch {
    // not UTF-8: fall through to the legacy encodings
  }
  const declared = declaredCharset?.trim().toLowerCase();
  if (declared && !GB_FAMILY.test(declared) && !/^utf-?8$/.test(declared) && iconv.encodingExists(declared)) {
    return iconv.decode(buf, declared);
  }
  return iconv.decode(buf, "gb18030");
}

/** Share of characters that never occur in a text document (controls, replacement chars). */
export function binaryShare(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad / text.length;
}
