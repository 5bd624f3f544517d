import JSZip from "jszip";

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
}

export function idStudents(count = 40): IdStudent[] {
  return Array.from({ length: count }, (_, i) => ({
    // 430102 (长沙市芙蓉区), a birth date in 2012, a sequence number and a check character.
    id: `4301022012${String(101 + (i % 28)).padStart(4, "0")}${String(100 + i).slice(-3)}${i % 11 === 10 ? "X" : i % 10}`,
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`,
  }));
}

/** The roster as a school uploads it: 身份证号, 姓名, 性别, two scores and a 特殊需要 flag. */
export function idRosterCsv(students = idStudents()): string {
  const lines = ["身份证号,姓名,性别,语文,数学,特殊需要"];
  students.forEach((s, i) => {
    lines.push(
      `${s.id},${s.name},${i % 2 ? "女" : "男"},${60 + ((i * 7) % 40)},${55 + ((i * 11) % 45)},${i === 3 ? "是" : ""}`,
    );
  });
  return `${lines.join("\n")}\n`;
}

/** Every text part of a zip download (xlsx, docx) joined, so a test can look for values in it. */
export async function zipText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).map((f) => (f.dir ? "" : f.async("string"))));
  return parts.join("\n");
}
