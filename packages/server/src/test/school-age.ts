import ExcelJS from "exceljs";
import type { Role } from "../db/schema.js";
import { newId } from "../ids.js";
import { multipart, type TestContext } from "./app.js";
import { ALL, type Ctx, matrixGet, matrixPost, type Row, WRITERS } from "./dropout.js";
import type { Bureau } from "./fixture.js";

/**
 * 适龄儿童台账 pieces for the authorization matrix (http/authorization.test.ts): per bureau a child on
 * its school's roll, a maker of children found not enrolled, and the rows of ledgers/school-age.routes.ts.
 */

/** A valid 身份证件号 (GB 11643 checksum) of a birth date and a serial (odd: male). */
export function idNumberOf(birth: string, n: number): string {
  const body = `430102${birth.replaceAll("-", "")}${String(n % 1000).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body[i]), 0);
  return body + "10X98765432"[sum % 11];
}

let serial = 0;
/** A 身份证件号 of a birth date, new in the run. */
export const freshIdNumber = (birth: string) => idNumberOf(birth, ++serial);

/** A ten-year-old's birth date. */
const birth = () => `${new Date().getFullYear() - 10}-0${1 + (serial % 9)}-1${serial % 10}`;

export interface SchoolAgeFixture {
  /** Sent to the bureau's school with a case (its reporter sees the child). */
  childId: string;
  /** A new child on no roll (適龄未入学). */
  freshUnenrolled(): Promise<string>;
}

async function insertChild(t: TestContext, bureau: Bureau, schoolId: string | null): Promise<string> {
  const at = new Date().toISOString();
  const id = newId();
  const born = birth();
  await t.db
    .insertInto("school_age_children")
    .values({
      region_id: bureau.bureauId,
      id,
      id_number: freshIdNumber(born),
      name: "王小明",
      sex: "male",
      birth_date: born,
      hukou_place: "城关镇",
      residence: "城关镇",
      guardian_name: "王大明",
      guardian_phone: "13800000001",
      special_groups: "[]",
      compared_at: at,
      // Sent to the school with a case (a re-comparison by another row of the matrix keeps that).
      case_org_id: schoolId,
      created_by: "fixture",
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export async function schoolAgeFixture(t: TestContext, bureau: Bureau): Promise<SchoolAgeFixture> {
  return {
    childId: await insertChild(t, bureau, bureau.schoolId),
    freshUnenrolled: () => insertChild(t, bureau, null),
  };
}

const MANAGERS: Role[] = ["admin", "supervisor", "dept_head"];
const BASE = "/api/ledgers/school-age-children";

export function schoolAgeMatrixRows(of: (c: Ctx) => { f: SchoolAgeFixture; bureau: Bureau }): Record<string, Row> {
  const get = matrixGet;
  const post = matrixPost;
  return {
    [`GET ${BASE}`]: { own: ALL, other: null, req: get(BASE) },
    [`GET ${BASE}/export`]: { own: ALL, other: null, req: get(`${BASE}/export`) },
    [`POST ${BASE}/compare`]: { own: MANAGERS, other: null, req: (c) => post(c, `${BASE}/compare`) },
    [`POST ${BASE}/:id/reveal`]: { own: WRITERS, req: (c) => post(c, `${BASE}/${of(c).f.childId}/reveal`) },
    [`POST ${BASE}/:id/case`]: {
      own: MANAGERS,
      req: async (c) =>
        post(c, `${BASE}/${await of(c).f.freshUnenrolled()}/case`, {
          orgId: of(c).bureau.schoolId,
          grade: "四年级",
          riskLevel: "high",
          reason: "other",
          responsibleName: "包保干部",
        }),
    },
    [`POST ${BASE}/import`]: {
      own: MANAGERS,
      other: null,
      // A check of a one-row roster: answered with its problems (if any), nothing written.
      req: async (c) => {
        const book = new ExcelJS.Workbook();
        const ws = book.addWorksheet("名单");
        ws.addRow(["姓名", "身份证件号"]);
        ws.addRow(["张三", freshIdNumber("2015-05-05")]);
        const form = multipart(
          { name: "名单.xlsx", bytes: Buffer.from(await book.xlsx.writeBuffer()) },
          { mode: "check" },
        );
        return {
          method: "POST",
          url: `${BASE}/import`,
          headers: { ...c.session.headers, ...form.headers },
          payload: form.payload,
        };
      },
    },
  };
}

/** The list-scope rows of the GET routes. */
export function schoolAgeListScopes(own: () => SchoolAgeFixture) {
  return {
    [`GET ${BASE}`]: { kind: "region" as const, ownSample: () => own().childId },
    [`GET ${BASE}/export`]: { kind: "not-a-list" as const, why: `a workbook of GET ${BASE}'s rows` },
  };
}
