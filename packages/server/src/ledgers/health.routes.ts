import {
  ClassCheck,
  ClassCheckBody,
  ClassCheckKey,
  ClassCheckReveal,
  ClassChecks,
  ClassChecksQuery,
  ClassList,
  ErrorBody,
  FileAnswer,
  HealthExportQuery,
  HealthTrends,
  HealthTrendsQuery,
  NewClassBody,
  OutbreakAlert,
  OutbreakAlertsQuery,
  OutbreakReportBody,
  OutbreakRuleBody,
  OutbreakRuleParams,
  OutbreakRules,
  OutbreakRuleView,
  SchoolClass,
} from "@luoshi/contract";
import { Type } from "@sinclair/typebox";
import { ALL_ROLES } from "../auth/actor.js";
import { sendFile } from "../http/file-reply.js";
import { withErrors } from "../http/schemas.js";
import { type App, type AppDeps, actorOf } from "../http/types.js";
import { clockOf } from "../supervision/deps.js";
import { createClass, listChecks, listMyClasses, revealCheck, submitCheck } from "./health.service.js";
import { healthWorkbook } from "./health-export.js";
import { healthTrends } from "./health-trends.service.js";
import { illnessCaseRoutes } from "./illness-cases.routes.js";
import { LEDGER_ASSIGNERS, LEDGER_WRITERS } from "./ledger-access.js";
import { XLSX_TYPE } from "./ledger-xlsx.js";
import { changeOutbreakRule, listOutbreakRules } from "./outbreak-rules.service.js";
import { outbreakAlerts, reportOutbreak } from "./outbreaks.service.js";

const tags = ["ledgers"];
/** Class checks are written and named students revealed inside the school only. */
const SCHOOL = ["school_reporter"] as const;

/** Daily health reports (台账 · 晨午检): classes, class checks, reveals of named students. */
export function healthRoutes(app: App, deps: AppDeps): void {
  const now = clockOf(deps);

  app.get(
    "/api/ledgers/health/classes",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "班级（班主任：本班；学校疫情报告人：全校；教育局：各校）",
        querystring: Type.Object({ orgId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) }),
        response: withErrors({ 200: ClassList }),
      },
    },
    async (request) => listMyClasses(deps.db, actorOf(request), request.query),
  );

  app.post(
    "/api/ledgers/health/classes",
    {
      config: { auth: LEDGER_WRITERS },
      schema: { tags, summary: "新建班级", body: NewClassBody, response: withErrors({ 201: SchoolClass }) },
    },
    async (request, reply) => reply.status(201).send(await createClass(deps.db, actorOf(request), request.body, now)),
  );

  app.get(
    "/api/ledgers/health/checks",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "某日晨午检：各班各时段的报送状态与内容（姓名脱敏；教育局只见人数）",
        querystring: ClassChecksQuery,
        response: withErrors({ 200: ClassChecks }),
      },
    },
    async (request) => listChecks(deps.db, actorOf(request), request.query, now),
  );

  app.post(
    "/api/ledgers/health/checks",
    {
      config: { auth: SCHOOL },
      schema: {
        tags,
        summary: "填报晨午检（无因病缺课即“无异常”零报告；同一时段再次提交为更正）",
        body: ClassCheckBody,
        response: withErrors({ 201: ClassCheck }),
      },
    },
    async (request, reply) => reply.status(201).send(await submitCheck(deps.db, actorOf(request), request.body, now)),
  );

  app.get(
    "/api/ledgers/health/alerts",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary:
          "传染病预警：近两周按规则（班级1天3例、3天5例以上相似症状，学校1周流感样病例10例）触发的预警及报告情况",
        querystring: OutbreakAlertsQuery,
        response: withErrors({ 200: Type.Object({ alerts: Type.Array(OutbreakAlert) }) }),
      },
    },
    async (request) => ({ alerts: await outbreakAlerts(deps.db, actorOf(request), request.query, now) }),
  );

  app.post(
    "/api/ledgers/health/alerts/report",
    {
      config: { auth: SCHOOL },
      schema: {
        tags,
        summary: "确认已向属地疾控和教育局报告该预警（记入审计）",
        body: OutbreakReportBody,
        response: withErrors({ 200: OutbreakAlert }),
      },
    },
    async (request) => reportOutbreak(deps.db, actorOf(request), request.body, now),
  );

  app.post(
    "/api/ledgers/health/checks/reveal",
    {
      config: { auth: SCHOOL },
      schema: {
        tags,
        summary: "查看因病缺课学生完整姓名（记入审计）",
        body: ClassCheckKey,
        response: withErrors({ 200: ClassCheckReveal }),
      },
    },
    async (request) => revealCheck(deps.db, actorOf(request), request.body),
  );

  app.get(
    "/api/ledgers/health/rules",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "传染病预警规则：国家默认值、本地区修改后的现行值和版本、修改记录",
        response: withErrors({ 200: OutbreakRules }),
      },
    },
    async (request) => ({ rules: await listOutbreakRules(deps.db, actorOf(request).regionId) }),
  );

  app.put(
    "/api/ledgers/health/rules/:ruleId",
    {
      config: { auth: LEDGER_ASSIGNERS },
      schema: {
        tags,
        summary: "修改本地区的预警阈值（或恢复国家默认值）：生成新版本，已发出的预警保持原版本（记入审计）",
        params: OutbreakRuleParams,
        body: OutbreakRuleBody,
        response: withErrors({ 200: OutbreakRuleView }),
      },
    },
    async (request) => changeOutbreakRule(deps.db, actorOf(request), request.params.ruleId, request.body, now),
  );

  app.get(
    "/api/ledgers/health/trends",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary: "区间内逐日：因病缺课按症状（晨午检，人次）、因病缺勤病例按诊断（按发病日期）；只有人数",
        querystring: HealthTrendsQuery,
        response: withErrors({ 200: HealthTrends }),
      },
    },
    async (request) => healthTrends(deps.db, actorOf(request), request.query),
  );

  app.get(
    "/api/ledgers/health/export.xlsx",
    {
      config: { auth: ALL_ROLES },
      schema: {
        tags,
        summary:
          "导出晨午检统计（Excel）：某日各学校报送情况，区间内因病缺课按症状、因病缺勤病例按诊断（按日、按学校）",
        querystring: HealthExportQuery,
        response: { 400: ErrorBody, 200: FileAnswer("晨午检统计", [XLSX_TYPE]) },
      },
    },
    async (request, reply) => {
      const file = await healthWorkbook(deps.db, actorOf(request), request.query, now);
      return sendFile(reply, XLSX_TYPE, file);
    },
  );

  illnessCaseRoutes(app, deps);
}
