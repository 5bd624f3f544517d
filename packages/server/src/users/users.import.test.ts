import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordProblem } from "../auth/password-policy.js";
import { createTestApp, loginAs, multipart, rowCounts, type Session, type TestContext } from "../test/app.js";
import { generatePassword } from "./users.import.js";

let t: TestContext;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  admin = await loginAs(t.app, t.fixture.a.users.admin);
}, 120_000);
afterAll(() => t.close());

/** A sheet as people make them: a title row, then the header (synonyms, any order), then rows. */
async function sheet(header: string[], rows: string[][], title = "用户名单"): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet("Sheet1");
  ws.addRow([title]);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const post = (bytes: Buffer, fields: Record<string, string> = {}) => {
  const form = multipart({ name: "users.xlsx", bytes }, fields);
  return t.app.inject({
    method: "POST",
    url: "/api/users/import",
    headers: { ...admin.headers, ...form.headers },
    payload: form.payload,
  });
};

const HEADER = ["账号", "姓名", "所属单位", "角色", "初始密码"];

describe("batch import of accounts", () => {
  it("lists every bad row with its number and code, and writes nothing", async () => {
    const before = await rowCounts(t.db);
    const bytes = await sheet(HEADER, [
      ["teacher_a", "甲老师", "城关实验小学", "学校填报员", ""],
      ["teacher_a", "乙老师", "城关实验小学", "学校填报员", ""],
      ["x", "丙老师", "城关实验小学", "填报员", ""],
      ["teacher_d", "", "不存在的学校", "校长", "123"],
      [t.fixture.a.users.supervisor.toUpperCase(), "丁老师", "基教股", "股室负责人", ""],
    ]);
    const res = await post(bytes);
    expect(res.statusCode).toBe(422);
    const { code, details } = res.json().error;
    expect(code).toBe("USERS_IMPORT_INVALID");
    const found = (details.problems as { row: number; code: string }[]).map((p) => `${p.row}:${p.code}`);
    expect(found).toEqual([
      "4:DUPLICATE_IN_FILE",
      "5:BAD_USERNAME",
      "6:MISSING_NAME",
      "6:UNKNOWN_ORG",
      "6:UNKNOWN_ROLE",
      "6:WEAK_PASSWORD",
      "7:USERNAME_TAKEN",
    ]);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("creates every account in one go (names and aliases of units, role labels), each audited; generated passwords sign in", async () => {
    const bytes = await sheet(
      ["用户名", "姓名", "单位", "角色"],
      [
        ["wang_fang", "王芳", "城关实验小学", "学校填报员"],
        ["li_jun", "李军", "基教股", "股室负责人"],
        ["", "", "", ""],
        ["zhao_lei", "赵磊", "城关第一中学", "填报员"],
      ],
    );
    const dry = await post(bytes, { dryRun: "true" });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().accounts).toHaveLength(3);
    expect((await loginAs(t.app, "wang_fang").catch(() => null)) ?? null).toBeNull();

    const res = await post(bytes);
    expect(res.statusCode).toBe(200);
    const accounts = res.json().accounts as {
      username: string;
      orgId: string;
      role: string;
      generatedPassword: string;
    }[];
    expect(accounts.map((a) => [a.username, a.role])).toEqual([
      ["wang_fang", "school_reporter"],
      ["li_jun", "dept_head"],
      ["zhao_lei", "school_reporter"],
    ]);
    expect(accounts[1]!.orgId).toBe(t.fixture.a.deptId);
    for (const a of accounts) {
      const login = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: a.username, password: a.generatedPassword },
      });
      expect(login.statusCode).toBe(200);
    }
    const audit = (await t.app.inject({ url: "/api/audit?entity=user&action=import", headers: admin.headers })).json();
    expect(audit.events).toHaveLength(3);
    // Importing the same sheet again: every row's username is taken now.
    const again = await post(bytes);
    expect(again.json().error.details.problems).toHaveLength(3);
  });

  it("refuses a sheet without the required columns, and a file that is not a workbook", async () => {
    const res = await post(await sheet(["姓名", "电话"], [["王芳", "13800000000"]]));
    expect(res.json().error.code).toBe("USERS_IMPORT_NO_HEADER");
    const junk = await post(Buffer.from("not a workbook"));
    expect(junk.statusCode).toBe(415);
    expect(junk.json().error.code).toBe("USERS_IMPORT_UNREADABLE");
  });

  it("offers a template whose header it reads back", async () => {
    const res = await t.app.inject({ url: "/api/users/import-template", headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getRow(2).values).toEqual([undefined, "用户名", "姓名", "单位", "角色", "初始密码"]);
    const empty = await post(Buffer.from(res.rawPayload));
    expect(empty.json().error.code).toBe("USERS_IMPORT_EMPTY");
  });

  it("generates passwords the policy accepts", () => {
    for (let i = 0; i < 200; i++) expect(passwordProblem(generatePassword(), "someone")).toBeNull();
  });
});
