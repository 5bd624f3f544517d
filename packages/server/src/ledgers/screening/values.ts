import type { Sex } from "./bmi.js";
import type { Glasses } from "./vision.js";

/** Readers of the cell values schools type: dates, sexes, grades, glasses, ID numbers. Pure; null = unreadable. */

const pad = (n: number) => String(n).padStart(2, "0");

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** 2018-03-05, 2018/3/5, 2018.3.5, 20180305, 2018年3月5日, or an Excel serial day. */
export function readDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (/^\d{5}(\.\d+)?$/.test(t)) {
    const serial = Math.floor(Number(t));
    if (serial > 20000 && serial < 80000) {
      const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
      return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
    }
  }
  return null;
}

export function readSex(text: string): Sex | null {
  const t = text.trim().toLowerCase();
  if (["男", "1", "m", "male", "男性"].includes(t)) return "male";
  if (["女", "2", "f", "female", "女性"].includes(t)) return "female";
  return null;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Grade 1–12 from 1, 一年级, 初一/七年级, 高三, or the national codes 11–16, 21–23, 31–33. */
export function readGrade(text: string): number | null {
  const t = text.trim().replace(/\s/g, "");
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    if (n >= 1 && n <= 12) return n;
    if (n >= 11 && n <= 16) return n - 10;
    if (n >= 21 && n <= 23) return n - 14;
    if (n >= 31 && n <= 33) return n - 21;
    return null;
  }
  let m = /^(小学)?([一二三四五六七八九]|\d)年级$/.exec(t);
  if (m) {
    const n = CN_DIGITS[m[2]!] ?? Number(m[2]);
    return n >= 1 && n <= 9 ? n : null;
  }
  m = /^(初|初中|高|高中)([一二三])(年级)?$/.exec(t);
  if (m) return (m[1]!.startsWith("初") ? 6 : 9) + (CN_DIGITS[m[2]!] as number);
  return null;
}

export function readGlasses(text: string): Glasses | null {
  const t = text.trim().toLowerCase().replace(/\s/g, "");
  if (["", "无", "否", "不戴", "未戴", "未戴镜", "不戴镜", "0", "n", "没有"].includes(t)) return "none";
  if (t.includes("ok") || t.includes("角膜塑形")) return "ortho_k";
  if (t.includes("隐形")) return "contact";
  if (["是", "戴", "戴镜", "框架", "框架眼镜", "1", "y", "眼镜"].includes(t)) return "frame";
  return null;
}

/** A number, or null; an empty cell is undefined. */
export function readNumber(text: string): number | null | undefined {
  const t = text.trim().replace(/^\+/, "");
  if (t === "" || t === "-" || t === "/" || t === "未测" || t === "缺测") return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** An 18-character 身份证号 (GB 11643-1999 checksum), upper-cased; null when invalid. */
export function readIdNumber(text: string): string | null {
  const t = text.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(t)) return null;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(t[i]), 0);
  if (ID_CHECK[sum % 11] !== t[17]) return null;
  if (isoDate(Number(t.slice(6, 10)), Number(t.slice(10, 12)), Number(t.slice(12, 14))) === null) return null;
  return t;
}

/** Birth date and sex written in an 身份证号. */
export function idNumberFacts(id: string): { birthDate: string; sex: Sex } {
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? "male" : "female",
  };
}

/** A 学籍号: letters and digits, 6 to 30 (the national one is G + 18-character ID or similar). */
export function readStudentNo(text: string): string | null {
  const t = text.trim().toUpperCase();
  return /^[A-Z0-9]{6,30}$/.test(t) ? t : null;
}
