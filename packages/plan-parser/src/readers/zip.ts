import { crc32, inflateRawSync } from "node:zlib";
import { PlanParseError } from "../errors.js";
import { limitError, type ReadLimits } from "./limits.js";

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntryInfo {
  name: string;
  method: number;
  encrypted: boolean;
  crc: number;
  packedSize: number;
  size: number;
  localOffset: number;
}

const corrupt = (detail: string) => new PlanParseError("CORRUPT_DOCUMENT", detail);
/** Entries smaller than this may pack as tightly as they like (a blank styles part does). */
const RATIO_FLOOR = 1024 * 1024;

/** The central directory: every entry's name and sizes, read without unpacking anything. */
function centralDirectory(buf: Buffer): ZipEntryInfo[] {
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt("truncated zip archive (no end of central directory)");
  const count = buf.readUInt16LE(end + 10);
  const size = buf.readUInt32LE(end + 12);
  // Bytes before the archive (a self-extractor stub) shift every offset by the same amount.
  const shift = end - size - buf.readUInt32LE(end + 16);
  let at = end - size;
  if (at < 0 || shift < 0) throw corrupt("bad central directory offset");
  const entries: ZipEntryInfo[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== 0x02014b50) throw corrupt("bad central directory entry");
    const nameLength = buf.readUInt16LE(at + 28);
    const flags = buf.readUInt16LE(at + 8);
    entries.push({
      name: buf.toString(flags & 0x800 ? "utf8" : "latin1", at + 46, at + 46 + nameLength),
      method: buf.readUInt16LE(at + 10),
      encrypted: (flags & 1) === 1,
      crc: buf.readUInt32LE(at + 16),
      packedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42) + shift,
    });
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return entries;
}

/**
 * A zip archive (docx, xlsx) read under the limits: the sizes its directory declares are checked
 * before anything is unpacked, and unpacking stops at the byte budget whatever they declared.
 */
export class LimitedZip {
  readonly entries: Map<string, ZipEntryInfo>;
  private readonly buf: Buffer;
  private unpacked = 0;

  constructor(
    bytes: Uint8Array,
    private readonly limits: ReadLimits,
  ) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const list = centralDirectory(this.buf);
    this.entries = new Map(list.map((e) => [e.name, e]));
    let declared = 0;
    for (const e of list) {
      declared += e.size;
      if (e.size > RATIO_FLOOR && e.size > e.packedSize * limits.maxZipRatio) {
        throw limitError("ZIP_BOMB", limits.maxUnzippedBytes, `${e.name} packs ${e.size} bytes into ${e.packedSize}`);
      }
    }
    if (declared > limits.maxUnzippedBytes) {
      throw limitError("ZIP_BOMB", limits.maxUnzippedBytes, `entries declare ${declared} bytes`);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** An entry's bytes, unpacked within what is left of the budget; CRC checked. */
  bytes(name: string): Buffer | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    if (e.encrypted) throw new PlanParseError("ENCRYPTED_DOCUMENT", `${name} is encrypted`);
    const at = e.localOffset;
    if (at + 30 > this.buf.length || this.buf.readUInt32LE(at) !== 0x04034b50)
      throw corrupt(`bad local header of ${name}`);
    const start = at + 30 + this.buf.readUInt16LE(at + 26) + this.buf.readUInt16LE(at + 28);
    const packed = this.buf.subarray(start, start + e.packedSize);
    if (packed.length < e.packedSize) throw corrupt(`${name} is cut short`);
    const budget = this.limits.maxUnzippedBytes - this.unpacked;
    let out: Buffer;
    if (e.method === 0) {
      out = packed;
    } else if (e.method === 8) {
      try {
        out = inflateRawSync(packed, { maxOutputLength: Math.max(1, budget) });
      } catch (err) {
        if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          throw limitError("ZIP_BOMB", this.limits.maxUnzippedBytes, `${name} unpacks past the budget`);
        }
        throw new PlanParseError("CORRUPT_DOCUMENT", `unreadable part ${name}`, { cause: err });
      }
    } else {
      throw corrupt(`${name} uses compression method ${e.method}`);
    }
    if (out.length > budget)
      throw limitError("ZIP_BOMB", this.limits.maxUnzippedBytes, `${name} unpacks past the budget`);
    this.unpacked += out.length;
    if (out.length !== e.size || crc32(out) !== e.crc) throw corrupt(`${name} does not match its checksum`);
    return out;
  }

  text(name: string): string | undefined {
    return this.bytes(name)?.toString("utf8");
  }
}
