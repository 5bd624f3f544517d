import type { Sex } from "./bmi.js";
import type { ColumnMap, Field } from "./columns.js";
import type { FitnessItem } from "./fitness.js";
import {
  idNumberFacts,
  readDate,
  readGlasses,
  readGrade,
  readIdNumber,
  readNumber,
  readSex,
  readStudentNo,
} from "./values.js";
import { type Glasses, toFivePoint } from "./vision.js";

/**
 * One sheet row → one screening measurement, or the problems of the row, each with its row number and
 * a stable code. Pure: the service matches students and writes.
 */

export const ROW_PROBLEM_MESSAGES = {
  ROW_STUDENT_KEY_MISSING: "缺学籍号和身份证号（学生只按学籍号或身份证号识别，不按姓名）",
  ROW_STUDENT_NO_INVALID: "学籍号格式不正确（应为6–30位字母或数字）",
  ROW_ID_NUMBER_INVALID: "身份证号不正确（位数、出生日期或校验位有误）",
  ROW_SEX_INVALID: "性别应为“男”或“女”",
  ROW_BIRTH_DATE_INVALID: "出生日期不正确或缺失",
  ROW_GRADE_INVALID: "年级不正确（应为一至六年级、初一至初三、高一至高三或年级编号）",
  ROW_DATE_INVALID: "检查日期不正确，或早于出生日期、晚于今天",
  ROW_HEIGHT_INVALID: "身高应在 80–220 厘米之间",
  ROW_WEIGHT_INVALID: "体重应在 10–200 千克之间",
  ROW_HEIGHT_WEIGHT_UNPAIRED: "身高和体重须同时填写",
  ROW_VISION_INVALID: "裸眼视力应为五分记录（3.0–5.3）或小数记录（0.1–2.0）",
  ROW_REFRACTION_INVALID: "球镜、柱镜或等效球镜不正确（球镜 −30～+30D，柱镜 −10～+10D）",
  ROW_GLASSES_INVALID: "戴镜情况应为：无、框架眼镜、隐形眼镜或角膜塑形镜（OK镜）",
  ROW_SCORE_INVALID: "体测得分不正确（单项得分 0–100，附加分 0–20，学年总分 0–120）",
  ROW_NOTHING_MEASURED: "本行没有身高体重、视力或体测成绩",
  ROW_DUPLICATE_STUDENT: "同一学生在表中出现多次",
  ROW_STUDENT_CONFLICT: "学籍号与身份证号对应了不同的学生，或与已登记学生的性别、出生日期不符",
} as const;
export type RowProblemCode = keyof typeof ROW_PROBLEM_MESSAGES;

export interface RowProblem {
  sheet: string;
  row: number;
  code: RowProblemCode;
  message: string;
  column: string | null;
  value: string | null;
}

export interface ScreeningRow {
  sheet: string;
  row: number;
  studentNo: string | null;
  idNumber: string | null;
  name: string | null;
  sex: Sex;
  birthDate: string;
  grade: number;
  className: string | null;
  measuredOn: string;
  heightCm: number | null;
  weightKg: number | null;
  vaLeft: number | null;
  vaRight: number | null;
  seLeft: number | null;
  seRight: number | null;
  glasses: Glasses;
  itemScores: Partial<Record<FitnessItem, number>>;
  bonus: number | null;
  total: number | null;
  /** Raw fitness results as typed (header → cell). */
  raw: Record<string, string>;
}

export interface SheetRow {
  sheet: string;
  row: number;
  cells: string[];
}

export interface RowContext {
  /** Default 检查日期 when the sheet has no date column. */
  measuredOn: string;
  today: string;
}

const inRange = (v: number, min: number, max: number) => v >= min && v <= max;

export function readRow(
  line: SheetRow,
  map: ColumnMap,
  header: readonly string[],
  ctx: RowContext,
): ScreeningRow | RowProblem[] {
  const problems: RowProblem[] = [];
  const cell = (f: Field): string => {
    const i = map.fields[f];
    return i === undefined ? "" : (line.cells[i] ?? "").trim();
  };
  const fail = (code: RowProblemCode, field: Field | null, value?: string) =>
    problems.push({
      sheet: line.sheet,
      row: line.row,
      code,
      message: ROW_PROBLEM_MESSAGES[code],
      column: field === null ? null : (header[map.fields[field] ?? -1] ?? null),
      value: value ?? (field === null ? null : cell(field)) ?? null,
    });
  /** A number cell in a range: undefined when empty, null (and a problem) when bad. */
  const num = (f: Field, min: number, max: number, code: RowProblemCode): number | null | undefined => {
    const v = readNumber(cell(f));
    if (v === undefined) return undefined;
    if (v === null || !inRange(v, min, max)) {
      fail(code, f);
      return null;
    }
    return v;
  };

  const noText = cell("studentNo");
  const idText = cell("idNumber");
  const studentNo = noText === "" ? null : readStudentNo(noText);
  if (noText !== "" && studentNo === null) fail("ROW_STUDENT_NO_INVALID", "studentNo");
  const idNumber = idText === "" ? null : readIdNumber(idText);
  if (idText !== "" && idNumber === null) fail("ROW_ID_NUMBER_INVALID", "idNumber", "（已隐藏）");
  if (noText === "" && idText === "") fail("ROW_STUDENT_KEY_MISSING", null);

  const fromId = idNumber ? idNumberFacts(idNumber) : null;
  const sexText = cell("sex");
  const sex = sexText === "" ? (fromId?.sex ?? null) : readSex(sexText);
  if (sex === null) fail("ROW_SEX_INVALID", "sex");
  const birthText = cell("birthDate");
  const birthDate = birthText === "" ? (fromId?.birthDate ?? null) : readDate(birthText);
  if (birthDate === null) fail("ROW_BIRTH_DATE_INVALID", "birthDate");
  const grade = readGrade(cell("grade"));
  if (grade === null) fail("ROW_GRADE_INVALID", "grade");
  const dateText = cell("measuredOn");
  const measuredOn = dateText === "" ? ctx.measuredOn : readDate(dateText);
  if (measuredOn === null || measuredOn > ctx.today || (birthDate !== null && measuredOn <= birthDate))
    fail("ROW_DATE_INVALID", "measuredOn", dateText || measuredOn || "");

  const heightCm = num("heightCm", 80, 220, "ROW_HEIGHT_INVALID");
  const weightKg = num("weightKg", 10, 200, "ROW_WEIGHT_INVALID");
  if ((heightCm === undefined) !== (weightKg === undefined))
    fail("ROW_HEIGHT_WEIGHT_UNPAIRED", heightCm === undefined ? "heightCm" : "weightKg");

  const va = (f: Field): number | null | undefined => {
    const v = readNumber(cell(f));
    if (v === undefined) return undefined;
    const five = v === null ? null : toFivePoint(v);
    if (five === null) fail("ROW_VISION_INVALID", f);
    return five;
  };
  const vaLeft = va("vaLeft");
  const vaRight = va("vaRight");
  const se = (seField: Field, sph: Field, cyl: Field): number | null | undefined => {
    const given = num(seField, -30, 30, "ROW_REFRACTION_INVALID");
    if (given !== undefined) return given;
    const s = num(sph, -30, 30, "ROW_REFRACTION_INVALID");
    const c = num(cyl, -10, 10, "ROW_REFRACTION_INVALID");
    if (s === undefined) {
      if (c === undefined) return undefined;
      fail("ROW_REFRACTION_INVALID", sph);
      return null;
    }
    if (s === null || c === null) return null;
    return Math.round((s + (c ?? 0) / 2) * 1000) / 1000;
  };
  const seLeft = se("seLeft", "sphLeft", "cylLeft");
  const seRight = se("seRight", "sphRight", "cylRight");
  const glasses = readGlasses(cell("glasses"));
  if (glasses === null) fail("ROW_GLASSES_INVALID", "glasses");

  const itemScores: Partial<Record<FitnessItem, number>> = {};
  for (const [item, i] of Object.entries(map.itemScores)) {
    const text = (line.cells[i as number] ?? "").trim();
    const v = readNumber(text);
    if (v === undefined) continue;
    if (v === null || !inRange(v, 0, 100)) {
      problems.push({
        sheet: line.sheet,
        row: line.row,
        code: "ROW_SCORE_INVALID",
        message: ROW_PROBLEM_MESSAGES.ROW_SCORE_INVALID,
        column: header[i as number] ?? null,
        value: text,
      });
      continue;
    }
    // 1分钟仰卧起坐 is a scored item of grades 3–6 and, from grade 7, the girls' strength item.
    const key: FitnessItem =
      item === "sit_ups_or_strength" ? (grade !== null && grade >= 7 ? "strength" : "sit_ups") : (item as FitnessItem);
    itemScores[key] = v;
  }
  const bonus = num("bonus", 0, 20, "ROW_SCORE_INVALID");
  const total = num("total", 0, 120, "ROW_SCORE_INVALID");
  const raw: Record<string, string> = {};
  for (const [name, i] of Object.entries(map.rawResults)) {
    const text = (line.cells[i] ?? "").trim();
    if (text !== "") raw[name] = text.slice(0, 40);
  }
  const measured =
    heightCm !== undefined ||
    vaLeft !== undefined ||
    vaRight !== undefined ||
    total !== undefined ||
    Object.keys(itemScores).length > 0 ||
    glasses === "ortho_k";
  if (problems.length === 0 && !measured) fail("ROW_NOTHING_MEASURED", null);
  if (problems.length > 0) return problems;
  const name = cell("name");
  const className = cell("className");
  return {
    sheet: line.sheet,
    row: line.row,
    studentNo,
    idNumber,
    name: name === "" ? null : name.slice(0, 50),
    sex: sex as Sex,
    birthDate: birthDate as string,
    grade: grade as number,
    className: className === "" ? null : className.slice(0, 50),
    measuredOn: measuredOn as string,
    heightCm: heightCm ?? null,
    weightKg: weightKg ?? null,
    vaLeft: vaLeft ?? null,
    vaRight: vaRight ?? null,
    seLeft: seLeft ?? null,
    seRight: seRight ?? null,
    glasses: glasses as Glasses,
    itemScores,
    bonus: bonus ?? null,
    total: total ?? null,
    raw,
  };
}

/** The key a student is known by: 学籍号 first, else 身份证号. */
export const studentKeyOf = (r: { studentNo: string | null; idNumber: string | null }): string =>
  r.studentNo !== null ? `no:${r.studentNo}` : `id:${r.idNumber}`;

/** Every row of the sheets, and the rows that name the same student as an earlier one. */
export function readRows(
  sheets: { name: string; header: string[]; map: ColumnMap; rows: SheetRow[] }[],
  ctx: RowContext,
): { rows: ScreeningRow[]; problems: RowProblem[] } {
  const rows: ScreeningRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for (const sheet of sheets) {
    for (const line of sheet.rows) {
      if (line.cells.every((c) => c.trim() === "")) continue;
      const r = readRow(line, sheet.map, sheet.header, ctx);
      if (Array.isArray(r)) {
        problems.push(...r);
        continue;
      }
      const keys = [r.studentNo && `no:${r.studentNo}`, r.idNumber && `id:${r.idNumber}`].filter(Boolean) as string[];
      if (keys.some((k) => seen.has(k))) {
        problems.push({
          sheet: line.sheet,
          row: line.row,
          code: "ROW_DUPLICATE_STUDENT",
          message: ROW_PROBLEM_MESSAGES.ROW_DUPLICATE_STUDENT,
          column: null,
          value: null,
        });
        continue;
      }
      for (const k of keys) seen.add(k);
      rows.push(r);
    }
  }
  return { rows, problems };
}
