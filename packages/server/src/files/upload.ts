import type { FastifyRequest } from "fastify";
import { AppError, badRequest } from "../errors.js";
import { takeTurnIfLong } from "../loop-turns.js";
import { fileTooLarge } from "./rejection.js";
import { safeFilename } from "./sniff.js";

export interface Upload {
  bytes: Buffer;
  filename: string;
  fields: Record<string, string>;
}

/** The one file field a form declares, and the text fields it may carry besides. */
export interface UploadForm {
  fileField: string;
  fields: readonly string[];
  /** The configured size limit (config.maxUploadBytes, the plugin's too), to name it when a file passes it. */
  maxBytes: number;
}

/** ES2024's resizable ArrayBuffer (Node 20 has it; the project's TypeScript lib predates it). */
interface ResizableArrayBuffer extends ArrayBuffer {
  resize(byteLength: number): void;
}
const ResizableBuffer = ArrayBuffer as unknown as new (
  byteLength: number,
  options: { maxByteLength: number },
) => ResizableArrayBuffer;

/**
 * Reads a file part chunk by chunk into one buffer that grows in place (a resizable ArrayBuffer
 * reserving the size limit): no step copies the whole file at once on the event loop (the
 * plugin's toBuffer() concatenated 20 MB in one go, faulting in every page of a fresh block
 * while requests waited), and the result fills its own buffer, so a worker can take it without a
 * copy (work/work-pool.ts). Undefined when the file passed the limit (the plugin truncated it).
 */
async function readGrowing(file: AsyncIterable<Buffer> & { truncated?: boolean }, maxBytes: number) {
  const buffer = new ResizableBuffer(0, { maxByteLength: maxBytes });
  let length = 0;
  for await (const chunk of file) {
    if (file.truncated) return undefined;
    const end = length + chunk.length;
    if (end > maxBytes) return undefined;
    if (end > buffer.byteLength) buffer.resize(Math.min(maxBytes, Math.max(end, 2 * buffer.byteLength, 64 * 1024)));
    new Uint8Array(buffer, length, chunk.length).set(chunk);
    length = end;
    // Chunks already buffered arrive without a turn of the loop between them.
    await takeTurnIfLong();
  }
  if (file.truncated) return undefined;
  buffer.resize(length);
  return Buffer.from(buffer, 0, length);
}

/**
 * Reads a multipart request: the declared file part (size-limited by the plugin) and the declared
 * text fields. Any other part, and a second file, is refused before a byte of it is buffered.
 */
export async function readUpload(request: FastifyRequest, form: UploadForm): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE", 415);
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string } | undefined;
  // One spare file and field, so a second file or an unknown field is refused by name
  // (UNEXPECTED_PART) before it is read; past that the plugin stops parsing (PAYLOAD_TOO_LARGE).
  const limits = { files: 2, fields: form.fields.length + 1, parts: form.fields.length + 2 };
  for await (const part of request.parts({ limits })) {
    if (part.type === "file") {
      if (part.fieldname !== form.fileField || file) throw badRequest("UNEXPECTED_PART", { part: part.fieldname });
      const bytes = await readGrowing(part.file, form.maxBytes);
      if (!bytes) throw fileTooLarge(safeFilename(part.filename) ?? "文件", form.maxBytes);
      file = { bytes, filename: part.filename };
    } else {
      if (!form.fields.includes(part.fieldname) || typeof part.value !== "string")
        throw badRequest("UNEXPECTED_PART", { part: part.fieldname });
      if (part.value.includes("\0")) throw badRequest("INVALID_TEXT");
      fields[part.fieldname] = part.value;
    }
  }
  if (!file || file.bytes.length === 0) throw badRequest("FILE_REQUIRED");
  const filename = safeFilename(file.filename);
  if (!filename) throw badRequest("FILE_NAME_INVALID");
  return { bytes: file.bytes, filename, fields };
}
