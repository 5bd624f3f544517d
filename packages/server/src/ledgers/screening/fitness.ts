import { FITNESS_GRADE_LABELS } from "@luoshi/contract";

/**
 * 《国家学生体质健康标准（2014年修订）》 (教体艺〔2014〕5号) for grades 1–12: the items and weights of
 * each grade group, 标准分 = Σ 单项得分 × 权重, 附加分 (max 20), 学年总分 and its grade band. Pure.
 * Source: ../shared/reference/student-health.md section (c).
 *
 * Not shipped: the per-item scoring tables (raw result → 单项得分) and the BMI bands of the standard.
 * The reference holds only spot values of grade 1 (five of twenty rows), so computing item scores
 * from raw results would mean inventing table rows. Item scores come from the national system's
 * export (单项得分 columns) or the 学年总分 itself; the raw results are kept as imported.
 */

export const FITNESS_RULE = "国家学生体质健康标准（2014年修订）";

export const FITNESS_ITEM_LABELS = {
  bmi: "体重指数（BMI）",
  vital_capacity: "肺活量",
  sprint_50m: "50米跑",
  sit_and_reach: "坐位体前屈",
  rope_skipping: "1分钟跳绳",
  sit_ups: "1分钟仰卧起坐",
  shuttle_50x8: "50米×8往返跑",
  standing_long_jump: "立定跳远",
  /** 引体向上(男) / 1分钟仰卧起坐(女). */
  strength: "引体向上（男）/1分钟仰卧起坐（女）",
  /** 1000米(男) / 800米(女). */
  endurance: "1000米跑（男）/800米跑（女）",
} as const;
export type FitnessItem = keyof typeof FITNESS_ITEM_LABELS;

export type GradeGroup = "primary_1_2" | "primary_3_4" | "primary_5_6" | "secondary";
export const GRADE_GROUP_LABELS: Record<GradeGroup, string> = {
  primary_1_2: "小学一、二年级",
  primary_3_4: "小学三、四年级",
  primary_5_6: "小学五、六年级",
  secondary: "初中、高中各年级",
};

/** 权重 (%) of each item per grade group. */
export const FITNESS_WEIGHTS: Record<GradeGroup, Partial<Record<FitnessItem, number>>> = {
  primary_1_2: { bmi: 15, vital_capacity: 15, sprint_50m: 20, sit_and_reach: 30, rope_skipping: 20 },
  primary_3_4: { bmi: 15, vital_capacity: 15, sprint_50m: 20, sit_and_reach: 20, rope_skipping: 20, sit_ups: 10 },
  primary_5_6: {
    bmi: 15,
    vital_capacity: 15,
    sprint_50m: 20,
    sit_and_reach: 10,
    rope_skipping: 10,
    sit_ups: 20,
    shuttle_50x8: 10,
  },
  secondary: {
    bmi: 15,
    vital_capacity: 15,
    sprint_50m: 20,
    sit_and_reach: 10,
    standing_long_jump: 10,
    strength: 10,
    endurance: 20,
  },
};

/** Grade 1–6 小学, 7–9 初中, 10–12 高中. */
export function gradeGroupOf(grade: number): GradeGroup {
  if (grade <= 2) return "primary_1_2";
  if (grade <= 4) return "primary_3_4";
  if (grade <= 6) return "primary_5_6";
  return "secondary";
}

export type FitnessGrade = "excellent" | "good" | "pass" | "fail";

/** Grade bands of 学年总分 (one decimal): 优秀 ≥ 90.0, 良好 80.0–89.9, 及格 60.0–79.9, 不及格 ≤ 59.9. */
export const FITNESS_BANDS: readonly { grade: FitnessGrade; min: number; label: string }[] = [
  { grade: "excellent", min: 90, label: "优秀 ≥ 90.0" },
  { grade: "good", min: 80, label: "良好 80.0–89.9" },
  { grade: "pass", min: 60, label: "及格 60.0–79.9" },
  { grade: "fail", min: Number.NEGATIVE_INFINITY, label: "不及格 ≤ 59.9" },
];

const oneDecimal = (n: number) => Math.round(n * 10 + 1e-9) / 10;

export function gradeOfTotal(total: number): { grade: FitnessGrade; band: string } {
  const t = oneDecimal(total);
  const band = FITNESS_BANDS.find((b) => t >= b.min) as (typeof FITNESS_BANDS)[number];
  return { grade: band.grade, band: band.label };
}

export interface FitnessInput {
  grade: number;
  /** 单项得分 (0–100) as the national system printed them. */
  itemScores: Partial<Record<FitnessItem, number>>;
  /** 附加分 (capped at 20). */
  bonus: number | null;
  /** 学年总分 as imported, used when the item scores are incomplete. */
  total: number | null;
}

export interface FitnessResult {
  /** null: neither a complete set of item scores nor a total. */
  grade: FitnessGrade | null;
  standardScore: number | null;
  total: number | null;
  rule: string;
  explanation: string;
}

export function classifyFitness(input: FitnessInput): FitnessResult {
  const group = gradeGroupOf(input.grade);
  const weights = FITNESS_WEIGHTS[group];
  const items = Object.entries(weights) as [FitnessItem, number][];
  const complete = items.every(([item]) => input.itemScores[item] !== undefined);
  const rule = `${FITNESS_RULE} ${GRADE_GROUP_LABELS[group]}`;
  let standardScore: number | null = null;
  let total: number | null = null;
  let how: string;
  if (complete) {
    standardScore = oneDecimal(items.reduce((s, [item, w]) => s + ((input.itemScores[item] as number) * w) / 100, 0));
    const bonus = Math.min(20, Math.max(0, input.bonus ?? 0));
    total = oneDecimal(standardScore + bonus);
    how = `标准分 = ${items.map(([item, w]) => `${FITNESS_ITEM_LABELS[item]} ${input.itemScores[item]}×${w}%`).join(" + ")} = ${standardScore.toFixed(1)}；附加分 ${bonus}；学年总分 ${total.toFixed(1)}`;
  } else if (input.total !== null) {
    total = oneDecimal(input.total);
    how = `单项得分不全，按导入的学年总分 ${total.toFixed(1)}`;
  } else {
    return { grade: null, standardScore: null, total: null, rule, explanation: "无单项得分或学年总分，不评定等级" };
  }
  const { grade, band } = gradeOfTotal(total);
  return { grade, standardScore, total, rule, explanation: `${how}，${band}，${FITNESS_GRADE_LABELS[grade]}` };
}
