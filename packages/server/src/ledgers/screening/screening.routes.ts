import {
  ErrorBody,
  FileAnswer,
  NewIntervention,
  RetestRecord,
  ScreeningComparisonQuery,
  ScreeningFollowup,
  ScreeningFollowups,
  ScreeningFollowupsQuery,
  ScreeningImportResult,
  ScreeningListExportQuery,
  ScreeningNoticesQuery,
  ScreeningRates,
  ScreeningRatesQuery,
  ScreeningReveal,
  ScreeningStudents,
  ScreeningStudentsQuery,
} from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { ALL_ROLES } from "../../auth/actor.js";
import { badRequest } from "../../errors.js";
import { readUpload } from "../../files/upload.js";
import { sendFile } from "../../http/file-reply.js";
import { errors, IdParams, withErrors } from "../../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../../http/types.js";
import { todayInShanghai } from "../../progress/periods.js";
import { clockOf } from "../../supervision/deps.js";
import { refreshBoundTasks } from "../binding-refresh.js";
import { type NoticeQuery, parentNotices } from "./parent-notice.service.js";
import {
  recordIntervention,
  recordRetest,
  revealScreeningResult,
  screeningFollowups,
  screeningRates,
  screeningStudents,
} from "./screening.service.js";
import { SCREENING_INDIVIDUAL_ROLES } from "./screening-access.js";
import { exportScreeningComparison, exportScreeningList } from "./screening-export.js";
import { importScreening } from "./screening-import.js";

const tags = ["ledgers"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const OneFollowup = withErrors({ 200: Type.Object({ followup: ScreeningFollowup }) });

/** The import form's text fields, checked like a querystring. */
function importFields(fields: Record<string, string>, fallback: { orgId: string; today: string }) {
  const year = Number(fields.year);
  const measuredOn = fields.measuredOn ?? fallback.today;
  const mode = fields.mode ?? "all";
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest("VALIDATION_FAILED", { field: "year" });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(measuredOn)) throw badRequest("VALIDATION_FAILED", { field: "measuredOn" });
  if (mode !== "all" && mode !== "valid_only") throw badRequest("VALIDATION_FAILED", { field: "mode" });
  return { orgId: fields.orgId || fallback.orgId, year, measuredOn, mode, dryRun: fields.dryRun === "true" } as const;
}

/** Student health screening (台账 · 学生健康筛查): import, rates, the school's list, 重点关注 and follow-up. */
export function screeningRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);

  app.post(
    "/api/ledgers/screening/import",
    {
      config: { auth: SCREENING_INDIVIDUAL_ROLES },
      schema: {
        tags,
        summary:
          "导入学生健康筛查数据（multipart：file 为 xlsx/csv；year 年度，orgId 学校，measuredOn 缺省检查日期，mode=all|valid_only，dryRun=true 只检查）",
        consumes: ["multipart/form-data"],
        response: withErrors({ 200: ScreeningImportResult, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const upload = await readUpload(request, {
        fileField: "file",
        fields: ["year", "orgId", "measuredOn", "mode", "dryRun"],
        maxBytes: deps.config.maxUploadBytes,
      });
      const fields = importFields(upload.fields, { orgId: actor.orgId, today: todayInShanghai(now()) });
      const result = await importScreening(deps.db, actor, upload.bytes, { ...fields, fileName: upload.filename }, now);
      if (!result.dryRun) await refreshBoundTasks(deps.db, now, actor.regionId, actor.userId);
      return result;
    },
  );

  app.get(
    "/api/ledgers/screening/rates",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "近视率、超重率、肥胖率、优良率、及格率（按学校、年级、班级或性别；含分子分母和较上年变化）",
        querystring: ScreeningRatesQuery,
        response: withErrors({ 200: ScreeningRates }),
      },
    },
    async (request) => screeningRates(deps.db, actorOf(request), request.query),
  );

  app.get(
    "/api/ledgers/screening/students",
    {
      config: { auth: SCREENING_INDIVIDUAL_ROLES },
      schema: {
        tags,
        summary: "学生筛查结果名单（姓名、学籍号、身份证号脱敏；仅学校和主管股室可见）",
        querystring: ScreeningStudentsQuery,
        response: withErrors({ 200: ScreeningStudents }),
      },
    },
    async (request) => screeningStudents(deps.db, actorOf(request), request.query),
  );

  app.post(
    "/api/ledgers/screening/students/:id/reveal",
    {
      config: { auth: SCREENING_INDIVIDUAL_ROLES },
      schema: {
        tags,
        summary: "查看学生完整姓名、学籍号和身份证号（记入审计）",
        params: IdParams,
        response: withErrors({ 200: ScreeningReveal }),
      },
    },
    async (request) => revealScreeningResult(deps.db, actorOf(request), request.params.id),
  );

  app.get(
    "/api/ledgers/screening/followups",
    {
      config: { auth: SCREENING_INDIVIDUAL_ROLES },
      schema: {
        tags,
        summary: "重点关注名单（新发近视、视力下降、新发肥胖、超重）及干预和复查",
        querystring: ScreeningFollowupsQuery,
        response: withErrors({ 200: ScreeningFollowups }),
      },
    },
    async (request) => screeningFollowups(deps.db, actorOf(request), request.query, now),
  );

  app.post(
    "/api/ledgers/screening/followups/:id/interventions",
    {
      config: { auth: SCREENING_INDIVIDUAL_ROLES },
      schema: {
        tags,
        summary: "记录干预措施（家长告知、转诊、运动处方、饮食指导）和复查日期",
        params: IdParams,
        body: NewIntervention,
        response: OneFollowup,
      },
    },
    async (request) => recordIntervention(deps.db, actorOf(request), request.params.id, request.body, now),
  );

  app.post(
    "/api/ledgers/screening/followups/:id/retest",
    {
      config: { auth: SCREENING_INDIVIDUAL_ROLES },
      schema: { tags, summary: "记录复查", params: IdParams, body: RetestRecord, response: OneFollowup },
    },
    async (request) => recordRetest(deps.db, actorOf(request), request.params.id, request.body, now),
  );

  const sendNotices = async (request: FastifyRequest, reply: FastifyReply, q: NoticeQuery) =>
    sendFile(reply, DOCX, await parentNotices(deps.db, actorOf(request), q, now));

  app.get(
    "/api/ledgers/screening/followups/:id/notice.docx",
    {
      config: { auth: SCREENING_INDIVIDUAL_ROLES },
      schema: {
        tags,
        summary: "打印学生的家长告知书（Word；记入审计）",
        params: IdParams,
        response: { ...errors, 200: FileAnswer("家长告知书", [DOCX]) },
      },
    },
    async (request, reply) => sendNotices(request, reply, { followupId: request.params.id }),
  );

  app.get(
    "/api/ledgers/screening/notices.docx",
    {
      config: { auth: SCREENING_INDIVIDUAL_ROLES },
      schema: {
        tags,
        summary: "按班级（或年级）打印重点关注学生的家长告知书，每人一页（Word；记入审计）",
        querystring: ScreeningNoticesQuery,
        response: { ...errors, 200: FileAnswer("家长告知书", [DOCX]) },
      },
    },
    async (request, reply) => sendNotices(request, reply, request.query),
  );

  app.get(
    "/api/ledgers/screening/students.xlsx",
    {
      config: { auth: SCREENING_INDIVIDUAL_ROLES },
      schema: {
        tags,
        summary: "导出学校的筛查结果名单和重点关注名单（Excel，姓名、学籍号脱敏；记入审计）",
        querystring: ScreeningListExportQuery,
        response: { ...errors, 200: FileAnswer("筛查结果名单", [XLSX]) },
      },
    },
    async (request, reply) =>
      sendFile(reply, XLSX, await exportScreeningList(deps.db, actorOf(request), request.query, now)),
  );

  app.get(
    "/api/ledgers/screening/rates.xlsx",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "导出各学校近三年近视率、超重率、肥胖率、优良率、及格率对比（Excel，含分子分母和较上年变化）",
        querystring: ScreeningComparisonQuery,
        response: { ...errors, 200: FileAnswer("筛查比率对比", [XLSX]) },
      },
    },
    async (request, reply) =>
      sendFile(reply, XLSX, await exportScreeningComparison(deps.db, actorOf(request), request.query)),
  );
}
