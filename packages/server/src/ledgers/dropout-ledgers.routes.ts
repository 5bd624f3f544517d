import {
  DROPOUT_LEDGER_LABELS,
  DropoutLedgerExportQuery,
  DropoutLedgerParams,
  DropoutLedgerQuery,
  DropoutLedgerView,
  DropoutMonthlyReturn,
  DropoutQuarterReview,
  DropoutReturnBody,
  DropoutReturnQuery,
  DropoutReturns,
  DropoutReviewBody,
  DropoutReviewParams,
  DropoutReviewQuery,
  ErrorBody,
  FileAnswer,
  LedgerImportAnswer,
} from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES } from "../auth/actor.js";
import { sendFile } from "../http/file-reply.js";
import { errors, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { refreshBoundTasks } from "./binding-refresh.js";
import { dropoutLedgerView, exportDropoutLedger, importDropoutLedger } from "./dropout-ledgers.js";
import { completeQuarterReview, dropoutReturns, quarterReviewRead, submitDropoutReturn } from "./dropout-returns.js";
import { LEDGER_ASSIGNERS } from "./ledger-access.js";
import { importSummary, readLedgerImport } from "./ledger-import-upload.js";
import { XLSX_TYPE } from "./ledger-xlsx.js";

const tags = ["ledgers"];
const names = Object.values(DROPOUT_LEDGER_LABELS).join("、");

/**
 * The 控辍保学 台账 (疑似辍学学生台账, 辍学学生台账): view, xlsx export in the national layout, import;
 * and the rhythm: the school's monthly return (zero return allowed), the county's quarterly review.
 */
export function dropoutLedgersRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);

  app.get(
    "/api/ledgers/dropout-ledgers/:kind",
    {
      // Paged by the bureau again and again: kept until a write.
      config: { auth: ALL_ROLES, cache: true },
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
      return sendFile(reply, XLSX_TYPE, file);
    },
  );

  app.post(
    "/api/ledgers/dropout-ledgers/:kind/import",
    {
      config: { auth: ["school_reporter"] },
      schema: {
        tags,
        summary: importSummary("本校控辍保学台账"),
        params: DropoutLedgerParams,
        consumes: ["multipart/form-data"],
        response: withErrors({ 200: LedgerImportAnswer, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody }),
      },
    },
    async (request) => {
      const { bytes, mode } = await readLedgerImport(request, deps.config.maxUploadBytes);
      const actor = actorOf(request);
      const answer = await importDropoutLedger(deps.db, actor, request.params.kind, bytes, mode, now);
      if (mode !== "check" && answer.created + answer.corrected > 0)
        await refreshBoundTasks(deps.db, now, actor.regionId, actor.userId);
      return answer;
    },
  );

  app.get(
    "/api/ledgers/dropout-returns",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "控辍保学月报（学校：本校月报及所列学生；教育局：各校报送情况和数量）",
        querystring: DropoutReturnQuery,
        response: withErrors({ 200: DropoutReturns }),
      },
    },
    async (request) => dropoutReturns(deps.db, actorOf(request), request.query, now),
  );

  app.post(
    "/api/ledgers/dropout-returns",
    {
      config: { auth: ["school_reporter"] },
      schema: {
        tags,
        summary: "报送本校控辍保学月报（列出本月在册风险和辍学学生；无则为零报告）",
        body: DropoutReturnBody,
        response: withErrors({ 200: Type.Object({ return: DropoutMonthlyReturn }) }),
      },
    },
    async (request) => ({ return: await submitDropoutReturn(deps.db, actorOf(request), request.body, now) }),
  );

  app.get(
    "/api/ledgers/dropout-reviews/:quarter",
    {
      // Opened by the bureau again and again: kept until a write, or until a return or the review falls due.
      config: { auth: ["admin", "supervisor", "dept_head", "leader"], cache: true },
      schema: {
        tags,
        summary: "县级控辍保学季度复核：各校月报报送情况、本季度案例数（按学校、状态）及一页案例（个人信息脱敏）",
        params: DropoutReviewParams,
        querystring: DropoutReviewQuery,
        response: withErrors({ 200: DropoutQuarterReview }),
      },
    },
    async (request) => {
      const { review, expires } = await quarterReviewRead(
        deps.db,
        actorOf(request),
        request.params.quarter,
        now,
        request.query,
      );
      if (expires !== undefined) request.readExpires = expires;
      return review;
    },
  );

  app.post(
    "/api/ledgers/dropout-reviews/:quarter",
    {
      config: { auth: LEDGER_ASSIGNERS },
      schema: {
        tags,
        summary: "完成控辍保学季度复核（填写复核意见，记入审计）",
        params: DropoutReviewParams,
        body: DropoutReviewBody,
        response: withErrors({ 200: DropoutQuarterReview }),
      },
    },
    async (request) => completeQuarterReview(deps.db, actorOf(request), request.params.quarter, request.body.note, now),
  );
}
