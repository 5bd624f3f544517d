import {
  ErrorBody,
  FileAnswer,
  IdParams,
  SchoolAgeCaseBody,
  SchoolAgeCompareAnswer,
  SchoolAgeExportQuery,
  SchoolAgeImportAnswer,
  SchoolAgeQuery,
  SchoolAgeReveal,
  SchoolAgeView,
} from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES } from "../auth/actor.js";
import { sendFile } from "../http/file-reply.js";
import { errors, withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { refreshBoundTasks } from "./binding-refresh.js";
import { LEDGER_ASSIGNERS } from "./ledger-access.js";
import { importSummary, readLedgerImport } from "./ledger-import-upload.js";
import { XLSX_TYPE } from "./ledger-xlsx.js";
import {
  compareSchoolAge,
  exportSchoolAge,
  importSchoolAge,
  openChildCase,
  revealChild,
  schoolAgeView,
} from "./school-age.js";

const tags = ["ledgers"];
const BASE = "/api/ledgers/school-age-children";

/** The 适龄儿童台账: view, export, the county's import of its 户籍 roster, re-comparison, reveal, a case. */
export function schoolAgeRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);

  app.get(
    BASE,
    {
      // Paged and filtered by the bureau again and again: kept until a write (statuses by today's age).
      config: { auth: ALL_ROLES, cache: true },
      schema: {
        tags,
        summary:
          "适龄儿童台账（户籍与学籍按身份证件号比对：在校、适龄未入学、案例状态；教育局全部，学校本校学籍中的儿童）",
        querystring: SchoolAgeQuery,
        response: withErrors({ 200: SchoolAgeView }),
      },
    },
    async (request) => schoolAgeView(deps.db, actorOf(request), request.query, now),
  );

  app.get(
    `${BASE}/export`,
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "导出适龄儿童台账（Excel；个人信息默认脱敏，reveal=true 且有权时导出完整信息并记入审计）",
        querystring: SchoolAgeExportQuery,
        response: { ...errors, 200: FileAnswer("适龄儿童台账", [XLSX_TYPE]) },
      },
    },
    async (request, reply) => {
      const file = await exportSchoolAge(deps.db, actorOf(request), request.query, now);
      return sendFile(reply, XLSX_TYPE, file);
    },
  );

  app.post(
    `${BASE}/import`,
    {
      config: { auth: LEDGER_ASSIGNERS },
      schema: {
        tags,
        summary: importSummary("户籍适龄儿童名单", "；列按表头或同义词识别，导入后与学籍比对"),
        consumes: ["multipart/form-data"],
        response: withErrors({ 200: SchoolAgeImportAnswer, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody }),
      },
    },
    async (request) => {
      const { bytes, mode } = await readLedgerImport(request, deps.config.maxUploadBytes);
      return importSchoolAge(deps.db, actorOf(request), bytes, mode, now);
    },
  );

  app.post(
    `${BASE}/compare`,
    {
      config: { auth: LEDGER_ASSIGNERS },
      schema: {
        tags,
        summary: "重新比对户籍与学籍（按身份证件号，记入审计）",
        response: withErrors({ 200: SchoolAgeCompareAnswer }),
      },
    },
    async (request) => compareSchoolAge(deps.db, actorOf(request), now),
  );

  app.post(
    `${BASE}/:id/reveal`,
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "查看儿童的完整个人信息（记入审计）",
        params: IdParams,
        response: withErrors({ 200: SchoolAgeReveal }),
      },
    },
    async (request) => revealChild(deps.db, actorOf(request), request.params.id, now),
  );

  app.post(
    `${BASE}/:id/case`,
    {
      config: { auth: LEDGER_ASSIGNERS },
      schema: {
        tags,
        summary: "为适龄未入学儿童建立控辍保学案例（来源：四查三比对；在应入学校名下，并上报教育局）",
        params: IdParams,
        body: SchoolAgeCaseBody,
        response: withErrors({ 200: Type.Object({ caseId: Type.String() }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const answer = await openChildCase(deps.db, actor, request.params.id, request.body, now);
      await refreshBoundTasks(deps.db, now, actor.regionId, actor.userId);
      return answer;
    },
  );
}
