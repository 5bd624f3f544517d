import type { FastifyRequest } from "fastify";
import { AppError, badRequest } from "../errors.js";
import { safeFilename } from "./sniff.js";

export interface Upload {
  bytes: Buffer;
  filename: string;
  fields: Record<string, string>;
}

/** Reads a multipart request: the first file (size-limited by the plugin) and the text fields. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError("UNSUPPORTED_MEDIA_TYPE", 415);
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string } | undefined;
  for await (const part of request.parts()) {
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      if (!file) file = { bytes, filename: part.filename };
    } else if (typeof part.value === "string") {
      fields[part.fieldname] = part.value;
    }
  }
  if (!file || file.bytes.length === 0) throw badRequest("FILE_REQUIRED");
  const filename = safeFilename(file.filename);
  if (!filename) throw badRequest("FILE_NAME_INVALID");
  return { bytes: file.bytes, filename, fields };
}
