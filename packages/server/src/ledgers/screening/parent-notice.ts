import {
  BMI_CATEGORY_LABELS,
  FITNESS_GRADE_LABELS,
  FOLLOWUP_REASON_LABELS,
  type FollowupReason,
} from "@luoshi/contract";
import { chineseDate } from "../../supervision/messages.js";
import { OfficialDoc } from "../../supervision/official-docx.js";
import type { FollowupRow } from "./screening.repository.js";
import { gradeLabel } from "./screening.service.js";

/**
 * 家长告知书 (issue 17): the letter a school sends the parents of a student on the 重点关注 list
 * (小眼镜/小胖墩) — the results, why the child is followed up, advice for each reason, the re-test
 * date, the school's signature and a receipt to tear off. One page per student in the official layout
 * (GB/T 9704 page, fonts, page numbers); a class's notices are one document, a page break between
 * students. Pure: the rows come from the repository, the access check and the audit from the caller.
 */

export const NOTICE_TITLE = "学生健康筛查结果家长告知书";

const MYOPIA_ADVICE =
  "筛查结果提示孩子可能近视（筛查性近视，不等同于医学诊断）。请在一个月内带孩子到有资质的医疗机构作进一步检查（必要时散瞳验光），遵医嘱科学矫正；督促孩子每天户外活动2小时以上，读写时保持“一尺、一拳、一寸”，连续近距离用眼不超过40分钟，控制电子产品使用时间，保证充足睡眠。";
const WEIGHT_ADVICE =
  "孩子的体重指数（BMI）超出同性别、同年龄段的正常范围。请合理安排膳食，少吃油炸和高糖食品，少喝含糖饮料；陪伴孩子每天进行1小时以上中等及以上强度的身体活动，减少久坐；必要时到医疗机构儿童保健或营养门诊咨询。";
const ADVICE: Record<FollowupReason, string> = {
  new_myopia: MYOPIA_ADVICE,
  vision_worse: MYOPIA_ADVICE,
  new_obesity: WEIGHT_ADVICE,
  bmi_worse: WEIGHT_ADVICE,
};

const fixed = (v: number | string | null, digits: number, unit = "") =>
  v === null ? "未测" : `${Number(v).toFixed(digits)}${unit}`;

const myopiaText = (m: boolean | null) =>
  m === null ? "不能判定（视力低于5.0，缺电脑验光结果）" : m ? "筛查性近视" : "未见近视";

function bmiText(r: FollowupRow): string {
  if (r.bmi === null) return "未测";
  const category = r.bmi_category ? BMI_CATEGORY_LABELS[r.bmi_category as keyof typeof BMI_CATEGORY_LABELS] : "";
  return `${fixed(r.bmi, 1)}${category ? `（${category}，按WS/T 586—2018）` : ""}`;
}

function fitnessText(r: FollowupRow): string {
  if (r.fitness_grade === null) return "未测";
  const grade = FITNESS_GRADE_LABELS[r.fitness_grade as keyof typeof FITNESS_GRADE_LABELS] ?? r.fitness_grade;
  return `${grade}${r.fitness_total === null ? "" : `（学年总分 ${fixed(r.fitness_total, 1)}）`}`;
}

/** The rows of the results table: item, result. */
export function noticeRows(r: FollowupRow): string[][] {
  const reasons = r.reasons.map((x) => FOLLOWUP_REASON_LABELS[x as FollowupReason] ?? x).join("；");
  return [
    ["裸眼视力（五分记录）", `左眼 ${fixed(r.va_left, 1)}，右眼 ${fixed(r.va_right, 1)}`],
    ["等效球镜", `左眼 ${fixed(r.se_left, 2, "D")}，右眼 ${fixed(r.se_right, 2, "D")}`],
    ["视力筛查结论", myopiaText(r.myopic)],
    ["身高、体重", `${fixed(r.height_cm, 1, "厘米")}，${fixed(r.weight_kg, 1, "千克")}`],
    ["体重指数（BMI）", bmiText(r)],
    ["体质健康等级", fitnessText(r)],
    ["列入重点关注原因", reasons || "—"],
  ];
}

/** The advice paragraphs: one per kind of reason (vision, weight), in the order the reasons come. */
export const noticeAdvice = (reasons: string[]): string[] => [
  ...new Set(reasons.map((x) => ADVICE[x as FollowupReason]).filter(Boolean)),
];

function addNotice(doc: OfficialDoc, r: FollowupRow, today: string, first: boolean): void {
  const who = r.name ?? "（未登记姓名）";
  const klass = `${r.org_name}${gradeLabel(Number(r.grade))}${r.class_name ?? ""}`;
  doc
    .title(NOTICE_TITLE, { newPage: !first })
    .addressee(`${who}同学家长：`)
    .paragraph(
      `您好！学校于${chineseDate(String(r.measured_on).slice(0, 10))}组织了${r.year}年度学生视力筛查和体质健康测试。您的孩子${who}（${klass}）的结果如下：`,
    )
    .table(["项目", "结果"], noticeRows(r), [32, 68])
    .heading("一、建议");
  for (const text of noticeAdvice(r.reasons)) doc.paragraph(text);
  doc.heading("二、复查");
  doc.paragraph(
    r.retest_due
      ? `学校将于${chineseDate(String(r.retest_due).slice(0, 10))}前安排复查，请督促孩子按时参加；到医疗机构检查的，请将结果告知班主任。`
      : "学校将另行通知复查时间；到医疗机构检查的，请将结果告知班主任。",
  );
  doc.paragraph("以上结果仅作健康提示，不作为医学诊断依据。请阅后在回执上签字，交班主任。");
  doc.signature(r.org_name, chineseDate(today));
  doc.centered(`${"-".repeat(18)} 沿此线剪下 ${"-".repeat(18)}`);
  doc.centered("回　执");
  doc.paragraph(`我已知晓${who}同学（${klass}）的筛查结果和建议。`);
  doc.paragraph("家长签名：＿＿＿＿＿＿＿＿　联系电话：＿＿＿＿＿＿＿＿");
  doc.paragraph("日期：＿＿＿＿＿＿＿＿");
}

/** One document: the notices of the given follow-ups, each from a new page. */
export async function parentNoticesDocx(rows: FollowupRow[], today: string): Promise<Uint8Array> {
  const doc = new OfficialDoc();
  for (const [i, r] of rows.entries()) addNotice(doc, r, today, i === 0);
  return doc.toBuffer(NOTICE_TITLE);
}
