import {
  DROPOUT_LEDGER_LABELS,
  DropoutLedgerExportQuery,
  DropoutLedgerParams,
  DropoutLedgerQuery,
  DropoutLedgerView,
  ErrorBody,
  FileAnswer,
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
import { dropoutLedgerView, exportDropoutLedger, importDropoutLedger } from "./dropout-ledgers.js";
import { XLSX_TYPE } from "./ledger-xlsx.js";

const tags = ["ledgers"];
const names = Object.values(DROPOUT_LEDGER_LABELS).join("、");

/** The 控辍保学 台账 (疑似辍学学生台账, 辍学学生台账): view, xlsx export in the national layout, import. */
export function dropoutLedgersRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);

  app.get(
    "/api/ledgers/dropout-ledgers/:kind",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: `控辍保学台账（${names}；学校：本校；教育局：已上报的案例）`,
        params: DropoutLedgerParams,
        querystring: DropoutLedgerQuery,
        response: withErrors({ 200: DropoutLedgerView }),
      },
    },
    async (request) => dropoutLedgerView(deps.db, actorOf(request), request.params.kind, request.query),
  );

  app.get(
    "/api/ledgers/dropout-ledgers/:kind/export",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary:
          "导出控辍保学台账（Excel，全国台账列名；个人信息默认脱敏，reveal=true 且有权时导出完整信息并记入审计）",
        params: DropoutLedgerParams,
        querystring: DropoutLedgerExportQuery,
        response: { ...errors, 200: FileAnswer("控辍保学台账", [XLSX_TYPE]) },
      },
    },
    async (request, reply) => {
      const { kind } = request.params;
      const file = await exportDropoutLedger(deps.db, actorOf(request), kind, request.query, now);
      return reply
        .type(XLSX_TYPE)
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .send(file.bytes);
    },
  );

  app.post(
    "/api/ledgers/dropout-ledgers/:kind/import",
    {
      config: { auth: ["school_reporter"] },
      schema: {
        tags,
        summary:
          "导入本校控辍保学台账（multipart：file 为 Excel 台账，mode=check 只检查、all 全部导入（有错误行则不导入）、valid 仅导入有效行）；每个错误行列出行号",
        params: DropoutLedgerParams,
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
      const answer = await importDropoutLedger(deps.db, actor, request.params.kind, upload.bytes, mode, now);
      if (mode !== "check" && answer.created + answer.corrected > 0)
        await refreshBoundTasks(deps.db, now, actor.regionId, actor.userId);
      return answer;
    },
  );
}
