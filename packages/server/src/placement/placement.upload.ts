import type { FastifyRequest } from "fastify";
import { badRequest } from "../errors.js";
import { extensionOf, safeFilename } from "../files/sniff.js";
import { PLACEMENT_ERRORS } from "./placement.messages.js";
import { placementError } from "./placement.problem.js";

export interface NamedFile {
  bytes: Buffer;
  filename: string;
}

export interface PlacementForm {
  /** Files by form field: roster, teachers, result. */
  files: Partial<Record<FileField, NamedFile>>;
  fields: Record<string, string>;
}

type FileField = "roster" | "teachers" | "result";
const TABLE_EXTENSIONS = ["csv", "xlsx", "txt"];

/** The parts a placement form declares: its file fields and its text fields. */
export interface PlacementFormSpec {
  files: readonly FileField[];
  fields: readonly string[];
}

/** Step 1 of the lottery (commit); a 补录 names its base with baseCommitmentId. */
export const COMMIT_FORM: PlacementFormSpec = {
  files: ["roster", "teachers"],
  fields: ["name", "classCount", "capacities", "schoolId", "drawPlan", "baseCommitmentId"],
};
export const VERIFY_FORM: PlacementFormSpec = { files: ["roster", "teachers", "result"], fields: [] };

/**
 * Reads a multipart form with several named files (the shared reader keeps only one file).
 * Only the declared parts are read: an undeclared or repeated part is refused (UNEXPECTED_PART)
 * before a byte of it is buffered. Sizes are limited by the multipart plugin; a body that is not
 * multipart is an empty form, so verify can be called with no body at all.
 */
export async function readPlacementForm(request: FastifyRequest, spec: PlacementFormSpec): Promise<PlacementForm> {
  const form: PlacementForm = { files: {}, fields: {} };
  if (!request.isMultipart()) return form;
  // One spare file and field, so an extra part is refused by name before the plugin's own limit.
  const limits = { files: spec.files.length + 1, fields: spec.fields.length + 1 };
  const seen = new Set<string>();
  for await (const part of request.parts({ limits })) {
    const declared =
      part.type === "file" ? spec.files.includes(part.fieldname as FileField) : spec.fields.includes(part.fieldname);
    if (!declared || seen.has(part.fieldname)) throw badRequest("UNEXPECTED_PART", { part: part.fieldname });
    seen.add(part.fieldname);
    if (part.type === "file") {
      const bytes = await part.toBuffer();
      if (bytes.length === 0) continue;
      const filename = safeFilename(part.filename);
      if (!filename) throw placementError("FILE_NAME_INVALID", 400, undefined, PLACEMENT_ERRORS.FILE_NAME_INVALID);
      form.files[part.fieldname as FileField] = { bytes, filename };
    } else if (typeof part.value === "string") {
      if (part.value.includes("\0")) throw badRequest("INVALID_TEXT");
      form.fields[part.fieldname] = part.value;
    }
  }
  for (const field of ["roster", "teachers"] as const) {
    const file = form.files[field];
    if (file && !TABLE_EXTENSIONS.includes(extensionOf(file.filename)))
      throw placementError("PLACEMENT_FILE_TYPE", 422, undefined, PLACEMENT_ERRORS.PLACEMENT_FILE_TYPE(field));
  }
  const result = form.files.result;
  if (result && extensionOf(result.filename) !== "json")
    throw placementError("PLACEMENT_FILE_TYPE", 422, undefined, PLACEMENT_ERRORS.PLACEMENT_RESULT_TYPE);
  return form;
}
