import { IMPORT_MODE_LABELS, type ImportMode } from "@luoshi/contract";
import type { FastifyRequest } from "fastify";
import { badRequest } from "../errors.js";
import { readUpload } from "../files/upload.js";

/** What every ledger's xlsx import route documents: the form fields and the three modes. */
export const importSummary = (what: string, after = "") =>
  `导入${what}（multipart：file 为 Excel，mode=check 只检查、all 全部导入（有错误行则不导入）、valid 仅导入有效行）；每个错误行列出行号${after}`;

/** Reads a ledger import form (the xlsx in `file`, `mode` defaulting to check); a mode not listed is a 400. */
export async function readLedgerImport(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ bytes: Buffer; mode: ImportMode }> {
  const upload = await readUpload(request, { fileField: "file", fields: ["mode"], maxBytes });
  const mode = (upload.fields.mode ?? "check") as ImportMode;
  if (!Object.hasOwn(IMPORT_MODE_LABELS, mode)) throw badRequest("VALIDATION_FAILED", { field: "mode" });
  return { bytes: upload.bytes, mode };
}
