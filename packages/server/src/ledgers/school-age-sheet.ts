import { CHILD_STATUS_LABELS, type ChildStatus, maskPersonal, SPECIAL_GROUP_LABELS } from "@luoshi/contract";
import { registerErrors } from "../errors.js";
import { rowProblem } from "./ledger-io-messages.js";
import { cellString, parseDate, type RowProblem } from "./ledger-sheet.js";
import { idNumberFacts, readIdNumber } from "./screening/values.js";

/**
 * The 适龄儿童台账 as a sheet (pure, no I/O): the columns of the reference (姓名, 身份证件号, 性别,
 * 出生日期, 户籍地, 现居地, 监护人, 电话, 特殊群体标签), found by header or synonym in the county's
 * 户籍 roster, each row read into a child or a list of problems (row number, stable code, Chinese
 * message); and the export's rows, with the comparison's columns (状态, 就读学校, 年级, 学籍号) after.
 */

export const SCHOOL_AGE_TITLE = "适龄儿童台账";

export const schoolAgeError = registerErrors("school-age", {
  SCHOOL_AGE_NO_HEADER: "表格中找不到适龄儿童名单的表头（须有“姓名”和“身份证件号”两列）",
  SCHOOL_AGE_CHILD_NOT_FOUND: "适龄儿童台账中没有该儿童",
  SCHOOL_AGE_NOT_UNENROLLED: "只能为比对后未在任何学校学籍中的适龄儿童立案",
  SCHOOL_AGE_CASE_OPEN: "该儿童已有控辍保学案例",
  CHILD_ID_NUMBER_INVALID: "身份证件号不正确（应为 18 位，出生日期和校验位须正确）",
  CHILD_ID_NUMBER_DUPLICATE: "身份证件号在表中重复",
  CHILD_SEX_INVALID: "性别应为“男”或“女”",
  CHILD_SEX_MISMATCH: "性别与身份证件号不符",
  CHILD_BIRTH_MISMATCH: "出生日期与身份证件号不符",
  CHILD_PHONE_INVALID: "电话号码不正确",
  CHILD_GROUP_UNKNOWN: "特殊群体标签无法识别",
});

export type ChildField =
  | "name"
  | "idNumber"
  | "sex"
  | "birthDate"
  | "hukouPlace"
  | "residence"
  | "guardianName"
  | "guardianPhone"
  | "specialGroups";

/** Each column: its header, the synonyms a 户籍 roster uses, its length limit. */
const COLUMNS: Record<ChildField, { label: string; synonyms: string[]; max: number }> = {
  name: { label: "姓名", synonyms: ["儿童姓名", "学生姓名", "户籍姓名"], max: 50 },
  idNumber: { label: "身份证件号", synonyms: ["身份证号", "身份证号码", "公民身份号码", "证件号码"], max: 18 },
  sex: { label: "性别", synonyms: [], max: 2 },
  birthDate: { label: "出生日期", synonyms: ["出生年月日", "生日"], max: 20 },
  hukouPlace: { label: "户籍地", synonyms: ["户籍所在地", "户籍地址", "户口所在地"], max: 200 },
  residence: { label: "现居地", synonyms: ["现住址", "现居住地", "居住地址", "现居住地址"], max: 200 },
  guardianName: { label: "监护人", synonyms: ["监护人姓名", "家长姓名"], max: 50 },
  guardianPhone: { label: "电话", synonyms: ["联系电话", "监护人电话", "监护人联系电话"], max: 20 },
  specialGroups: { label: "特殊群体标签", synonyms: ["特殊群体", "重点群体", "重点监测群体"], max: 200 },
};
const FIELDS = Object.keys(COLUMNS) as ChildField[];
const REQUIRED: ChildField[] = ["name", "idNumber"];

/** The comparison's columns the export adds after the child's (not read back). */
const EXTRA = ["序号", "年龄", "状态", "就读学校", "年级", "学籍号", "比对时间"];

export interface ChildRow {
  name: string;
  idNumber: string;
  sex: "male" | "female";
  birthDate: string;
  hukouPlace: string | null;
  residence: string | null;
  guardianName: string | null;
  guardianPhone: string | null;
  specialGroups: string[];
}

const norm = (s: string) => s.replace(/[\s\u3000*＊]+/g, "").toLowerCase();
const SEX_LABELS = { male: "男", female: "女" } as const;
/** Special groups by label, by label without its note in brackets, and by the short names 户籍 lists use. */
const GROUP_BY_LABEL = new Map<string, string>([
  ...Object.entries(SPECIAL_GROUP_LABELS).flatMap(([k, v]) => [
    [norm(v), k] as [string, string],
    [norm(v.replace(/（.*）$/, "")), k] as [string, string],
  ]),
  ["脱贫户", "poverty_alleviated"],
  ["低保", "minimum_living"],
  ["低保户", "minimum_living"],
  ["残疾", "disabled"],
  ["留守", "left_behind"],
]);
const PHONE = /^[0-9+\- ]{5,20}$/;

/** Where each column is, when the row names at least the required ones; null otherwise. */
function columnsOf(cells: unknown[]): Map<ChildField, number> | null {
  const header = cells.map((c) => norm(cellString(c)));
  const at = new Map<ChildField, number>();
  for (const f of FIELDS) {
    const names = [COLUMNS[f].label, ...COLUMNS[f].synonyms].map(norm);
    const i = header.findIndex((h) => names.includes(h));
    if (i >= 0) at.set(f, i);
  }
  return REQUIRED.every((f) => at.has(f)) ? at : null;
}

/** The header: the first of the top five rows that names 姓名 and 身份证件号. */
export function locateChildHeader(rows: { row: number; cells: unknown[] }[]) {
  for (const [i, r] of rows.slice(0, 5).entries()) {
    const columns = columnsOf(r.cells);
    if (columns) return { at: i, columns };
  }
  throw schoolAgeError("SCHOOL_AGE_NO_HEADER", 422, { required: REQUIRED.map((f) => COLUMNS[f].label) });
}

/** One row of the roster: the child, or every problem with the row number. */
export function readChildRow(
  columns: Map<ChildField, number>,
  row: number,
  cells: unknown[],
): { ok: ChildRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const text = (f: ChildField) => {
    const i = columns.get(f);
    return i === undefined ? "" : cellString(cells[i]);
  };
  const fail = (f: ChildField, code: string, detail?: string) =>
    problems.push({ row, column: COLUMNS[f].label, ...rowProblem(code, COLUMNS[f].label, detail) });
  for (const f of FIELDS) {
    const t = text(f);
    if (t === "" && REQUIRED.includes(f)) fail(f, "ROW_VALUE_REQUIRED");
    else if (t.length > COLUMNS[f].max && f !== "birthDate") fail(f, "ROW_TEXT_TOO_LONG", String(COLUMNS[f].max));
    else if (t.includes("*") && ["name", "idNumber", "guardianName", "guardianPhone"].includes(f))
      fail(f, "ROW_PERSONAL_MASKED");
  }
  if (problems.length > 0) return { problems };

  const idNumber = readIdNumber(text("idNumber"));
  if (!idNumber) fail("idNumber", "CHILD_ID_NUMBER_INVALID");
  const facts = idNumber ? idNumberFacts(idNumber) : null;
  const sexText = text("sex");
  const sex = sexText === "" ? facts?.sex : sexText === "男" ? "male" : sexText === "女" ? "female" : undefined;
  if (sexText !== "" && !sex) fail("sex", "CHILD_SEX_INVALID");
  else if (facts && sex && sex !== facts.sex) fail("sex", "CHILD_SEX_MISMATCH");
  const birthText = text("birthDate");
  const birthIndex = columns.get("birthDate");
  const birth = birthText === "" ? facts?.birthDate : parseDate(cells[birthIndex!]);
  if (birthText !== "" && !birth) fail("birthDate", "ROW_DATE_INVALID");
  else if (facts && birth && birth !== facts.birthDate) fail("birthDate", "CHILD_BIRTH_MISMATCH");
  const phone = text("guardianPhone");
  if (phone !== "" && !PHONE.test(phone)) fail("guardianPhone", "CHILD_PHONE_INVALID");
  const groupTexts = text("specialGroups")
    .split(/[、,，;；/\s]+/)
    .filter(Boolean);
  const groups = groupTexts.map((g) => GROUP_BY_LABEL.get(norm(g)) ?? (g in SPECIAL_GROUP_LABELS ? g : null));
  if (groups.includes(null))
    fail("specialGroups", "CHILD_GROUP_UNKNOWN", Object.values(SPECIAL_GROUP_LABELS).join("、"));
  if (problems.length > 0 || !idNumber || !sex || !birth) return { problems };
  const orNull = (f: ChildField) => text(f) || null;
  return {
    ok: {
      name: text("name"),
      idNumber,
      sex,
      birthDate: birth,
      hukouPlace: orNull("hukouPlace"),
      residence: orNull("residence"),
      guardianName: orNull("guardianName"),
      guardianPhone: orNull("guardianPhone"),
      specialGroups: [...new Set(groups as string[])],
    },
  };
}

/** A child as the export and the view show them. */
export interface ChildOut extends ChildRow {
  age: number;
  status: ChildStatus;
  schoolName: string | null;
  grade: number | null;
  studentNo: string | null;
  comparedAt: string;
}

/** Personal data masked (names, 身份证件号, phone, 学籍号). */
export const maskChild = <
  T extends Pick<ChildOut, "name" | "idNumber" | "guardianName" | "guardianPhone" | "studentNo">,
>(
  c: T,
): T => ({
  ...c,
  name: maskPersonal("name", c.name),
  idNumber: maskPersonal("id_number", c.idNumber),
  guardianName: c.guardianName === null ? null : maskPersonal("name", c.guardianName),
  guardianPhone: c.guardianPhone === null ? null : maskPersonal("phone", c.guardianPhone),
  studentNo: c.studentNo === null ? null : maskPersonal("id_number", c.studentNo),
});

export const childHeader = (): string[] => [EXTRA[0]!, ...FIELDS.map((f) => COLUMNS[f].label), ...EXTRA.slice(1)];
export const childWidths = (): number[] => [6, 10, 20, 6, 12, 24, 24, 10, 14, 18, 6, 16, 20, 8, 22, 18];

export const childCells = (c: ChildOut, i: number): (string | number | null)[] => [
  i + 1,
  c.name,
  c.idNumber,
  SEX_LABELS[c.sex],
  c.birthDate,
  c.hukouPlace,
  c.residence,
  c.guardianName,
  c.guardianPhone,
  c.specialGroups.map((g) => SPECIAL_GROUP_LABELS[g as keyof typeof SPECIAL_GROUP_LABELS] ?? g).join("、") || null,
  c.age,
  CHILD_STATUS_LABELS[c.status],
  c.schoolName,
  c.grade === null ? null : `${c.grade}年级`,
  c.studentNo,
  c.comparedAt.slice(0, 10),
];
