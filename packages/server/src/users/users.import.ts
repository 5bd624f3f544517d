import { randomInt } from "node:crypto";
import { type ImportedAccount, ROLE_LABELS } from "@luoshi/contract";
import { tablesToXlsx } from "@luoshi/ledger-export";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { hashPassword } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import { newId } from "../ids.js";
import { listAliases, listOrgs } from "../orgs/orgs.repository.js";
import { type AccountRow, findColumns, type ImportRowProblem, readAccounts, type SheetRows } from "./user-rows.js";
import { userError } from "./users.messages.js";
import * as repo from "./users.repository.js";

export const MAX_IMPORT_ROWS = 2000;

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("text" in v) return String(v.text);
    if ("result" in v) return String(v.result ?? "");
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
};

/** The first sheet's rows; the header is the first of the top rows naming the required columns. */
async function readSheet(bytes: Buffer): Promise<SheetRows> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw userError("USERS_IMPORT_UNREADABLE", 415);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw userError("USERS_IMPORT_UNREADABLE", 415);
  const rows: { row: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, row) => {
    const values = r.values as ExcelJS.CellValue[];
    rows.push({ row, cells: values.slice(1).map(cellText) });
  });
  const at = rows.slice(0, 5).findIndex((r) => !("missing" in findColumns(r.cells)));
  if (at < 0) throw userError("USERS_IMPORT_NO_HEADER", 422);
  return { headerRow: rows[at]!.row, header: rows[at]!.cells, rows: rows.slice(at + 1) };
}

/** A password that meets the policy: 12 characters from letters and digits, both present. */
export function generatePassword(): string {
  const letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  const digits = "23456789";
  const all = letters + digits;
  const chars = [letters[randomInt(letters.length)]!, digits[randomInt(digits.length)]!];
  while (chars.length < 12) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join("");
}

/**
 * Imports accounts from an xlsx sheet: every row checked first; any bad row → 422 with all of
 * them (row number, stable code, message) and nothing written; otherwise every account created in
 * one transaction, each audited. `dryRun` checks without writing.
 */
export async function importUsers(
  db: Database,
  actor: Actor,
  bytes: Buffer,
  options: { dryRun: boolean },
): Promise<{ accounts: ImportedAccount[]; dryRun: boolean }> {
  const sheet = await readSheet(bytes);
  const columns = findColumns(sheet.header);
  if ("missing" in columns) throw userError("USERS_IMPORT_NO_HEADER", 422, { missing: columns.missing });
  const dataRows = sheet.rows.filter((r) => r.cells.some((c) => c.trim() !== ""));
  if (dataRows.length === 0) throw userError("USERS_IMPORT_EMPTY", 422);
  if (dataRows.length > MAX_IMPORT_ROWS) throw userError("USERS_IMPORT_TOO_MANY", 422);

  const orgs = await listOrgs(db, actor.visibleOrgIds);
  const reach = new Set(orgs.map((o) => o.id));
  const orgByName = new Map<string, string>();
  for (const a of await listAliases(db, actor.regionId)) {
    if (reach.has(a.org_id)) orgByName.set(a.alias.replace(/\s+/g, ""), a.org_id);
  }
  for (const o of orgs) orgByName.set(o.name.replace(/\s+/g, ""), o.id);
  const taken = new Set(
    (await sql<{ u: string }>`SELECT lower(username) AS u FROM users`.execute(db)).rows.map((r) => r.u),
  );
  const { accounts, problems } = readAccounts(sheet, columns, { orgByName, taken });
  if (problems.length > 0)
    throw userError("USERS_IMPORT_INVALID", 422, { problems } satisfies { problems: ImportRowProblem[] });

  const planned = accounts.map((a) => ({ ...a, generated: a.password ? null : generatePassword() }));
  if (options.dryRun) {
    return { dryRun: true, accounts: planned.map((a) => present(a, "", null)) };
  }
  const hashes = await Promise.all(planned.map((a) => hashPassword(a.password || a.generated!)));
  const regionOf = new Map(orgs.map((o) => [o.id, o.region_id]));
  const created = await db.transaction().execute(async (trx) => {
    const out: ImportedAccount[] = [];
    for (const [i, a] of planned.entries()) {
      const user = await repo.insertUser(trx, {
        region_id: regionOf.get(a.orgId)!,
        id: newId(),
        org_id: a.orgId,
        username: a.username,
        display_name: a.displayName,
        password_hash: hashes[i]!,
        role: a.role,
      });
      await recordAudit(trx, {
        regionId: user.region_id,
        actorId: actor.userId,
        entity: "user",
        entityId: user.id,
        action: "import",
        after: user,
      });
      out.push(present(a, user.id, a.generated));
    }
    return out;
  });
  return { dryRun: false, accounts: created };
}

const present = (a: AccountRow, id: string, generated: string | null): ImportedAccount => ({
  row: a.row,
  id,
  username: a.username,
  displayName: a.displayName,
  orgId: a.orgId,
  role: a.role,
  generatedPassword: generated,
});

/** The template people fill in: the title says what each column takes; the header follows. */
export function importTemplate(): Promise<Uint8Array> {
  const roles = Object.values(ROLE_LABELS).join("、");
  return tablesToXlsx([
    {
      name: "用户",
      title: `用户批量导入表（单位填本县组织机构中的名称或别名；角色填：${roles}；初始密码可留空，由系统生成）`,
      header: ["用户名", "姓名", "单位", "角色", "初始密码"],
      widths: [18, 12, 28, 16, 18],
      rows: [],
    },
  ]);
}
