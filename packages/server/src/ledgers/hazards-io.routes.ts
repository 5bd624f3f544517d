import {
  ErrorBody,
  FileAnswer,
  HazardExportQuery,
  IMPORT_MODE_LABELS,
  type ImportMode,
  LedgerImportAnswer,
} from "@luoshi/contract";
import { ALL_ROLES } from "../auth/actor.js";
import { badRequest } from "../errors.js";
import { readUpload } from "../files/upload.js";
import { errors, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { refreshBoundTasks } from "./binding-refresh.js";
import { exportHazards, importHazards } from "./hazards-io.js";
import { LEDGER_WRITERS } from "./ledger-access.js";
import { XLSX_TYPE } from "./ledger-xlsx.js";

const tags = ["ledgers"];

/** The hazard ledger (隐患台账) as xlsx: export (filtered, personal fields masked unless revealed) and import. */
export function hazardsIoRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);

  app.get(
    "/api/ledgers/hazard-export",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "导出隐患台账（Excel，按筛选条件；个人信息默认脱敏，reveal=true 且有权时导出完整信息并记入审计）",
        querystring: HazardExportQuery,
        response: { ...errors, 200: FileAnswer("隐患台账", [XLSX_TYPE]) },
      },
    },
    async (request, reply) => {
      const file = await exportHazards(deps.db, actorOf(request), request.query, now);
      return reply
        .type(XLSX_TYPE)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.bytes);
    },
  );

  app.post(
    "/api/ledgers/hazard-import",
    {
      config: { auth: LEDGER_WRITERS },
      schema: {
        tags,
        summary:
          "导入隐患台账（multipart：file 为 Excel 台账，mode=check 只检查、all 全部导入（有错误行则不导入）、valid 仅导入有效行）；每个错误行列出行号",
        consumes: ["multipart/form-data"],
        response: withErrors({ 200: LedgerImportAnswer, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody }),
      },
    },
    async (request) => {
      const upload = await readUpload(request, {
        fileField: "file",
        fields: ["mode"],
        maxBytes: deps.config.maxUploadBytes,
      });
      const mode = (upload.fields.mode ?? "check") as ImportMode;
      if (!(mode in IMPORT_MODE_LABELS)) throw badRequest("VALIDATION_FAILED", { field: "mode" });
      const actor = actorOf(request);
      const answer = await importHazards(deps.db, actor, upload.bytes, mode, now);
      if (mode !== "check" && answer.created + answer.corrected > 0)
        await refreshBoundTasks(deps.db, now, actor.regionId, actor.userId);
      return answer;
    },
  );
}
