import type { FastifyRequest } from "fastify";
import { AppError, badRequest } from "../errors.js";
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
  /** The configured size limit, to name it when a file passes it. */
  maxBytes?: number;
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
      const bytes = await part.toBuffer().catch((e: { code?: string }) => {
        if (e.code === "FST_REQ_FILE_TOO_LARGE" && form.maxBytes)
          throw fileTooLarge(safeFilename(part.filename) ?? "文件", form.maxBytes);
        throw e;
      });
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
