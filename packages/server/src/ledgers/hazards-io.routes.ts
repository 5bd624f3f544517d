import { ErrorBody, FileAnswer, HazardExportQuery, LedgerImportAnswer } from "@luoshi/contract";
import { ALL_ROLES } from "../auth/actor.js";
import { sendFile } from "../http/file-reply.js";
import { errors, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { refreshBoundTasks } from "./binding-refresh.js";
import { exportHazards, importHazards } from "./hazards-io.js";
import { LEDGER_WRITERS } from "./ledger-access.js";
import { importSummary, readLedgerImport } from "./ledger-import-upload.js";
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
      return sendFile(reply, XLSX_TYPE, file);
    },
  );

  app.post(
    "/api/ledgers/hazard-import",
    {
      config: { auth: LEDGER_WRITERS },
      schema: {
        tags,
        summary: importSummary("隐患台账"),
        consumes: ["multipart/form-data"],
        response: withErrors({ 200: LedgerImportAnswer, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody }),
      },
    },
    async (request) => {
      const { bytes, mode } = await readLedgerImport(request, deps.config.maxUploadBytes);
      const actor = actorOf(request);
      const answer = await importHazards(deps.db, actor, bytes, mode, now);
      if (mode !== "check" && answer.created + answer.corrected > 0)
        await refreshBoundTasks(deps.db, now, actor.regionId, actor.userId);
      return answer;
    },
  );
}
