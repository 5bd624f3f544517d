import type { FastifyRequest } from "fastify";
import { extensionOf, safeFilename } from "../files/sniff.js";
import { PLACEMENT_ERRORS } from "./placement.messages.js";
import { PlacementProblem } from "./placement.problem.js";

export interface NamedFile {
  bytes: Buffer;
  filename: string;
}

export interface PlacementForm {
  /** Files by form field: roster, teachers, result. */
  files: Partial<Record<FileField, NamedFile>>;
  fields: Record<string, string>;
}

const FILE_FIELDS = ["roster", "teachers", "result"] as const;
type FileField = (typeof FILE_FIELDS)[number];
const TABLE_EXTENSIONS = ["csv", "xlsx", "txt"];

/**
 * Reads a multipart form with several named files (the shared reader keeps only the first file).
 * Sizes are limited by the multipart plugin; a body that is not multipart is an empty form,
 * so verify can be called with no body at all.
 */
export async function readPlacementForm(request: FastifyRequest): Promise<PlacementForm> {
  const form: PlacementForm = { files: {}, fields: {} };
  if (!request.isMultipart()) return form;
  for await (const part of request.parts()) {
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      const field = part.fieldname as FileField;
      if (!FILE_FIELDS.includes(field) || bytes.length === 0 || form.files[field]) continue;
      const filename = safeFilename(part.filename);
      if (!filename) throw new PlacementProblem("FILE_NAME_INVALID", 400, PLACEMENT_ERRORS.FILE_NAME_INVALID);
      form.files[field] = { bytes, filename };
    } else if (typeof part.value === "string") {
      form.fields[part.fieldname] = part.value;
    }
  }
  for (const field of ["roster", "teachers"] as const) {
    const file = form.files[field];
    if (file && !TABLE_EXTENSIONS.includes(extensionOf(file.filename)))
      throw new PlacementProblem("PLACEMENT_FILE_TYPE", 422, PLACEMENT_ERRORS.PLACEMENT_FILE_TYPE(field));
  }
  const result = form.files.result;
  if (result && extensionOf(result.filename) !== "json")
    throw new PlacementProblem("PLACEMENT_FILE_TYPE", 422, PLACEMENT_ERRORS.PLACEMENT_RESULT_TYPE);
  return form;
}
