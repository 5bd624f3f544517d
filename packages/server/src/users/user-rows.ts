import { ROLE_LABELS, type Role } from "@luoshi/contract";
import { passwordProblem } from "../auth/password-policy.js";

/**
 * Batch import of accounts from a sheet (pure: no I/O). Columns are found by header name with
 * synonyms; each row becomes an account or a list of problems, each with the row number people
 * see in Excel and a stable code.
 */
export const USER_COLUMNS = {
  username: ["用户名", "账号", "登录名", "帐号"],
  displayName: ["姓名", "显示名", "名称", "用户姓名"],
  org: ["单位", "所属单位", "学校", "股室", "单位名称"],
  role: ["角色", "身份", "用户角色"],
  password: ["初始密码", "密码"],
} as const;

export type UserColumn = keyof typeof USER_COLUMNS;

export const IMPORT_PROBLEMS = {
  MISSING_USERNAME: "缺少用户名",
  BAD_USERNAME: "用户名只能由2–64位字母、数字、下划线、点或横线组成",
  DUPLICATE_IN_FILE: "用户名在表中重复",
  USERNAME_TAKEN: "用户名已被使用",
  MISSING_NAME: "缺少姓名",
  UNKNOWN_ORG: "找不到该单位（请填写本县组织机构中的单位名称或别名）",
  UNKNOWN_ROLE: `角色无法识别（可填：${Object.values(ROLE_LABELS).join("、")}）`,
  WEAK_PASSWORD: "初始密码不符合密码要求（至少10位，混合字母、数字或符号，不能过于常见）",
} as const;
export type ImportProblem = keyof typeof IMPORT_PROBLEMS;

export interface ImportRowProblem {
  /** The row number in the sheet (1-based, as Excel shows it). */
  row: number;
  code: ImportProblem;
  message: string;
  value?: string;
}

export interface AccountRow {
  row: number;
  username: string;
  displayName: string;
  orgId: string;
  role: Role;
  /** Empty: the server generates one and reports it once. */
  password: string;
}

export interface SheetRows {
  /** The header row's number and cells. */
  headerRow: number;
  header: string[];
  rows: { row: number; cells: string[] }[];
}

export interface ImportContext {
  /** Organisation name or alias (trimmed) → org id, within the importing admin's reach. */
  orgByName: ReadonlyMap<string, string>;
  /** Usernames already taken, lower-cased. */
  taken: ReadonlySet<string>;
}

const norm = (s: string) => s.replace(/[\s\u3000]+/g, "").toLowerCase();

/** Column index per field, found by header synonyms; null when the sheet lacks a required column. */
export function findColumns(header: string[]): Record<UserColumn, number> | { missing: UserColumn[] } {
  const at = {} as Record<UserColumn, number>;
  const missing: UserColumn[] = [];
  for (const [field, names] of Object.entries(USER_COLUMNS) as [UserColumn, readonly string[]][]) {
    const i = header.findIndex((h) => names.some((n) => norm(h) === norm(n)));
    if (i >= 0) at[field] = i;
    else if (field !== "password") missing.push(field);
    else at[field] = -1;
  }
  return missing.length > 0 ? { missing } : at;
}

const ROLE_BY_NAME = new Map<string, Role>([
  ...(Object.entries(ROLE_LABELS) as [Role, string][]).map(([code, label]) => [norm(label), code] as [string, Role]),
  ...(Object.keys(ROLE_LABELS) as Role[]).map((code) => [norm(code), code] as [string, Role]),
  [norm("管理员"), "admin"],
  [norm("督查室"), "supervisor"],
  [norm("股室"), "dept_head"],
  [norm("填报员"), "school_reporter"],
  [norm("学校"), "school_reporter"],
  [norm("局领导"), "leader"],
  [norm("领导"), "leader"],
]);

export const roleOf = (text: string): Role | undefined => ROLE_BY_NAME.get(norm(text));

/** Every data row as an account, or the problems that keep it out. Blank rows are skipped. */
export function readAccounts(
  sheet: SheetRows,
  columns: Record<UserColumn, number>,
  ctx: ImportContext,
): { accounts: AccountRow[]; problems: ImportRowProblem[] } {
  const accounts: AccountRow[] = [];
  const problems: ImportRowProblem[] = [];
  const seen = new Set<string>();
  for (const { row, cells } of sheet.rows) {
    const cell = (f: UserColumn) => (columns[f] >= 0 ? (cells[columns[f]] ?? "").trim() : "");
    if (cells.every((c) => c.trim() === "")) continue;
    const problem = (code: ImportProblem, value?: string) =>
      problems.push({ row, code, message: IMPORT_PROBLEMS[code], ...(value !== undefined && { value }) });
    const before = problems.length;
    const username = cell("username");
    if (!username) problem("MISSING_USERNAME");
    else if (!/^[A-Za-z0-9_.-]{2,64}$/.test(username)) problem("BAD_USERNAME", username);
    else if (seen.has(username.toLowerCase())) problem("DUPLICATE_IN_FILE", username);
    else if (ctx.taken.has(username.toLowerCase())) problem("USERNAME_TAKEN", username);
    if (username) seen.add(username.toLowerCase());
    const displayName = cell("displayName");
    if (!displayName) problem("MISSING_NAME");
    const orgText = cell("org");
    const orgId = ctx.orgByName.get(orgText.replace(/\s+/g, ""));
    if (!orgId) problem("UNKNOWN_ORG", orgText);
    const role = roleOf(cell("role"));
    if (!role) problem("UNKNOWN_ROLE", cell("role"));
    const password = cell("password");
    if (password && passwordProblem(password, username)) problem("WEAK_PASSWORD");
    if (problems.length === before && orgId && role) {
      accounts.push({ row, username, displayName, orgId, role, password });
    }
  }
  return { accounts, problems };
}
