import ExcelJS from "exceljs";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import { findUserByUsername } from "../auth/auth.repository.js";
import { actorFor, authenticate } from "../auth/auth.service.js";
import { generateBulletin } from "../bulletins/bulletins.service.js";
import type { Role } from "../db/schema.js";
import { storeEvidence } from "../files/files.service.js";
import { bindIndicator } from "../ledgers/bindings.service.js";
import { recordRound } from "../ledgers/hazards.service.js";
import { createClass, submitCheck } from "../ledgers/health.service.js";
import { DEFAULT_HEALTH_SCHEDULE } from "../ledgers/health-source.js";
import { recordIllnessCase } from "../ledgers/illness-cases.service.js";
import { issueNotice } from "../notices/notices.service.js";
import { upsertGroup } from "../orgs/org-groups.repository.js";
import { addAlias, createOrg } from "../orgs/orgs.service.js";
import {
  commitRequest,
  committedPlacement,
  drawRequest,
  placementMultipart,
  runRequest,
} from "../placement/placement.fixtures.js";
import { PERSONAL_FIELDS, PERSONAL_ROUTES, type PersonalFieldKey } from "../privacy/personal-fields.js";
import { answerLines, idRosterCsv, idStudents, type Seen, seenFields } from "../privacy/privacy.fixtures.js";
import { createEndpoint } from "../reminders/reminders.service.js";
import { DEFAULT_WEBHOOK_HOSTS } from "../reminders/webhook-guard.js";
import { createTestApp, loginAs, multipart, type Session, type TestContext } from "../test/app.js";
import { type DropoutFixture, dropoutFixture, dropoutListScopes, dropoutMatrixRows } from "../test/dropout.js";
import { PLAN_TEXT } from "../test/fixture.js";
import { aRound } from "../test/hazards.js";
import { anIllnessCase } from "../test/illness.js";
import { draftPlan, publishedPlan } from "../test/plans.js";
import {
  type SchoolAgeFixture,
  schoolAgeFixture,
  schoolAgeListScopes,
  schoolAgeMatrixRows,
} from "../test/school-age.js";
import { csvOf, pupil, seedScreening } from "../test/screening.js";
import { createUser } from "../users/users.service.js";

type Scope = "own" | "other";
const ROLES: Role[] = ["admin", "supervisor", "dept_head", "school_reporter", "leader"];
const ALL = ROLES;
const MANAGERS: Role[] = ["admin", "supervisor"];
/** A password the policy accepts (auth/password-policy.ts). */
const STRONG_PASSWORD = "Luoshi-matrix-2024";

interface Ctx {
  t: TestContext;
  role: Role;
  scope: Scope;
  session: Session;
}

interface Row {
  /** Roles allowed on their own bureau's data; "public" needs no login. */
  own: Role[] | "public";
  /** Roles allowed on the other bureau's data (none by default); null when the route has no "other". */
  other?: Role[] | null;
  req: (c: Ctx) => Promise<InjectOptions> | InjectOptions;
}

const bureauOf = (c: Ctx) => (c.scope === "own" ? c.t.fixture.a : c.t.fixture.b);
const uniq = () => Math.random().toString(36).slice(2, 10);
const upload = (c: Ctx, url: string, fields: Record<string, string> = {}) => {
  const body = multipart({ name: "plan.txt", bytes: PLAN_TEXT }, fields);
  return { method: "POST" as const, url, headers: { ...c.session.headers, ...body.headers }, payload: body.payload };
};

/** One placement run per bureau for its middle school, created by its admin, on a roster of 身份证号. */
let placements: Record<Scope, string>;
/** A run for the school the fixture's school reporter works at. */
let schoolRun: string;
const STUDENTS = idStudents();
const idRoster = () => ({ roster: { name: "名单.csv", bytes: idRosterCsv(STUDENTS) } });
/** Per bureau: a finished ceremony, and makers of fresh ones (committed, or committed and drawn). */
let ceremonies: Record<Scope, { done: string; fresh(): Promise<string>; drawn(): Promise<string> }>;
let plans: Record<
  Scope,
  { draft: { planId: string; taskIds: string[] }; pub: { planId: string; taskIds: string[] }; fileId: string }
>;

/** Per bureau: notices to the department and to the school, a robot endpoint, a bulletin. */
let sup: Record<
  Scope,
  {
    supervisor: Actor;
    toDept: string;
    toSchool: string;
    webhookId: string;
    bulletinId: string;
    notice(): Promise<string>;
    webhook(): Promise<string>;
  }
>;
/** Per bureau: a hazard of the school (found on a round), the round, a maker of fresh hazards, the school's officer. */
let ledgers: Record<Scope, { hazardId: string; roundId: string; fresh(): Promise<string>; officerId: string }>;
/** Per bureau: a screening result of the school and its 重点关注 follow-up. */
let screening: Record<Scope, { resultId: string; followupId: string }>;
const screeningUpload = (c: Ctx) => {
  const body = multipart(
    {
      name: "筛查.csv",
      bytes: csvOf([pupil(`G3${String(Date.now()).slice(-8)}${uniq().replace(/\W/g, "").slice(0, 6)}`.toUpperCase())]),
    },
    { year: "2024", measuredOn: "2024-10-10", orgId: bureauOf(c).schoolId },
  );
  return {
    method: "POST" as const,
    url: "/api/ledgers/screening/import",
    headers: { ...c.session.headers, ...body.headers },
    payload: body.payload,
  };
};
/** Per bureau: an escalated 控辍 case of the school, an evidence file, fresh 认定 applications. */
let dropout: Record<Scope, DropoutFixture>;
let schoolAge: Record<Scope, SchoolAgeFixture>;
/** An indicator of a fresh published plan of the bureau (one binding per call). */
const freshIndicator = async (c: Ctx) => {
  const { taskIds } = await publishedPlan(c.t.db, bureauOf(c).bureauId);
  const row = await c.t.db
    .selectFrom("indicators")
    .select("id")
    .where("task_id", "in", taskIds)
    .orderBy("seq")
    .executeTakeFirstOrThrow();
  return row.id;
};
/** Per bureau: a class of the school (no 班主任: the school reporter writes its checks), with a morning check. */
let health: Record<Scope, string>;
/** Per bureau: an illness-absence case of that class (issue 16). */
const illness = {} as Record<Scope, string>;
/** The latest weekday up to today in Asia/Shanghai (a school day of the default calendar). */
const schoolDay = () => {
  let d = new Date(Date.now() + 8 * 3_600_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d = new Date(d.getTime() - 86_400_000);
  return d.toISOString().slice(0, 10);
};
const hazardUrl = (c: Ctx, id = ledgers[c.scope].hazardId) => `/api/ledgers/hazards/${id}`;
const noticeFor = (c: Ctx) => (c.role === "dept_head" ? sup[c.scope].toDept : sup[c.scope].toSchool);
const supPost = (c: Ctx, url: string, payload: object = {}) => ({
  method: "POST" as const,
  url,
  headers: c.session.headers,
  payload,
});

/** One row per route. A route the server has and this table lacks fails the test. */
const MATRIX: Record<string, Row> = {
  "GET /api/health": { own: "public", other: null, req: () => ({ method: "GET", url: "/api/health" }) },
  "GET /api/auth/session": {
    own: "public",
    other: null,
    req: (c) => ({ method: "GET", url: "/api/auth/session", headers: c.session.headers }),
  },
  "POST /api/auth/login": {
    own: "public",
    other: null,
    req: (c) => ({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: c.t.fixture.a.users[c.role], password: "password123" },
    }),
  },
  "POST /api/auth/logout": {
    own: ALL,
    other: null,
    req: async (c) => ({
      method: "POST",
      url: "/api/auth/logout",
      headers: (await loginAs(c.t.app, c.t.fixture.a.users[c.role])).headers,
    }),
  },
  "POST /api/auth/password": {
    own: ALL,
    other: null,
    req: async (c) => {
      const username = `p${uniq()}`;
      await createUser(c.t.db, null, {
        orgId: c.t.fixture.a.bureauId,
        username,
        displayName: "改密码",
        password: "password123",
        role: c.role,
      });
      const session = await loginAs(c.t.app, username);
      return {
        method: "POST",
        url: "/api/auth/password",
        headers: session.headers,
        payload: { currentPassword: "password123", newPassword: STRONG_PASSWORD },
      };
    },
  },
  "GET /api/auth/me": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/auth/me", headers: c.session.headers }),
  },
  "GET /api/orgs": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/orgs", headers: c.session.headers }),
  },
  "GET /api/orgs/:id": {
    own: ["admin", "supervisor", "leader"],
    req: (c) => ({ method: "GET", url: `/api/orgs/${bureauOf(c).middleSchoolId}`, headers: c.session.headers }),
  },
  "POST /api/orgs": {
    own: ["admin"],
    req: (c) => ({
      method: "POST",
      url: "/api/orgs",
      headers: c.session.headers,
      payload: { parentId: bureauOf(c).bureauId, name: `学校${uniq()}`, kind: "school" },
    }),
  },
  "POST /api/orgs/:id/aliases": {
    own: ["admin"],
    req: (c) => ({
      method: "POST",
      url: `/api/orgs/${bureauOf(c).deptId}/aliases`,
      headers: c.session.headers,
      payload: { alias: `别名${uniq()}` },
    }),
  },
  "PATCH /api/orgs/:id": {
    own: ["admin"],
    req: (c) => ({
      method: "PATCH",
      url: `/api/orgs/${bureauOf(c).middleSchoolId}`,
      headers: c.session.headers,
      payload: { sortOrder: 7 },
    }),
  },
  "DELETE /api/orgs/:id": {
    own: ["admin"],
    req: async (c) => {
      const org = await createOrg(c.t.db, null, {
        parentId: bureauOf(c).bureauId,
        name: `学校${uniq()}`,
        kind: "school",
      });
      return { method: "DELETE", url: `/api/orgs/${org.id}`, headers: c.session.headers };
    },
  },
  "DELETE /api/orgs/:id/aliases/:aliasId": {
    own: ["admin"],
    req: async (c) => {
      const alias = await addAlias(c.t.db, null, bureauOf(c).deptId, `别名${uniq()}`);
      return {
        method: "DELETE",
        url: `/api/orgs/${bureauOf(c).deptId}/aliases/${alias.id}`,
        headers: c.session.headers,
      };
    },
  },
  "GET /api/users": {
    own: ["admin"],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/users", headers: c.session.headers }),
  },
  "POST /api/users": {
    own: ["admin"],
    req: (c) => ({
      method: "POST",
      url: "/api/users",
      headers: c.session.headers,
      payload: {
        orgId: bureauOf(c).schoolId,
        username: `u${uniq()}`,
        displayName: "新用户",
        password: STRONG_PASSWORD,
        role: "school_reporter",
      },
    }),
  },
  "POST /api/users/import": {
    own: ["admin"],
    other: null,
    // A dry run of a valid one-account sheet: the admin's answer is 200, nothing is written.
    req: async (c) => {
      const book = new ExcelJS.Workbook();
      const ws = book.addWorksheet("用户");
      ws.addRow(["用户名", "姓名", "单位", "角色"]);
      ws.addRow([`import_${uniq()}`, "导入测试", "城关实验小学", "学校填报员"]);
      const form = multipart(
        { name: "users.xlsx", bytes: Buffer.from(await book.xlsx.writeBuffer()) },
        { dryRun: "true" },
      );
      return {
        method: "POST",
        url: "/api/users/import",
        headers: { ...c.session.headers, ...form.headers },
        payload: form.payload,
      };
    },
  },
  "GET /api/users/import-template": {
    own: ["admin"],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/users/import-template", headers: c.session.headers }),
  },
  "GET /api/search": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: `/api/search?q=${encodeURIComponent("教育")}`, headers: c.session.headers }),
  },
  "GET /api/users/throttles": {
    own: ["admin"],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/users/throttles", headers: c.session.headers }),
  },
  "POST /api/users/throttles/clear": {
    own: ["admin"],
    req: async (c) => {
      const key = `account:t${uniq()}`;
      await c.t.db
        .insertInto("login_throttles")
        .values({ key, region_id: bureauOf(c).bureauId, failures: 3, last_attempt: new Date().toISOString() })
        .execute();
      return { method: "POST", url: "/api/users/throttles/clear", headers: c.session.headers, payload: { key } };
    },
  },
  "PATCH /api/users/:id": {
    own: ["admin"],
    req: async (c) => {
      const user = await createUser(c.t.db, null, {
        orgId: bureauOf(c).schoolId,
        username: `u${uniq()}`,
        displayName: "新用户",
        password: "password123",
        role: "school_reporter",
      });
      return {
        method: "PATCH",
        url: `/api/users/${user.id}`,
        headers: c.session.headers,
        payload: { displayName: "改名" },
      };
    },
  },
  "GET /api/plans": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/plans", headers: c.session.headers }),
  },
  "POST /api/plans": { own: MANAGERS, req: (c) => upload(c, "/api/plans", { orgId: bureauOf(c).bureauId }) },
  "GET /api/plans/:id": {
    own: ALL,
    req: (c) => ({ method: "GET", url: `/api/plans/${plans[c.scope].pub.planId}`, headers: c.session.headers }),
  },
  "GET /api/plans/:id/source": {
    own: ALL,
    req: (c) => ({ method: "GET", url: `/api/plans/${plans[c.scope].pub.planId}/source`, headers: c.session.headers }),
  },
  "PATCH /api/plans/:id": {
    own: MANAGERS,
    req: (c) => ({
      method: "PATCH",
      url: `/api/plans/${plans[c.scope].draft.planId}`,
      headers: c.session.headers,
      payload: { cadence: "monthly" },
    }),
  },
  "DELETE /api/plans/:id": {
    own: MANAGERS,
    req: async (c) => ({
      method: "DELETE",
      url: `/api/plans/${(await draftPlan(c.t.db, bureauOf(c).bureauId)).planId}`,
      headers: c.session.headers,
    }),
  },
  "POST /api/plans/:id/tasks": {
    own: MANAGERS,
    req: (c) => ({
      method: "POST",
      url: `/api/plans/${plans[c.scope].draft.planId}/tasks`,
      headers: c.session.headers,
      payload: { no: "9", title: "补录任务", units: ["基础教育股"] },
    }),
  },
  "PATCH /api/plans/:id/tasks/:taskId": {
    own: MANAGERS,
    req: (c) => ({
      method: "PATCH",
      url: `/api/plans/${plans[c.scope].draft.planId}/tasks/${plans[c.scope].draft.taskIds[0]}`,
      headers: c.session.headers,
      payload: { body: "修改" },
    }),
  },
  "DELETE /api/plans/:id/tasks/:taskId": {
    own: MANAGERS,
    req: async (c) => {
      const d = await draftPlan(c.t.db, bureauOf(c).bureauId);
      return { method: "DELETE", url: `/api/plans/${d.planId}/tasks/${d.taskIds[0]}`, headers: c.session.headers };
    },
  },
  "GET /api/plans/:id/units": {
    own: MANAGERS,
    req: (c) => ({ method: "GET", url: `/api/plans/${plans[c.scope].draft.planId}/units`, headers: c.session.headers }),
  },
  "PUT /api/plans/:id/units": {
    own: MANAGERS,
    req: (c) => ({
      method: "PUT",
      url: `/api/plans/${plans[c.scope].draft.planId}/units`,
      headers: c.session.headers,
      payload: { mappings: [{ unitName: "某股", ignored: true }] },
    }),
  },
  "POST /api/plans/:id/publish": {
    own: MANAGERS,
    req: async (c) => ({
      method: "POST",
      url: `/api/plans/${(await draftPlan(c.t.db, bureauOf(c).bureauId)).planId}/publish`,
      headers: c.session.headers,
    }),
  },
  "GET /api/plans/:id/gaps": {
    own: MANAGERS,
    req: (c) => ({ method: "GET", url: `/api/plans/${plans[c.scope].draft.planId}/gaps`, headers: c.session.headers }),
  },
  "POST /api/plans/:id/tasks/assign": {
    own: MANAGERS,
    req: async (c) => {
      const d = await draftPlan(c.t.db, bureauOf(c).bureauId);
      return {
        method: "POST",
        url: `/api/plans/${d.planId}/tasks/assign`,
        headers: c.session.headers,
        payload: { taskIds: [d.taskIds[0]], lead: [bureauOf(c).deptId], dueDate: "2024-10-31" },
      };
    },
  },
  "PUT /api/plans/:id/tasks/:taskId/indicators": {
    own: MANAGERS,
    req: async (c) => {
      const d = await publishedPlan(c.t.db, bureauOf(c).bureauId);
      return {
        method: "PUT",
        url: `/api/plans/${d.planId}/tasks/${d.taskIds[0]}/indicators`,
        headers: c.session.headers,
        payload: { indicators: [] },
      };
    },
  },
  "POST /api/plans/:id/withdraw": {
    own: MANAGERS,
    req: async (c) => ({
      method: "POST",
      url: `/api/plans/${(await publishedPlan(c.t.db, bureauOf(c).bureauId)).planId}/withdraw`,
      headers: c.session.headers,
      payload: { reason: "按新文件修订" },
    }),
  },
  "POST /api/plans/:id/archive": {
    own: MANAGERS,
    req: async (c) => ({
      method: "POST",
      url: `/api/plans/${(await publishedPlan(c.t.db, bureauOf(c).bureauId)).planId}/archive`,
      headers: c.session.headers,
      payload: {},
    }),
  },
  "GET /api/tasks/:id/periods": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/tasks/${plans[c.scope].pub.taskIds[0]}/periods`,
      headers: c.session.headers,
    }),
  },
  "GET /api/tasks/mine/reporting": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/tasks/mine/reporting", headers: c.session.headers }),
  },
  "GET /api/org-groups": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/org-groups", headers: c.session.headers }),
  },
  "POST /api/org-groups": {
    own: MANAGERS,
    req: (c) => ({
      method: "POST",
      url: "/api/org-groups",
      headers: c.session.headers,
      payload: { name: `分组${uniq()}`, orgIds: [bureauOf(c).schoolId] },
    }),
  },
  "PUT /api/org-groups/:id": {
    own: MANAGERS,
    req: async (c) => {
      const g = await upsertGroup(c.t.db, { region_id: bureauOf(c).bureauId, id: uniq(), name: `分组${uniq()}` });
      return {
        method: "PUT",
        url: `/api/org-groups/${g.id}`,
        headers: c.session.headers,
        payload: { name: `分组${uniq()}`, orgIds: [bureauOf(c).schoolId] },
      };
    },
  },
  "DELETE /api/org-groups/:id": {
    own: MANAGERS,
    req: async (c) => {
      const g = await upsertGroup(c.t.db, { region_id: bureauOf(c).bureauId, id: uniq(), name: `分组${uniq()}` });
      return { method: "DELETE", url: `/api/org-groups/${g.id}`, headers: c.session.headers };
    },
  },
  "POST /api/plans/:id/reimport": {
    own: MANAGERS,
    req: (c) => upload(c, `/api/plans/${plans[c.scope].draft.planId}/reimport`),
  },
  "POST /api/tasks/:id/reports": {
    own: ["admin", "dept_head", "school_reporter"],
    req: (c) => ({
      method: "POST",
      url: `/api/tasks/${plans[c.scope].pub.taskIds[1]}/reports`,
      headers: c.session.headers,
      // Task 2 is assigned to 基础教育股 and the schools; the admin reports for the department.
      payload: {
        period: "2024-05",
        status: "in_progress",
        narrative: "推进中",
        percent: 40,
        ...(c.role === "admin" ? { orgId: bureauOf(c).deptId } : {}),
      },
    }),
  },
  "GET /api/tasks/:id/reports": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/tasks/${plans[c.scope].pub.taskIds[0]}/reports`,
      headers: c.session.headers,
    }),
  },
  "POST /api/files": {
    own: ["admin", "supervisor", "dept_head", "school_reporter"],
    other: null,
    req: (c) => {
      const body = multipart({
        name: "照片.png",
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
      });
      return {
        method: "POST",
        url: "/api/files",
        headers: { ...c.session.headers, ...body.headers },
        payload: body.payload,
      };
    },
  },
  // The file belongs to the bureau itself: bureau-level roles read it, departments and schools do not.
  "GET /api/files/:id": {
    own: ["admin", "supervisor", "leader"],
    req: (c) => ({ method: "GET", url: `/api/files/${plans[c.scope].fileId}`, headers: c.session.headers }),
  },
  "GET /api/tasks": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/tasks", headers: c.session.headers }),
  },
  "GET /api/tasks/mine": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/tasks/mine", headers: c.session.headers }),
  },
  "GET /api/tasks/overdue": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/tasks/overdue", headers: c.session.headers }),
  },
  "GET /api/plans/:id/indicators": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/plans/${plans[c.scope].pub.planId}/indicators`,
      headers: c.session.headers,
    }),
  },
  "GET /api/plans/:id/completion": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/plans/${plans[c.scope].pub.planId}/completion`,
      headers: c.session.headers,
    }),
  },
  // Backups hold every region: the fixture's bureau admins do not see the other bureau (backup.routes.test.ts).
  "POST /api/admin/backups": { own: [], other: null, req: (c) => supPost(c, "/api/admin/backups") },
  "GET /api/admin/backups": {
    own: [],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/admin/backups", headers: c.session.headers }),
  },
  "GET /api/admin/backups/:id": {
    own: [],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/admin/backups/20260101-000000-abcdef", headers: c.session.headers }),
  },
  "POST /api/admin/backups/:id/verify": {
    own: [],
    other: null,
    req: (c) => supPost(c, "/api/admin/backups/20260101-000000-abcdef/verify"),
  },
  "GET /api/admin/backups/:id/download": {
    own: [],
    other: null,
    req: (c) => ({
      method: "GET",
      url: "/api/admin/backups/20260101-000000-abcdef/download",
      headers: c.session.headers,
    }),
  },
  "GET /api/audit": {
    own: ["admin"],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/audit", headers: c.session.headers }),
  },
  "GET /api/audit/vocabulary": {
    own: ["admin"],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/audit/vocabulary", headers: c.session.headers }),
  },
  "GET /api/audit/export": {
    own: ["admin"],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/audit/export", headers: c.session.headers }),
  },
  "GET /api/tasks/:id": {
    own: ALL,
    req: (c) => ({ method: "GET", url: `/api/tasks/${plans[c.scope].pub.taskIds[0]}`, headers: c.session.headers }),
  },
  "PATCH /api/tasks/:id": {
    own: MANAGERS,
    req: (c) => ({
      method: "PATCH",
      url: `/api/tasks/${plans[c.scope].pub.taskIds[0]}`,
      headers: c.session.headers,
      payload: { title: "更正后的任务名称" },
    }),
  },
  "GET /api/dashboard": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/dashboard", headers: c.session.headers }),
  },
  "GET /api/bureau-profile": {
    own: MANAGERS,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/bureau-profile", headers: c.session.headers }),
  },
  "PUT /api/bureau-profile": {
    own: ["admin"],
    other: null,
    req: (c) => ({
      method: "PUT",
      url: "/api/bureau-profile",
      headers: c.session.headers,
      payload: {
        fullName: "城关县教育和体育局",
        shortName: "城关县教体局",
        mark: "城关县教育和体育局文件",
        noticeNumberPattern: "城教体督〔{year}〕{n}号",
        bulletinNumberPattern: "城教体通〔{year}〕{n}号",
        signature: "城关县教育和体育局",
        contactLine: "",
      },
    }),
  },
  "GET /api/plans/:id/export.xlsx": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/plans/${plans[c.scope].pub.planId}/export.xlsx`,
      headers: c.session.headers,
    }),
  },
  "GET /api/plans/:id/export.docx": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/plans/${plans[c.scope].pub.planId}/export.docx`,
      headers: c.session.headers,
    }),
  },
  // Retired single-step run: managers get 410 (counted as refused), everyone else 403.
  "POST /api/placements": {
    own: [],
    req: (c) => ({ method: "POST", url: "/api/placements", headers: c.session.headers }),
  },
  "POST /api/placements/commitments": {
    own: MANAGERS,
    req: (c) => commitRequest(c.session.headers, { schoolId: bureauOf(c).middleSchoolId }, idRoster()),
  },
  "GET /api/placements/commitments": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/placements/commitments", headers: c.session.headers }),
  },
  "GET /api/placements/commitments/:id": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/placements/commitments/${ceremonies[c.scope].done}`,
      headers: c.session.headers,
    }),
  },
  "GET /api/placements/commitments/:id/files/:kind": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/placements/commitments/${ceremonies[c.scope].done}/files/notice`,
      headers: c.session.headers,
    }),
  },
  // Each allowed call takes a fresh commitment: a draw is once per commitment.
  "POST /api/placements/commitments/:id/draw": {
    own: MANAGERS,
    req: async (c) => drawRequest(c.session.headers, await ceremonies[c.scope].fresh()),
  },
  "POST /api/placements/commitments/:id/run": {
    own: MANAGERS,
    req: async (c) => runRequest(c.session.headers, await ceremonies[c.scope].drawn()),
  },
  "GET /api/placements": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/placements", headers: c.session.headers }),
  },
  "GET /api/placements/:id": {
    own: ALL,
    req: (c) => ({ method: "GET", url: `/api/placements/${placements[c.scope]}`, headers: c.session.headers }),
  },
  // The middle school's lists: the bureau's managers in clear, leaders and departments masked, not other schools.
  "GET /api/placements/:id/students": {
    own: ["admin", "supervisor", "leader", "dept_head"],
    req: (c) => ({ method: "GET", url: `/api/placements/${placements[c.scope]}/students`, headers: c.session.headers }),
  },
  "POST /api/placements/:id/students/reveal": {
    own: MANAGERS,
    req: (c) => ({
      method: "POST",
      url: `/api/placements/${placements[c.scope]}/students/reveal`,
      headers: c.session.headers,
      payload: { classNo: 1, seat: 1 },
    }),
  },
  "GET /api/placements/:id/files/:kind": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/placements/${placements[c.scope]}/files/notice`,
      headers: c.session.headers,
    }),
  },
  "POST /api/placements/:id/verify": {
    own: ALL,
    req: (c) => ({
      method: "POST",
      url: `/api/placements/${placements[c.scope]}/verify`,
      headers: c.session.headers,
    }),
  },
  "POST /api/supervision/status/run": {
    own: MANAGERS,
    other: null,
    req: (c) => supPost(c, "/api/supervision/status/run"),
  },
  "GET /api/supervision/status": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/supervision/status", headers: c.session.headers }),
  },
  "GET /api/supervision/status/trend": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/supervision/status/trend", headers: c.session.headers }),
  },
  "GET /api/supervision/rules/:planId": {
    own: ["admin", "supervisor", "leader"],
    req: (c) => ({
      method: "GET",
      url: `/api/supervision/rules/${plans[c.scope].pub.planId}`,
      headers: c.session.headers,
    }),
  },
  "PUT /api/supervision/rules/:planId": {
    own: MANAGERS,
    req: (c) => ({
      method: "PUT",
      url: `/api/supervision/rules/${plans[c.scope].pub.planId}`,
      headers: c.session.headers,
      payload: { warnDays: 10 },
    }),
  },
  "POST /api/supervision/notices": {
    own: MANAGERS,
    req: (c) =>
      supPost(c, "/api/supervision/notices", {
        taskId: plans[c.scope].pub.taskIds[1],
        orgId: bureauOf(c).schoolId,
        reason: "进度滞后",
        requirement: "请说明原因并提出整改措施",
        replyDue: "2099-12-31",
      }),
  },
  "POST /api/supervision/notices/batch": {
    own: MANAGERS,
    req: (c) =>
      supPost(c, "/api/supervision/notices/batch", {
        notices: [
          {
            taskId: plans[c.scope].pub.taskIds[1],
            orgId: bureauOf(c).schoolId,
            reason: "进度滞后",
            requirement: "请说明原因并提出整改措施",
            replyDue: "2099-12-31",
          },
        ],
      }),
  },
  "GET /api/supervision/notices": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/supervision/notices?box=outbox", headers: c.session.headers }),
  },
  "GET /api/supervision/notices/:id": {
    own: ALL,
    req: (c) => ({ method: "GET", url: `/api/supervision/notices/${noticeFor(c)}`, headers: c.session.headers }),
  },
  "GET /api/supervision/notices/:id/document.docx": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/supervision/notices/${noticeFor(c)}/document.docx`,
      headers: c.session.headers,
    }),
  },
  "POST /api/supervision/notices/:id/replies": {
    own: ["admin", "dept_head", "school_reporter"],
    req: (c) => supPost(c, `/api/supervision/notices/${noticeFor(c)}/replies`, { text: "已整改完毕" }),
  },
  "POST /api/supervision/notices/:id/close": {
    own: MANAGERS,
    req: async (c) => supPost(c, `/api/supervision/notices/${await sup[c.scope].notice()}/close`, { note: "办结" }),
  },
  "POST /api/supervision/notices/:id/escalate": {
    own: MANAGERS,
    req: (c) =>
      supPost(c, `/api/supervision/notices/${sup[c.scope].toSchool}/escalate`, {
        note: "逾期未反馈",
        replyDue: "2099-12-31",
      }),
  },
  "GET /api/supervision/notifications": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/supervision/notifications", headers: c.session.headers }),
  },
  "GET /api/supervision/notifications/unread": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/supervision/notifications/unread", headers: c.session.headers }),
  },
  "POST /api/supervision/notifications/read": {
    own: ALL,
    other: null,
    req: (c) => supPost(c, "/api/supervision/notifications/read", { ids: [] }),
  },
  "POST /api/supervision/reminders/run": {
    own: MANAGERS,
    other: null,
    req: (c) => supPost(c, "/api/supervision/reminders/run"),
  },
  "GET /api/supervision/webhooks": {
    own: MANAGERS,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/supervision/webhooks", headers: c.session.headers }),
  },
  "POST /api/supervision/webhooks": {
    own: MANAGERS,
    req: (c) =>
      supPost(c, "/api/supervision/webhooks", {
        orgId: bureauOf(c).bureauId,
        kind: "wecom",
        name: "督查群",
        url: "https://oapi.dingtalk.com/robot/send?access_token=t",
        events: ["overdue"],
        enabled: false,
      }),
  },
  "PATCH /api/supervision/webhooks/:id": {
    own: MANAGERS,
    req: (c) => ({
      method: "PATCH",
      url: `/api/supervision/webhooks/${sup[c.scope].webhookId}`,
      headers: c.session.headers,
      payload: { enabled: false },
    }),
  },
  "POST /api/supervision/webhooks/:id/test": {
    own: MANAGERS,
    req: (c) => supPost(c, `/api/supervision/webhooks/${sup[c.scope].webhookId}/test`),
  },
  "DELETE /api/supervision/webhooks/:id": {
    own: MANAGERS,
    req: async (c) => ({
      method: "DELETE",
      url: `/api/supervision/webhooks/${await sup[c.scope].webhook()}`,
      headers: c.session.headers,
    }),
  },
  "GET /api/supervision/webhooks/deliveries": {
    own: MANAGERS,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/supervision/webhooks/deliveries", headers: c.session.headers }),
  },
  "POST /api/supervision/bulletins": {
    own: MANAGERS,
    other: null,
    req: (c) => supPost(c, "/api/supervision/bulletins", { period: "2024-05" }),
  },
  "GET /api/supervision/bulletins": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/supervision/bulletins", headers: c.session.headers }),
  },
  "GET /api/supervision/bulletins/:id/:format": {
    own: ALL,
    req: (c) => ({
      method: "GET",
      url: `/api/supervision/bulletins/${sup[c.scope].bulletinId}/xlsx`,
      headers: c.session.headers,
    }),
  },
  "GET /api/supervision/evaluation": {
    own: ["admin", "supervisor", "leader"],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/supervision/evaluation?year=2024", headers: c.session.headers }),
  },
  "GET /api/supervision/evaluation/export.xlsx": {
    own: ["admin", "supervisor", "leader"],
    other: null,
    req: (c) => ({
      method: "GET",
      url: "/api/supervision/evaluation/export.xlsx?year=2024",
      headers: c.session.headers,
    }),
  },
  "PUT /api/supervision/evaluation/weights": {
    own: MANAGERS,
    other: null,
    req: (c) => ({
      method: "PUT",
      url: "/api/supervision/evaluation/weights",
      headers: c.session.headers,
      payload: { year: 2024, completion: 50, timeliness: 30, attainment: 20, noticePenalty: 1 },
    }),
  },
  "POST /api/ledgers/rounds": {
    own: ["admin", "supervisor", "dept_head", "school_reporter"],
    req: (c) => supPost(c, "/api/ledgers/rounds", aRound({ orgId: bureauOf(c).schoolId })),
  },
  "GET /api/ledgers/rounds": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/rounds", headers: c.session.headers }),
  },
  "GET /api/ledgers/hazards": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/hazards", headers: c.session.headers }),
  },
  "GET /api/ledgers/hazards/:id": {
    own: ALL,
    req: (c) => ({ method: "GET", url: hazardUrl(c), headers: c.session.headers }),
  },
  "POST /api/ledgers/hazards/:id/steps": {
    own: ["admin", "supervisor", "dept_head"],
    req: async (c) =>
      supPost(c, `${hazardUrl(c, await ledgers[c.scope].fresh())}/steps`, {
        action: "assign",
        fields: { responsibleId: ledgers[c.scope].officerId },
      }),
  },
  "PATCH /api/ledgers/hazards/:id": {
    own: ["admin", "supervisor", "dept_head", "school_reporter"],
    req: (c) => ({
      method: "PATCH",
      url: hazardUrl(c),
      headers: c.session.headers,
      payload: { fields: { location: `位置${uniq()}` }, note: "更正位置" },
    }),
  },
  "POST /api/ledgers/hazards/:id/reveal": {
    own: ["admin", "supervisor", "dept_head", "school_reporter"],
    req: (c) => supPost(c, `${hazardUrl(c)}/reveal`),
  },
  "GET /api/ledgers/hazard-indicators": {
    own: ALL,
    other: null,
    req: (c) => ({
      method: "GET",
      url: "/api/ledgers/hazard-indicators?from=2024-01-01&to=2024-12-31",
      headers: c.session.headers,
    }),
  },
  "GET /api/ledgers/hazard-config": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/hazard-config", headers: c.session.headers }),
  },
  "POST /api/ledgers/screening/import": {
    own: ["dept_head", "school_reporter"],
    req: screeningUpload,
  },
  "GET /api/ledgers/screening/rates": {
    own: ALL,
    other: null,
    req: (c) => ({
      method: "GET",
      url: "/api/ledgers/screening/rates?year=2024&by=school",
      headers: c.session.headers,
    }),
  },
  "GET /api/ledgers/screening/students": {
    own: ["dept_head", "school_reporter"],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/screening/students?year=2024", headers: c.session.headers }),
  },
  "POST /api/ledgers/screening/students/:id/reveal": {
    own: ["dept_head", "school_reporter"],
    req: (c) => supPost(c, `/api/ledgers/screening/students/${screening[c.scope].resultId}/reveal`),
  },
  "GET /api/ledgers/screening/followups": {
    own: ["dept_head", "school_reporter"],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/screening/followups?year=2024", headers: c.session.headers }),
  },
  "POST /api/ledgers/screening/followups/:id/interventions": {
    own: ["dept_head", "school_reporter"],
    req: (c) =>
      supPost(c, `/api/ledgers/screening/followups/${screening[c.scope].followupId}/interventions`, {
        kind: "exercise",
        doneOn: "2024-10-20",
      }),
  },
  "POST /api/ledgers/screening/followups/:id/retest": {
    own: ["dept_head", "school_reporter"],
    req: (c) =>
      supPost(c, `/api/ledgers/screening/followups/${screening[c.scope].followupId}/retest`, {
        retestedOn: "2024-11-01",
        note: "复查",
      }),
  },
  "GET /api/ledgers/screening/followups/:id/notice.docx": {
    own: ["dept_head", "school_reporter"],
    req: (c) => ({
      method: "GET",
      url: `/api/ledgers/screening/followups/${screening[c.scope].followupId}/notice.docx`,
      headers: c.session.headers,
    }),
  },
  "GET /api/ledgers/screening/notices.docx": {
    own: ["dept_head", "school_reporter"],
    other: null,
    req: (c) => ({
      method: "GET",
      url: "/api/ledgers/screening/notices.docx?year=2024&grade=4",
      headers: c.session.headers,
    }),
  },
  "GET /api/ledgers/screening/students.xlsx": {
    own: ["dept_head", "school_reporter"],
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/screening/students.xlsx?year=2024", headers: c.session.headers }),
  },
  "GET /api/ledgers/screening/rates.xlsx": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/screening/rates.xlsx?year=2024", headers: c.session.headers }),
  },
  "PUT /api/ledgers/hazard-config": {
    own: ["admin", "supervisor", "dept_head"],
    other: null,
    req: (c) => ({
      method: "PUT",
      url: "/api/ledgers/hazard-config",
      headers: c.session.headers,
      payload: { deadlineDays: { general: 7, major: 30 }, checklists: { fire: ["灭火器"] } },
    }),
  },
  // ledger import/export and bureau views (ledgerio)
  "GET /api/ledgers/hazard-export": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/hazard-export", headers: c.session.headers }),
  },
  "GET /api/ledgers/hazard-summary": {
    own: ALL,
    other: null,
    req: (c) => ({
      method: "GET",
      url: "/api/ledgers/hazard-summary?from=2024-01-01&to=2024-12-31",
      headers: c.session.headers,
    }),
  },
  "GET /api/ledgers/hazard-risks": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/hazard-risks", headers: c.session.headers }),
  },
  "GET /api/ledgers/hazard-quarterly": {
    own: ALL,
    other: null,
    req: (c) => ({
      method: "GET",
      url: "/api/ledgers/hazard-quarterly?year=2024&quarter=2",
      headers: c.session.headers,
    }),
  },
  "POST /api/ledgers/hazard-import": {
    own: ["admin", "supervisor", "dept_head", "school_reporter"],
    other: null,
    // A check of a one-row sheet: answered with its problems (if any), nothing written.
    req: async (c) => {
      const book = new ExcelJS.Workbook();
      const ws = book.addWorksheet("台账");
      ws.addRow(["学校", "状态", "隐患类别", "位置", "隐患描述", "隐患性质", "隐患等级", "发现日期"]);
      ws.addRow(["城关实验小学", "已登记", "消防", "楼道", "灭火器过期", "物的危险状态", "一般隐患", "2024-05-06"]);
      const form = multipart(
        { name: "台账.xlsx", bytes: Buffer.from(await book.xlsx.writeBuffer()) },
        { mode: "check" },
      );
      return {
        method: "POST",
        url: "/api/ledgers/hazard-import",
        headers: { ...c.session.headers, ...form.headers },
        payload: form.payload,
      };
    },
  },
  "GET /api/plans/:id/ledger-bindings": {
    own: MANAGERS,
    req: (c) => ({
      method: "GET",
      url: `/api/plans/${plans[c.scope].pub.planId}/ledger-bindings`,
      headers: c.session.headers,
    }),
  },
  "PUT /api/indicators/:id/ledger-binding": {
    own: MANAGERS,
    req: async (c) => ({
      method: "PUT",
      url: `/api/indicators/${await freshIndicator(c)}/ledger-binding`,
      headers: c.session.headers,
      payload: { metric: "hazard_fix_rate" },
    }),
  },
  "DELETE /api/indicators/:id/ledger-binding": {
    own: MANAGERS,
    req: async (c) => {
      const id = await freshIndicator(c);
      await bindIndicator(c.t.db, sup[c.scope].supervisor, id, "major_hazards_open", () => new Date());
      return { method: "DELETE", url: `/api/indicators/${id}/ledger-binding`, headers: c.session.headers };
    },
  },
  ...dropoutMatrixRows((c) => ({ d: dropout[c.scope], bureau: bureauOf(c) })),
  ...schoolAgeMatrixRows((c) => ({ f: schoolAge[c.scope], bureau: bureauOf(c) })),
  "GET /*": { own: "public", other: null, req: () => ({ method: "GET", url: "/ledger" }) },
  // Periodic returns and daily health reports (issue 16)
  "GET /api/ledgers/returns": {
    own: ALL,
    other: null,
    req: (c) => ({
      method: "GET",
      url: "/api/ledgers/returns?type=health_check&from=2024-05-01&to=2024-05-31",
      headers: c.session.headers,
    }),
  },
  "GET /api/ledgers/health/export.xlsx": {
    own: ALL,
    other: null,
    req: (c) => ({
      method: "GET",
      url: "/api/ledgers/health/export.xlsx?from=2024-05-01&to=2024-05-31",
      headers: c.session.headers,
    }),
  },
  "GET /api/ledgers/health/trends": {
    own: ALL,
    other: null,
    req: (c) => ({
      method: "GET",
      url: "/api/ledgers/health/trends?from=2024-05-01&to=2024-05-31",
      headers: c.session.headers,
    }),
  },
  "GET /api/ledgers/health/rules": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/health/rules", headers: c.session.headers }),
  },
  "PUT /api/ledgers/health/rules/:ruleId": {
    own: ["admin", "supervisor", "dept_head"],
    other: null,
    req: (c) => ({
      method: "PUT",
      url: "/api/ledgers/health/rules/class-1d-rash",
      headers: c.session.headers,
      payload: { windowDays: 1, threshold: 3, dueHours: 24, note: "县疾控通知" },
    }),
  },
  "GET /api/ledgers/returns/day": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/returns/day?type=health_check", headers: c.session.headers }),
  },
  "POST /api/ledgers/returns/chase": {
    own: ["admin", "supervisor", "dept_head"],
    other: null,
    req: (c) => supPost(c, "/api/ledgers/returns/chase", { type: "health_check" }),
  },
  "GET /api/ledgers/returns/schedule": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/returns/schedule?type=health_check", headers: c.session.headers }),
  },
  "PUT /api/ledgers/returns/schedule": {
    own: ["admin", "supervisor", "dept_head"],
    other: null,
    req: (c) => ({
      method: "PUT",
      url: "/api/ledgers/returns/schedule?type=health_check",
      headers: c.session.headers,
      payload: DEFAULT_HEALTH_SCHEDULE,
    }),
  },
  "GET /api/ledgers/health/classes": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/health/classes", headers: c.session.headers }),
  },
  "POST /api/ledgers/health/classes": {
    own: ["admin", "supervisor", "dept_head", "school_reporter"],
    req: (c) =>
      supPost(c, "/api/ledgers/health/classes", { orgId: bureauOf(c).schoolId, name: `班级${uniq()}`, enrolled: 40 }),
  },
  "GET /api/ledgers/health/checks": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/health/checks", headers: c.session.headers }),
  },
  "POST /api/ledgers/health/checks": {
    own: ["school_reporter"],
    req: (c) => supPost(c, "/api/ledgers/health/checks", { classId: health[c.scope], date: schoolDay(), slot: "noon" }),
  },
  "GET /api/ledgers/health/alerts": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/health/alerts", headers: c.session.headers }),
  },
  "POST /api/ledgers/health/alerts/report": {
    own: ["school_reporter"],
    // The setup's check names three students with fever: the class's alert (confirmed once).
    req: (c) =>
      supPost(c, "/api/ledgers/health/alerts/report", {
        alertId: `class-1d-fever:${health[c.scope]}:${schoolDay()}`,
        note: "已电话报告县疾控中心和县教体局",
      }),
  },
  "POST /api/ledgers/health/checks/reveal": {
    own: ["school_reporter"],
    req: (c) =>
      supPost(c, "/api/ledgers/health/checks/reveal", { classId: health[c.scope], date: schoolDay(), slot: "morning" }),
  },
  // School summaries of the class checks (issue 16): submitted by the school's reporter.
  "GET /api/ledgers/health/summaries": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/health/summaries", headers: c.session.headers }),
  },
  "POST /api/ledgers/health/summaries": {
    own: ["school_reporter"],
    req: (c) =>
      supPost(c, "/api/ledgers/health/summaries", { date: schoolDay(), slot: "morning", orgId: bureauOf(c).schoolId }),
  },
  // Illness-absence cases to 复课 (issue 16): the school only; the bureau lists counts.
  "GET /api/ledgers/health/cases": {
    own: ALL,
    other: null,
    req: (c) => ({ method: "GET", url: "/api/ledgers/health/cases", headers: c.session.headers }),
  },
  "POST /api/ledgers/health/cases": {
    own: ["school_reporter"],
    req: (c) =>
      supPost(c, "/api/ledgers/health/cases", { ...anIllnessCase(health[c.scope]), studentName: `学生${uniq()}` }),
  },
  "GET /api/ledgers/health/cases/:id": {
    own: ["school_reporter"],
    req: (c) => ({ method: "GET", url: `/api/ledgers/health/cases/${illness[c.scope]}`, headers: c.session.headers }),
  },
  "POST /api/ledgers/health/cases/:id/steps": {
    own: ["school_reporter"],
    req: (c) =>
      supPost(c, `/api/ledgers/health/cases/${illness[c.scope]}/steps`, {
        action: "follow_up",
        fields: { followOn: schoolDay(), followNote: "电话随访，体温正常" },
      }),
  },
  "POST /api/ledgers/health/cases/:id/reveal": {
    own: ["school_reporter"],
    req: (c) => supPost(c, `/api/ledgers/health/cases/${illness[c.scope]}/reveal`),
  },
};

let t: TestContext;
const sessions = {} as Record<Role, Session>;

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) sessions[role] = await loginAs(t.app, t.fixture.a.users[role]);
  const setup = async (bureau: typeof t.fixture.a) => {
    const token = /luoshi_session=([^;]+)/.exec((await loginAs(t.app, bureau.users.admin)).cookie)![1]!;
    const admin = await authenticate(t.db, token);
    const file = await storeEvidence(t.db, t.files, admin!.actor, {
      bytes: new TextEncoder().encode("会议纪要"),
      filename: "纪要.txt",
    });
    return {
      draft: await draftPlan(t.db, bureau.bureauId),
      pub: await publishedPlan(t.db, bureau.bureauId),
      fileId: file.id,
    };
  };
  plans = { own: await setup(t.fixture.a), other: await setup(t.fixture.b) };
  // The 2024 plans were in force that year: bulletins of 2024 periods are computed from them.
  await t.db
    .updateTable("plans")
    .set({ published_at: "2024-01-15T02:00:00Z" })
    .where("id", "in", [plans.own.pub.planId, plans.other.pub.planId])
    .execute();
  /** A finished ceremony (commit, draw, run) on the roster of 身份证号, and makers of fresh ones. */
  const ceremonyOf = async (bureau: typeof t.fixture.a, schoolId = bureau.middleSchoolId) => {
    const { headers } = await loginAs(t.app, bureau.users.admin);
    const done = await committedPlacement(t.app, headers, { schoolId }, idRoster());
    const fresh = async () =>
      (await t.app.inject(commitRequest(headers, { schoolId }, idRoster()))).json().commitment.id as string;
    const drawn = async () => {
      const id = await fresh();
      await t.app.inject(drawRequest(headers, id));
      return id;
    };
    return { done, ceremony: { done: done.commitmentId, fresh, drawn } };
  };
  const own = await ceremonyOf(t.fixture.a);
  const other = await ceremonyOf(t.fixture.b);
  placements = { own: own.done.placementId, other: other.done.placementId };
  ceremonies = { own: own.ceremony, other: other.ceremony };
  schoolRun = (await ceremonyOf(t.fixture.a, t.fixture.a.schoolId)).done.placementId;
  const supervisionOf = async (bureau: typeof t.fixture.a, scope: Scope) => {
    // Without a login: the login route is rate-limited and the matrix already logs in often.
    const user = await t.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", bureau.users.supervisor)
      .executeTakeFirstOrThrow();
    const supervisor = await actorFor(t.db, user);
    const now = () => new Date();
    const notice = async (orgId = bureau.schoolId) =>
      (
        await issueNotice(
          t.db,
          supervisor,
          {
            taskId: plans[scope].pub.taskIds[1]!,
            orgId,
            reason: "进度滞后",
            requirement: "限期整改",
            replyDue: "2099-12-31",
          },
          now,
        )
      ).id;
    const webhook = async () =>
      (
        await createEndpoint(
          t.db,
          supervisor,
          {
            kind: "dingtalk",
            name: "钉钉群",
            url: "https://oapi.dingtalk.com/robot/send?access_token=t",
            events: ["new_notice"],
            enabled: false,
          },
          { hosts: DEFAULT_WEBHOOK_HOSTS },
        )
      ).id;
    const bulletin = await generateBulletin(t.db, t.files, {
      regionId: bureau.bureauId,
      period: "2024-04",
      actor: supervisor,
      now,
    });
    return {
      supervisor,
      toDept: await notice(bureau.deptId),
      toSchool: await notice(),
      webhookId: await webhook(),
      bulletinId: bulletin.id,
      notice: () => notice(),
      webhook,
    };
  };
  sup = { own: await supervisionOf(t.fixture.a, "own"), other: await supervisionOf(t.fixture.b, "other") };
  const ledgersOf = async (bureau: typeof t.fixture.a) => {
    const user = await t.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", bureau.users.school_reporter)
      .executeTakeFirstOrThrow();
    const officer = await actorFor(t.db, user);
    const now = () => new Date();
    const fresh = async () => (await recordRound(t.db, officer, aRound(), now)).hazards[0]!.id;
    const first = await recordRound(t.db, officer, aRound(), now);
    return { hazardId: first.hazards[0]!.id, roundId: first.round.id, fresh, officerId: officer.userId };
  };
  ledgers = { own: await ledgersOf(t.fixture.a), other: await ledgersOf(t.fixture.b) };
  const healthOf = async (bureau: typeof t.fixture.a) => {
    const user = await t.db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", bureau.users.school_reporter)
      .executeTakeFirstOrThrow();
    const reporter = await actorFor(t.db, user);
    const now = () => new Date();
    const c = await createClass(t.db, reporter, { name: "一年级1班", enrolled: 40 }, now);
    await submitCheck(
      t.db,
      reporter,
      {
        classId: c.id,
        date: schoolDay(),
        slot: "morning",
        present: 37,
        students: ["王小明", "李华", "张三丰"].map((name) => ({ name, symptoms: ["fever" as const] })),
      },
      now,
    );
    illness[bureau === t.fixture.a ? "own" : "other"] = (
      await recordIllnessCase(t.db, reporter, { ...anIllnessCase(c.id), studentName: "王小明" }, now)
    ).id;
    return c.id;
  };
  health = { own: await healthOf(t.fixture.a), other: await healthOf(t.fixture.b) };
  const screeningOf = async (bureau: typeof t.fixture.a) => {
    const user = await findUserByUsername(t.db, bureau.users.school_reporter);
    const no = bureau === t.fixture.a ? "G200000000000000001" : "G200000000000000002";
    return seedScreening(t.db, await actorFor(t.db, user!), no);
  };
  screening = { own: await screeningOf(t.fixture.a), other: await screeningOf(t.fixture.b) };
  dropout = { own: await dropoutFixture(t, t.fixture.a), other: await dropoutFixture(t, t.fixture.b) };
  schoolAge = { own: await schoolAgeFixture(t, t.fixture.a), other: await schoolAgeFixture(t, t.fixture.b) };
}, 240_000);
afterAll(() => t.close());

describe("authorization matrix", () => {
  it("has a row for every route the server registers", () => {
    const routes = t.app.luoshiRoutes.filter((r) => !r.url.startsWith("/api/docs")).map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it("documentation needs a session unless configured public, and lists every business route", async () => {
    expect((await t.app.inject({ url: "/api/docs/json" })).statusCode).toBe(401);
    expect((await t.app.inject({ url: "/api/docs" })).statusCode).toBe(401);
    const doc = (await t.app.inject({ url: "/api/docs/json", headers: sessions.school_reporter.headers })).json();
    expect(Object.keys(doc.paths)).toContain("/api/plans/{id}/publish");
    t.config.publicApiDocs = true;
    try {
      expect((await t.app.inject({ url: "/api/docs/json" })).statusCode).toBe(200);
    } finally {
      t.config.publicApiDocs = false;
    }
  });

  it("every route refuses anonymous callers unless public", async () => {
    for (const [key, row] of Object.entries(MATRIX)) {
      if (row.own === "public") continue;
      const [method, url] = key.split(" ") as [InjectOptions["method"], string];
      const res = await t.app.inject({ method, url: url.replace(/:\w+/g, "x") });
      expect(res.statusCode, key).toBe(401);
      expect(res.json().error.code, key).toBe("UNAUTHENTICATED");
    }
  });

  it("mutations without the CSRF header are refused", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/orgs",
      headers: { cookie: sessions.admin.cookie },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("CSRF_INVALID");
  });

  for (const [key, row] of Object.entries(MATRIX)) {
    it(`${key}: role × own/other org`, async () => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const scope of ["own", "other"] as Scope[]) {
        const allowed = scope === "own" ? row.own : row.other === undefined ? [] : row.other;
        if (allowed === null) continue;
        for (const role of ROLES) {
          const res = await t.app.inject(await row.req({ t, role, scope, session: sessions[role] }));
          const ok = res.statusCode >= 200 && res.statusCode < 300;
          const denied = [401, 403, 404, 410].includes(res.statusCode);
          outcomes.push(
            `${scope}/${role}: ${ok ? "allowed" : denied ? "denied" : `status ${res.statusCode} ${res.body.slice(0, 120)}`}`,
          );
          expected.push(`${scope}/${role}: ${allowed === "public" || allowed.includes(role) ? "allowed" : "denied"}`);
        }
      }
      expect(outcomes).toEqual(expected);
    });
  }
});

const routeKeys = () =>
  t.app.luoshiRoutes.filter((r) => !r.url.startsWith("/api/docs")).map((r) => `${r.method} ${r.url}`);

describe("drafts are for their makers", () => {
  const managers = new Set<Role>(MANAGERS);
  const draftUrls = () => {
    const { planId, taskIds } = plans.own.draft;
    return [
      `/api/plans/${planId}`,
      `/api/plans/${planId}/source`,
      `/api/plans/${planId}/export.xlsx`,
      `/api/plans/${planId}/export.docx`,
      `/api/tasks/${taskIds[0]}/reports`,
    ];
  };

  for (const role of ROLES) {
    it(`${role}: ${managers.has(role) ? "reads" : "gets 404 for"} a draft, its source, exports and tasks`, async () => {
      for (const url of draftUrls()) {
        const res = await t.app.inject({ method: "GET", url, headers: sessions[role].headers });
        expect(res.statusCode, `${url} ${res.body.slice(0, 100)}`).toBe(managers.has(role) ? 200 : 404);
      }
      const draftTask = await t.app.inject({
        method: "GET",
        url: `/api/tasks/${plans.own.draft.taskIds[0]}`,
        headers: sessions[role].headers,
      });
      if (!managers.has(role)) expect(draftTask.statusCode).toBe(404);
      const listed = (await t.app.inject({ method: "GET", url: "/api/plans", headers: sessions[role].headers })).json()
        .plans as { id: string }[];
      expect(listed.some((p) => p.id === plans.own.draft.planId)).toBe(managers.has(role));
      expect(listed.some((p) => p.id === plans.own.pub.planId)).toBe(true);
      const board = await t.app.inject({ method: "GET", url: "/api/dashboard", headers: sessions[role].headers });
      expect(board.body).not.toContain(plans.own.draft.planId);
    });
  }
});

describe("NUL bytes and invalid UTF-8 on every route", () => {
  const ROLE_REFUSED = new Set(
    Object.entries(MATRIX).flatMap(([key, row]) =>
      row.own !== "public" && !row.own.includes("admin") && !key.startsWith("POST /api/admin/") ? [key] : [],
    ),
  );
  const NUL = "a%00b";
  const callFor = (key: string, url: string, extra: Partial<InjectOptions> = {}): InjectOptions => {
    const method = key.split(" ")[0] as InjectOptions["method"];
    return { method, url, headers: sessions.admin.headers, ...extra };
  };
  const pathWith = (key: string, value: string) => key.split(" ")[1]!.replace(/:\w+|\*/g, value);
  const expectInvalidText = (key: string, res: { statusCode: number; body: string }) => {
    expect(res.statusCode, `${key} ${res.body.slice(0, 100)}`).toBe(400);
    expect(JSON.parse(res.body).error.code, key).toBe("INVALID_TEXT");
  };

  it("in each path parameter and in the query string: 400 INVALID_TEXT, never 500", async () => {
    for (const key of routeKeys()) {
      if (/:\w+|\*/.test(key)) {
        expectInvalidText(key, await t.app.inject(callFor(key, pathWith(key, NUL))));
        expectInvalidText(key, await t.app.inject(callFor(key, pathWith(key, "%C3%28"))));
      }
      expectInvalidText(key, await t.app.inject(callFor(key, `${pathWith(key, "x")}?q=${NUL}`)));
      expectInvalidText(key, await t.app.inject(callFor(key, `${pathWith(key, "x")}?q=%FF`)));
    }
  });

  it("in a JSON body of every state-changing route: 400 INVALID_TEXT or refused before reading it", async () => {
    for (const key of routeKeys().filter((k) => !k.startsWith("GET "))) {
      const res = await t.app.inject(
        callFor(key, pathWith(key, "x"), {
          headers: { ...sessions.admin.headers, "content-type": "application/json" },
          payload: '{"name":"\\u0000","text":"x"}',
        }),
      );
      // Routes the admin may not call refuse on the role, before the body is read.
      if (res.statusCode === 403) expect(ROLE_REFUSED.has(key), key).toBe(true);
      else expectInvalidText(key, res);
    }
  });
});

describe("security headers", () => {
  it("the API and the web app carry CSP without inline script, no framing, no referrer, nosniff", async () => {
    for (const url of ["/api/health", "/api/auth/me", "/ledger"]) {
      const res = await t.app.inject({ method: "GET", url, headers: sessions.admin.headers });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers["x-frame-options"], url).toBe("DENY");
      expect(res.headers["referrer-policy"], url).toBe("no-referrer");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
    }
  });

  it("API answers and downloads carrying people's data are not stored", async () => {
    const urls = [
      "/api/users",
      `/api/files/${plans.own.fileId}`,
      `/api/placements/${placements.own}`,
      `/api/placements/${placements.own}/files/notice`,
      `/api/plans/${plans.own.pub.planId}/export.xlsx`,
    ];
    for (const url of urls) {
      const res = await t.app.inject({ method: "GET", url, headers: sessions.admin.headers });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
  });
});

/**
 * Every GET route without a path parameter answers a list (or an aggregate of one) and has a row
 * here: what it is, and for unit-scoped lists the rows a department or school must not see. A new
 * such route without a row fails the test.
 */
type ListScope =
  | { kind: "region"; url?: string; ownSample?: () => string }
  | {
      kind: "unit";
      url?: string;
      /** Per unit role: rows of its own it must see, and other units' rows it must not. */
      shown: Partial<Record<Role, () => string[]>>;
      hidden: Partial<Record<Role, () => string[]>>;
    }
  | { kind: "not-a-list"; why: string };
const LIST_SCOPES: Record<string, ListScope> = {
  "GET /api/health": { kind: "not-a-list", why: "a constant" },
  "GET /api/auth/me": { kind: "not-a-list", why: "the caller only" },
  "GET /api/auth/session": { kind: "not-a-list", why: "the caller only, or null" },
  "GET /api/orgs": { kind: "region", ownSample: () => t.fixture.a.schoolId },
  "GET /api/users": { kind: "region" },
  "GET /api/search": { kind: "region", url: `/api/search?q=${encodeURIComponent("城关")}` },
  "GET /api/users/import-template": { kind: "not-a-list", why: "an empty template" },
  // Account and device throttles carry their region; client-address rows (no region) are shown to every admin.
  "GET /api/users/throttles": { kind: "region" },
  "GET /api/plans": { kind: "region", ownSample: () => plans.own.pub.planId },
  "GET /api/tasks": { kind: "region", ownSample: () => plans.own.pub.taskIds[0]! },
  "GET /api/tasks/mine": {
    kind: "unit",
    // Task 1 is the department's and the kindergartens'; task 3 the personnel office's and the schools'.
    shown: { school_reporter: () => [plans.own.pub.taskIds[1]!], dept_head: () => [plans.own.pub.taskIds[0]!] },
    hidden: { school_reporter: () => [plans.own.pub.taskIds[0]!] },
  },
  "GET /api/tasks/overdue": { kind: "region" },
  "GET /api/tasks/mine/reporting": {
    kind: "unit",
    shown: { school_reporter: () => [plans.own.pub.taskIds[1]!], dept_head: () => [plans.own.pub.taskIds[0]!] },
    hidden: { school_reporter: () => [plans.own.pub.taskIds[0]!] },
  },
  "GET /api/org-groups": { kind: "region" },
  "GET /api/admin/backups": { kind: "not-a-list", why: "whole-server backups, no bureau role may call it" },
  "GET /api/audit": { kind: "region" },
  "GET /api/audit/vocabulary": { kind: "not-a-list", why: "fixed codes and labels, no records" },
  "GET /api/audit/export": { kind: "not-a-list", why: "a workbook of GET /api/audit's rows, same filter and scope" },
  "GET /api/bureau-profile": { kind: "not-a-list", why: "the one profile of the caller's own region" },
  "GET /api/dashboard": { kind: "region", ownSample: () => plans.own.pub.planId },
  "GET /api/placements": { kind: "region", ownSample: () => placements.own },
  "GET /api/placements/commitments": { kind: "region", ownSample: () => ceremonies.own.done },
  "GET /api/supervision/status": { kind: "region" },
  "GET /api/supervision/status/trend": { kind: "region" },
  "GET /api/supervision/notices": {
    kind: "unit",
    url: "/api/supervision/notices?box=inbox",
    shown: { dept_head: () => [sup.own.toDept], school_reporter: () => [sup.own.toSchool] },
    hidden: { dept_head: () => [sup.own.toSchool], school_reporter: () => [sup.own.toDept] },
  },
  "GET /api/supervision/notifications": { kind: "region" },
  "GET /api/supervision/notifications/unread": { kind: "not-a-list", why: "two counts of the actor's own" },
  "GET /api/supervision/webhooks": { kind: "region", ownSample: () => sup.own.webhookId },
  "GET /api/supervision/webhooks/deliveries": { kind: "region" },
  "GET /api/supervision/bulletins": { kind: "region", ownSample: () => sup.own.bulletinId },
  "GET /api/supervision/evaluation": { kind: "region", url: "/api/supervision/evaluation?year=2024" },
  "GET /api/ledgers/rounds": { kind: "region", ownSample: () => ledgers.own.roundId },
  "GET /api/ledgers/hazards": { kind: "region", ownSample: () => ledgers.own.hazardId },
  "GET /api/ledgers/hazard-indicators": {
    kind: "region",
    url: "/api/ledgers/hazard-indicators?from=2024-01-01&to=2099-12-31",
  },
  "GET /api/ledgers/hazard-config": { kind: "not-a-list", why: "the settings of the caller's own region" },
  // screening (issue 17): rates are aggregates; students and follow-ups the school's or the department's
  "GET /api/ledgers/screening/rates": { kind: "region", url: "/api/ledgers/screening/rates?year=2024&by=school" },
  "GET /api/ledgers/screening/students": {
    kind: "region",
    url: "/api/ledgers/screening/students?year=2024",
  },
  "GET /api/ledgers/screening/followups": {
    kind: "region",
    url: "/api/ledgers/screening/followups?year=2024",
  },
  "GET /api/ledgers/screening/notices.docx": {
    kind: "not-a-list",
    why: "a Word document of GET /api/ledgers/screening/followups' rows of a class",
  },
  "GET /api/ledgers/screening/students.xlsx": {
    kind: "not-a-list",
    why: "a workbook of GET /api/ledgers/screening/students' and followups' rows",
  },
  "GET /api/ledgers/screening/rates.xlsx": {
    kind: "not-a-list",
    why: "a workbook of GET /api/ledgers/screening/rates over three years",
  },
  // ledgerio
  "GET /api/ledgers/hazard-summary": {
    kind: "region",
    url: "/api/ledgers/hazard-summary?from=2024-01-01&to=2099-12-31",
  },
  "GET /api/ledgers/hazard-risks": { kind: "region" },
  "GET /api/ledgers/hazard-quarterly": { kind: "not-a-list", why: "a workbook of the summary and the risk register" },
  "GET /api/ledgers/hazard-export": { kind: "not-a-list", why: "a workbook of GET /api/ledgers/hazards' rows" },
  "GET /api/ledgers/returns": {
    kind: "region",
    url: `/api/ledgers/returns?type=health_check&from=${schoolDay()}&to=${schoolDay()}`,
  },
  "GET /api/ledgers/returns/day": { kind: "region", url: "/api/ledgers/returns/day?type=health_check" },
  "GET /api/ledgers/returns/schedule": { kind: "not-a-list", why: "the settings of the caller's own region" },
  "GET /api/ledgers/health/classes": { kind: "region", ownSample: () => health.own },
  "GET /api/ledgers/health/checks": { kind: "region", ownSample: () => health.own },
  "GET /api/ledgers/health/alerts": { kind: "region" },
  "GET /api/ledgers/health/rules": { kind: "not-a-list", why: "the rules of the caller's own region" },
  "GET /api/ledgers/health/export.xlsx": {
    kind: "not-a-list",
    why: "a workbook of GET /api/ledgers/returns/day's schools and the illness counts by symptom",
  },
  "GET /api/ledgers/health/trends": {
    kind: "not-a-list",
    why: "counts per day (by symptom, by diagnosis) over the schools the caller reads; no person's row",
  },
  "GET /api/ledgers/health/cases": { kind: "region" },
  "GET /api/ledgers/health/summaries": { kind: "region", ownSample: () => t.fixture.a.schoolId },
  ...dropoutListScopes(() => dropout.own),
  ...schoolAgeListScopes(() => schoolAge.own),
  "GET /api/supervision/evaluation/export.xlsx": {
    kind: "not-a-list",
    why: "a workbook of GET /api/supervision/evaluation's rows",
  },
};

describe("list scope", () => {
  const listRoutes = () => routeKeys().filter((k) => k.startsWith("GET /api/") && !/[:*]/.test(k));

  it("every list route has a scope row", () => {
    expect(listRoutes().filter((k) => !(k in LIST_SCOPES))).toEqual([]);
    expect(Object.keys(LIST_SCOPES).filter((k) => !listRoutes().includes(k))).toEqual([]);
  });

  /** Everything of the other bureau a list could leak: its orgs, users, plans, tasks, files and records. */
  const otherIds = async () => {
    const b = t.fixture.b;
    const users = await t.db
      .selectFrom("users")
      .select("id")
      .where("org_id", "in", [b.bureauId, b.deptId, b.schoolId])
      .execute();
    return [
      b.bureauId,
      b.deptId,
      b.schoolId,
      b.middleSchoolId,
      ...users.map((u) => u.id),
      plans.other.draft.planId,
      ...plans.other.draft.taskIds,
      plans.other.pub.planId,
      ...plans.other.pub.taskIds,
      plans.other.fileId,
      placements.other,
      ceremonies.other.done,
      sup.other.toDept,
      sup.other.toSchool,
      sup.other.webhookId,
      sup.other.bulletinId,
      ledgers.other.hazardId,
      ledgers.other.roundId,
      health.other,
      illness.other,
      screening.other.resultId,
      screening.other.followupId,
      dropout.other.caseId,
    ];
  };

  for (const [key, scope] of Object.entries(LIST_SCOPES)) {
    if (scope.kind === "not-a-list") continue;
    it(`${key}: no other bureau's rows${scope.kind === "unit" ? ", and a unit sees only its own" : ""}`, async () => {
      const foreign = await otherIds();
      for (const role of ROLES) {
        const res = await t.app.inject({
          method: "GET",
          url: scope.url ?? key.slice(4),
          headers: sessions[role].headers,
        });
        if (res.statusCode === 403) continue; // the role may not list these at all (the matrix holds which)
        expect(res.statusCode, `${role} ${res.body.slice(0, 100)}`).toBe(200);
        expect(
          foreign.filter((id) => res.body.includes(id)),
          role,
        ).toEqual([]);
        if (scope.kind === "region" && scope.ownSample && role === "admin")
          expect(res.body, "the list is not empty").toContain(scope.ownSample());
        if (scope.kind === "unit") {
          for (const id of scope.shown[role]?.() ?? []) expect(res.body, `${role} sees its own`).toContain(id);
          expect(
            (scope.hidden[role]?.() ?? []).filter((id) => res.body.includes(id)),
            role,
          ).toEqual([]);
        }
      }
    });
  }
});

/**
 * Field-level matrix (issue 12): for every declared personal field (privacy/personal-fields.ts), the
 * most each caller obtains of it from every route that carries personal data — the public notice
 * aside, which PUBLIC_NOTICE covers. Callers are the bureau's roles on a run for the middle school
 * (another school, for the school reporter) and the school reporter on a run for its own school.
 * A declared field without a row, or a route whose answer carries a field it does not declare, fails.
 */
type Caller = Role | "school_reporter@own_school";
const CALLERS: Caller[] = [...ROLES, "school_reporter@own_school"];
const byCaller = (admin: Seen, leader: Seen, otherSchool: Seen, ownSchool: Seen): Record<Caller, Seen> => ({
  admin,
  supervisor: admin,
  leader,
  dept_head: leader,
  school_reporter: otherSchool,
  "school_reporter@own_school": ownSchool,
});
const FIELD_MATRIX: Record<PersonalFieldKey, Record<Caller, Seen>> = {
  // Another school's reporter may verify a run: a failed check names the student with a masked id.
  "placement.student.id": byCaller("clear", "masked", "masked", "clear"),
  "placement.student.name": byCaller("clear", "masked", "none", "clear"),
  "placement.student.tags": byCaller("clear", "none", "none", "clear"),
  "placement.student.scores": byCaller("clear", "none", "none", "clear"),
};
/** The 公示 carries what publication needs, to everyone in the region: names and masked ids. */
const PUBLIC_NOTICE: Record<PersonalFieldKey, Seen> = {
  "placement.student.id": "masked",
  "placement.student.name": "clear",
  "placement.student.tags": "none",
  "placement.student.scores": "none",
};

/** A run's result.json with one student moved, so verification fails and names a student. */
const tamperedResult = async (run: string) => {
  const url = `/api/placements/${run}/files/result`;
  const published = JSON.parse((await t.app.inject({ url, headers: sessions.admin.headers })).body);
  published.classes[1].students.push(published.classes[0].students.shift());
  return JSON.stringify(published);
};
/** The requests that exercise each route of PERSONAL_ROUTES on one run. */
const PERSONAL_REQUESTS: Record<string, (run: string) => Promise<InjectOptions[]>> = {
  "GET /api/placements/:id/students": async (run) => [{ url: `/api/placements/${run}/students` }],
  "POST /api/placements/:id/students/reveal": async (run) => [
    { method: "POST", url: `/api/placements/${run}/students/reveal`, payload: { classNo: 1, seat: 1 } },
  ],
  "GET /api/placements/:id/files/:kind": async (run) =>
    ["result", "classes"].map((kind) => ({ url: `/api/placements/${run}/files/${kind}` })),
  "POST /api/placements/:id/verify": async (run) => {
    const body = placementMultipart({ result: { name: "result.json", bytes: await tamperedResult(run) } });
    return [{ method: "POST", url: `/api/placements/${run}/verify`, headers: body.headers, payload: body.payload }];
  },
};
const RANK: Record<Seen, number> = { none: 0, masked: 1, clear: 2 };
const most = (a: Seen, b: Seen): Seen => (RANK[a] >= RANK[b] ? a : b);
const seenIn = async (res: { rawPayload: Buffer; headers: Record<string, unknown> }) =>
  seenFields(await answerLines(res.rawPayload, String(res.headers["content-type"] ?? "")), STUDENTS);

describe("personal fields", () => {
  it("every declared personal field has a row, and every route carrying one its requests", () => {
    expect(Object.keys(FIELD_MATRIX).sort()).toEqual(Object.keys(PERSONAL_FIELDS).sort());
    for (const row of Object.values(FIELD_MATRIX)) expect(Object.keys(row).sort()).toEqual([...CALLERS].sort());
    expect(Object.keys(PERSONAL_REQUESTS).sort()).toEqual(Object.keys(PERSONAL_ROUTES).sort());
    expect(Object.keys(PERSONAL_ROUTES).filter((k) => !routeKeys().includes(k))).toEqual([]);
  });

  it("no route answers a personal field it does not declare", async () => {
    const undeclared: string[] = [];
    for (const [key, row] of Object.entries(MATRIX)) {
      const res = await t.app.inject(await row.req({ t, role: "admin", scope: "own", session: sessions.admin }));
      const seen = await seenIn(res);
      const declared: readonly string[] = PERSONAL_ROUTES[key] ?? [];
      for (const [field, how] of Object.entries(seen))
        if (how !== "none" && !declared.includes(field)) undeclared.push(`${key}: ${field} ${how}`);
    }
    expect(undeclared).toEqual([]);
    // One request per route of the whole matrix: minutes on a loaded machine, not the default 30 s.
  }, 180_000);

  for (const caller of CALLERS) {
    it(`${caller}: each personal field clear, masked or not at all, as the matrix says`, async () => {
      const role = caller === "school_reporter@own_school" ? "school_reporter" : caller;
      const run = caller === "school_reporter@own_school" ? schoolRun : placements.own;
      const got = Object.fromEntries(Object.keys(PERSONAL_FIELDS).map((f) => [f, "none"])) as Record<
        PersonalFieldKey,
        Seen
      >;
      for (const requests of Object.values(PERSONAL_REQUESTS)) {
        for (const req of await requests(run)) {
          const res = await t.app.inject({ ...req, headers: { ...sessions[role].headers, ...req.headers } });
          if (res.statusCode >= 300) continue;
          for (const [field, how] of Object.entries(await seenIn(res)) as [PersonalFieldKey, Seen][])
            got[field] = most(got[field], how);
        }
      }
      expect(got).toEqual(Object.fromEntries(Object.entries(FIELD_MATRIX).map(([f, row]) => [f, row[caller]])));
    });
  }

  it("the public notice carries names and masked ids only, to every role", async () => {
    for (const role of ROLES) {
      const res = await t.app.inject({
        url: `/api/placements/${placements.own}/files/notice`,
        headers: sessions[role].headers,
      });
      expect(res.statusCode, role).toBe(200);
      expect(await seenIn(res), role).toEqual(PUBLIC_NOTICE);
    }
  });
});
