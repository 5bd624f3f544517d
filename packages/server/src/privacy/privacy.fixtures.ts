import { maskIdNumber, maskName } from "@luoshi/contract";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { PersonalFieldKey } from "./personal-fields.js";

/**
 * A roster keyed by 身份证号 with real-looking names, for tests that look for personal values in
 * answers: every id and name is distinctive enough that finding one (or its masked form) in a body
 * means the body carries that student.
 */
const SURNAMES = ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙"];
const GIVEN = ["晓雯", "子涵", "浩然", "若曦", "梓轩", "语桐", "嘉懿", "沐辰", "思远", "一诺"];

export interface IdStudent {
  id: string;
  name: string;
  gender: "男" | "女";
  scores: [number, number];
  /** 特殊需要 for one student: a health flag. */
  special: boolean;
}

export function idStudents(count = 40): IdStudent[] {
  return Array.from({ length: count }, (_, i) => ({
    // 430102 (长沙市芙蓉区), a birth date in 2012, a sequence number and a check character.
    id: `4301022012${String(101 + (i % 28)).padStart(4, "0")}${String(100 + i).slice(-3)}${i % 11 === 10 ? "X" : i % 10}`,
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`,
    gender: i % 2 ? "女" : "男",
    scores: [60 + ((i * 7) % 40) + 0.5, 55 + ((i * 11) % 45) + 0.5],
    special: i % 9 === 3,
  }));
}

/** The roster as a school uploads it: 身份证号, 姓名, 性别, two scores and a 特殊需要 flag. */
export function idRosterCsv(students = idStudents()): string {
  const lines = ["身份证号,姓名,性别,语文,数学,特殊需要"];
  for (const s of students) lines.push([s.id, s.name, s.gender, ...s.scores, s.special ? "是" : ""].join(","));
  return `${lines.join("\n")}\n`;
}

/** Every text part of a zip download (xlsx, docx) joined, so a test can look for values in it. */
export async function zipText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).map((f) => (f.dir ? "" : f.async("string"))));
  return parts.join("\n");
}

/**
 * An answer as lines of text, one record per line where the format has records: a workbook's rows
 * (every sheet), a document's paragraphs, an indented JSON body's lines, or the text itself.
 */
export async function answerLines(body: Buffer, contentType: string): Promise<string[]> {
  if (contentType.includes("spreadsheetml")) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const lines: string[] = [];
    workbook.eachSheet((sheet) => {
      sheet.eachRow((row) => {
        lines.push((row.values as unknown[]).map((v) => (v === null || v === undefined ? "" : String(v))).join("\t"));
      });
    });
    return lines;
  }
  if (contentType.includes("wordprocessingml")) {
    const xml = await (await JSZip.loadAsync(body)).file("word/document.xml")?.async("string");
    return (xml ?? "").split("</w:p>").map((p) => p.replace(/<[^>]+>/g, ""));
  }
  const text = body.toString("utf8");
  if (contentType.includes("json")) {
    try {
      return JSON.stringify(JSON.parse(text), null, 1).split("\n");
    } catch {
      return text.split("\n");
    }
  }
  return text.split("\n");
}

export type Seen = "clear" | "masked" | "none";

/**
 * What of each personal field of the test roster the lines show: clear when a line carries the value
 * itself (tags and scores on the same line as their student), masked when only the masked form
 * appears, none otherwise.
 */
export function seenFields(lines: string[], students: IdStudent[]): Record<PersonalFieldKey, Seen> {
  const anyLine = (test: (line: string) => boolean) => lines.some(test);
  const valueSeen = (clear: (s: IdStudent) => string, masked: (s: IdStudent) => string): Seen =>
    anyLine((l) => students.some((s) => l.includes(clear(s))))
      ? "clear"
      : anyLine((l) => students.some((s) => l.includes(masked(s))))
        ? "masked"
        : "none";
  const onStudentLine = (s: IdStudent, line: string) => line.includes(s.id) || line.includes(s.name);
  return {
    "placement.student.id": valueSeen(
      (s) => s.id,
      (s) => maskIdNumber(s.id),
    ),
    "placement.student.name": valueSeen(
      (s) => s.name,
      (s) => maskName(s.name),
    ),
    "placement.student.tags": anyLine((l) =>
      students.some((s) => s.special && onStudentLine(s, l) && l.includes("特殊需要")),
    )
      ? "clear"
      : "none",
    "placement.student.scores": anyLine((l) =>
      students.some((s) => onStudentLine(s, l) && s.scores.every((x) => l.includes(String(x)))),
    )
      ? "clear"
      : "none",
  };
}
