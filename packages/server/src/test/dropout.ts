import ExcelJS from "exceljs";
import type { InjectOptions } from "fastify";
import { actorFor } from "../auth/auth.service.js";
import type { Role } from "../db/schema.js";
import { recordIdentification, recordPayment } from "../ledgers/aid.service.js";
import { recordCase, stepCase } from "../ledgers/dropout.service.js";
import { multipart, type Session, type TestContext } from "./app.js";
import type { Bureau } from "./fixture.js";

/**
 * 控辍保学 and 学生资助 pieces for the authorization matrix (http/authorization.test.ts): per bureau an
 * escalated case of its school, an evidence file of the school, a maker of fresh 认定 applications,
 * and the matrix's rows for the routes of ledgers/dropout.routes.ts.
 */

export interface DropoutFixture {
  caseId: string;
  fileId: string;
  freshIdentification(): Promise<string>;
  freshPayment(): Promise<string>;
}

let serial = 0;
/** A 学籍号 never used before in the run. */
export const freshStudentNo = () => `G43010220100${String(++serial).padStart(7, "0")}`;

export async function dropoutFixture(t: TestContext, bureau: Bureau): Promise<DropoutFixture> {
  const user = await t.db
    .selectFrom("users")
    .selectAll()
    .where("username", "=", bureau.users.school_reporter)
    .executeTakeFirstOrThrow();
  const officer = await actorFor(t.db, user);
  const now = () => new Date();
  const file = await t.db
    .insertInto("files")
    .values({
      region_id: bureau.bureauId,
      id: `dropout-evidence-${bureau.bureauId}`,
      sha256: "0".repeat(64),
      filename: "家访.png",
      content_type: "image/png",
      size: 1,
      org_id: bureau.schoolId,
      uploaded_by: officer.userId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const created = await recordCase(t.db, officer, aCase(), now);
  await stepCase(t.db, officer, created.id, { action: "confirm_dropout", fields: { droppedOn: "2024-09-03" } }, now);
  await stepCase(t.db, officer, created.id, { action: "escalate", fields: {} }, now);
  const freshIdentification = async () =>
    (await recordIdentification(t.db, officer, anIdentification(file.id), now)).id;
  const freshPayment = async () => (await recordPayment(t.db, officer, aPayment(), now)).id;
  return { caseId: created.id, fileId: file.id, freshIdentification, freshPayment };
}

export const aCase = () => ({
  studentName: "王小明",
  studentNo: freshStudentNo(),
  grade: "七年级",
  riskLevel: "high" as const,
  reason: "study_weariness" as const,
  source: "absence" as const,
  foundOn: "2024-09-02",
  responsibleName: "李老师",
});

export const anIdentification = (fileId: string) => ({
  studentName: "赵小红",
  studentNo: freshStudentNo(),
  stage: "junior" as const,
  schoolYear: "2024-2025",
  basis: "minimum_living" as const,
  level: "special" as const,
  appliedOn: "2024-09-10",
  evidence: [fileId],
});

export const aPayment = () => ({
  studentName: "赵小红",
  studentNo: freshStudentNo(),
  stage: "junior" as const,
  programme: "living_allowance" as const,
  schoolYear: "2024-2025",
  term: "autumn" as const,
  amount: 625,
  paidOn: "2024-10-08",
  method: "bank_card" as const,
});

export interface Ctx {
  t: TestContext;
  role: Role;
  scope: "own" | "other";
  session: Session;
}
export interface Row {
  own: Role[];
  other?: Role[] | null;
  req: (c: Ctx) => Promise<InjectOptions> | InjectOptions;
}

export const ALL: Role[] = ["admin", "supervisor", "dept_head", "school_reporter", "leader"];
export const WRITERS: Role[] = ["admin", "supervisor", "dept_head", "school_reporter"];
const SCHOOL: Role[] = ["school_reporter"];

/** A matrix row's GET of `url` as the caller. */
export const matrixGet = (url: string) => (c: Ctx) => ({ method: "GET" as const, url, headers: c.session.headers });
/** A matrix row's POST of `payload` to `url` as the caller. */
export const matrixPost = (c: Ctx, url: string, payload: object = {}) => ({
  method: "POST" as const,
  url,
  headers: c.session.headers,
  payload,
});

/** The matrix's rows; `of` answers the fixture and the bureau of a caller's scope. */
export function dropoutMatrixRows(of: (c: Ctx) => { d: DropoutFixture; bureau: Bureau }): Record<string, Row> {
  const get = matrixGet;
  const post = matrixPost;
  const caseUrl = (c: Ctx) => `/api/ledgers/dropout-cases/${of(c).d.caseId}`;
  return {
    "POST /api/ledgers/dropout-cases": {
      own: SCHOOL,
      req: (c) => post(c, "/api/ledgers/dropout-cases", { ...aCase(), orgId: of(c).bureau.schoolId }),
    },
    "GET /api/ledgers/dropout-cases": { own: ALL, other: null, req: get("/api/ledgers/dropout-cases") },
    "GET /api/ledgers/dropout-cases/:id": { own: ALL, req: (c) => get(caseUrl(c))(c) },
    "POST /api/ledgers/dropout-cases/:id/steps": {
      own: WRITERS,
      req: (c) =>
        post(c, `${caseUrl(c)}/steps`, {
          action: "persuade",
          fields: { visitOn: "2024-09-04", visitMethod: "home_visit", visitPeople: "李老师", visitResult: "家长同意" },
        }),
    },
    "POST /api/ledgers/dropout-cases/:id/corrections": {
      own: WRITERS,
      req: (c) =>
        post(c, `${caseUrl(c)}/corrections`, { fields: { reasonNote: `更正 ${++serial}` }, note: "登记有误" }),
    },
    "POST /api/ledgers/aid-identifications/:id/corrections": {
      own: WRITERS,
      req: async (c) =>
        post(c, `/api/ledgers/aid-identifications/${await of(c).d.freshIdentification()}/corrections`, {
          fields: { grade: "八年级" },
          note: "年级登记有误",
        }),
    },
    "POST /api/ledgers/aid-payments/:id/corrections": {
      own: WRITERS,
      req: async (c) =>
        post(c, `/api/ledgers/aid-payments/${await of(c).d.freshPayment()}/corrections`, {
          fields: { amount: 100 + ++serial },
          note: "金额有误",
        }),
    },
    "POST /api/ledgers/dropout-cases/:id/reveal": { own: WRITERS, req: (c) => post(c, `${caseUrl(c)}/reveal`) },
    "GET /api/ledgers/dropout-indicators": {
      own: ALL,
      other: null,
      req: get("/api/ledgers/dropout-indicators?from=2024-01-01&to=2024-12-31"),
    },
    "GET /api/ledgers/dropout-config": { own: ALL, other: null, req: get("/api/ledgers/dropout-config") },
    "PUT /api/ledgers/dropout-config": {
      own: ["admin", "supervisor", "dept_head"],
      other: null,
      req: (c) => ({
        method: "PUT",
        url: "/api/ledgers/dropout-config",
        headers: c.session.headers,
        payload: { returnConfirmDays: 10, aidStandards: [] },
      }),
    },
    "POST /api/ledgers/aid-identifications": {
      own: SCHOOL,
      req: (c) =>
        post(c, "/api/ledgers/aid-identifications", {
          ...anIdentification(of(c).d.fileId),
          orgId: of(c).bureau.schoolId,
        }),
    },
    "GET /api/ledgers/aid-identifications": { own: ALL, other: null, req: get("/api/ledgers/aid-identifications") },
    "POST /api/ledgers/aid-identifications/:id/steps": {
      own: WRITERS,
      req: async (c) =>
        post(c, `/api/ledgers/aid-identifications/${await of(c).d.freshIdentification()}/steps`, {
          action: "identify",
          fields: {},
        }),
    },
    "POST /api/ledgers/aid-payments": {
      own: SCHOOL,
      req: (c) => post(c, "/api/ledgers/aid-payments", { ...aPayment(), orgId: of(c).bureau.schoolId }),
    },
    "GET /api/ledgers/aid-payments": { own: ALL, other: null, req: get("/api/ledgers/aid-payments") },
    "GET /api/ledgers/aid-checks": {
      own: ALL,
      other: null,
      req: get("/api/ledgers/aid-checks?schoolYear=2024-2025"),
    },
    "GET /api/ledgers/dropout-ledgers/:kind": {
      own: ALL,
      other: null,
      req: get("/api/ledgers/dropout-ledgers/dropped"),
    },
    "GET /api/ledgers/dropout-ledgers/:kind/export": {
      own: ALL,
      other: null,
      req: get("/api/ledgers/dropout-ledgers/dropped/export"),
    },
    "GET /api/ledgers/dropout-returns": {
      own: ALL,
      other: null,
      req: get("/api/ledgers/dropout-returns?month=2024-09"),
    },
    "POST /api/ledgers/dropout-returns": {
      own: SCHOOL,
      req: (c) => post(c, "/api/ledgers/dropout-returns", { month: "2024-09", orgId: of(c).bureau.schoolId }),
    },
    "GET /api/ledgers/dropout-reviews/:quarter": {
      own: ["admin", "supervisor", "dept_head", "leader"],
      other: null,
      req: get("/api/ledgers/dropout-reviews/2024Q3"),
    },
    "POST /api/ledgers/dropout-reviews/:quarter": {
      own: ["admin", "supervisor", "dept_head"],
      other: null,
      req: (c) => post(c, "/api/ledgers/dropout-reviews/2024Q3", { note: "已复核" }),
    },
    "POST /api/ledgers/dropout-ledgers/:kind/import": {
      own: SCHOOL,
      other: null,
      // A check of a one-row sheet: answered with its problems (if any), nothing written.
      req: async (c) => {
        const book = new ExcelJS.Workbook();
        const ws = book.addWorksheet("台账");
        ws.addRow([
          "学校",
          "状态",
          "姓名",
          "学籍号",
          "应在年级",
          "风险等级",
          "辍学原因",
          "来源",
          "首次发现日期",
          "责任人",
        ]);
        ws.addRow([
          "城关实验小学",
          "在册风险",
          "张三",
          freshStudentNo(),
          "三年级",
          "高风险",
          "厌学",
          "学校缺勤",
          "2024-09-10",
          "王老师",
        ]);
        const form = multipart(
          { name: "台账.xlsx", bytes: Buffer.from(await book.xlsx.writeBuffer()) },
          { mode: "check" },
        );
        return {
          method: "POST",
          url: "/api/ledgers/dropout-ledgers/suspected/import",
          headers: { ...c.session.headers, ...form.headers },
          payload: form.payload,
        };
      },
    },
  };
}

/** The list-scope rows (every caller's lists hold only its own bureau's rows) of the GET list routes. */
export function dropoutListScopes(own: () => DropoutFixture) {
  return {
    "GET /api/ledgers/dropout-cases": { kind: "region" as const, ownSample: () => own().caseId },
    "GET /api/ledgers/dropout-indicators": {
      kind: "region" as const,
      url: "/api/ledgers/dropout-indicators?from=2024-01-01&to=2099-12-31",
    },
    "GET /api/ledgers/dropout-config": { kind: "not-a-list" as const, why: "the settings of the caller's own region" },
    "GET /api/ledgers/dropout-returns": { kind: "region" as const, url: "/api/ledgers/dropout-returns?month=2024-09" },
    "GET /api/ledgers/aid-identifications": { kind: "region" as const },
    "GET /api/ledgers/aid-payments": { kind: "region" as const },
    "GET /api/ledgers/aid-checks": {
      kind: "region" as const,
      url: "/api/ledgers/aid-checks?schoolYear=2024-2025",
    },
  };
}
