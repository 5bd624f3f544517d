import type { GLASSES_KINDS } from "@luoshi/contract";

/**
 * 筛查性近视 by 《儿童青少年近视防控适宜技术指南》 (../shared/reference/student-health.md section (a)). Pure.
 *
 * - Visual acuity in either notation: the 5-point log chart of GB/T 11533 (4.0–5.3) or decimal (0.1–2.0);
 *   decimal converts by L = 5 + log10(V), rounded to one decimal (1.0 → 5.0, 0.8 → 4.9, 0.5 → 4.7, 0.1 → 4.0).
 * - SE (等效球镜) = sphere + ½ × cylinder (WS/T 663-2020 §3.5), or as given.
 * - An eye is 筛查性近视 when age ≥ 6, naked distance VA < 5.0 and SE ≤ −0.50 D (the comparator is a
 *   versioned setting: the fx361 reproduction prints "<", default "≤").
 * - A student is myopic when either eye is. Orthokeratology (OK镜) wearers are myopic (the reference's
 *   有效筛查 rule: corrected VA only, already myopic).
 * - Without SE an eye with VA < 5.0 cannot be decided (视力不良 only): the record is incomplete and left
 *   out of 近视率 (numerator and denominator), and says so. An eye with VA ≥ 5.0 fails the criterion
 *   whatever its SE.
 */

export type Glasses = (typeof GLASSES_KINDS)[number];

export type SeComparator = "le" | "lt";
export const MYOPIA_RULE_2019 = "儿童青少年近视防控适宜技术指南（2019/2021）";

/** The 5-point value of an acuity in either notation, or null when it is neither. */
export function toFivePoint(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  if (value >= 3.0 && value <= 5.3) return Math.round(value * 10) / 10;
  if (value > 0 && value <= 2.0) {
    const l = Math.round((5 + Math.log10(value)) * 10 + 1e-9) / 10;
    return l < 3.0 ? null : l;
  }
  return null;
}

/** SE = sphere + cylinder / 2 (dioptres; eighths kept: −1.00 −0.75 → −1.375). */
export const sphericalEquivalent = (sphere: number, cylinder: number): number =>
  Math.round((sphere + cylinder / 2) * 1000) / 1000;

export type LowVision = "none" | "mild" | "moderate" | "severe";
export const LOW_VISION_LABELS: Record<LowVision, string> = {
  none: "视力正常",
  mild: "轻度视力不良",
  moderate: "中度视力不良",
  severe: "重度视力不良",
};

/** 视力不良 severity of a 5-point VA: 4.9 轻度, 4.6–4.8 中度, ≤ 4.5 重度. */
export function lowVisionOf(va: number): LowVision {
  if (va >= 5.0) return "none";
  if (va >= 4.9) return "mild";
  if (va >= 4.6) return "moderate";
  return "severe";
}

export interface EyeInput {
  /** Naked distance VA, 5-point. */
  va: number | null;
  se: number | null;
}

export type EyeMyopia = "myopic" | "not_myopic" | "undetermined";

export interface EyeResult {
  result: EyeMyopia;
  lowVision: LowVision | null;
  explanation: string;
}

export function classifyEye(eye: EyeInput, ageMonths: number, comparator: SeComparator = "le"): EyeResult {
  const lowVision = eye.va === null ? null : lowVisionOf(eye.va);
  const seText = comparator === "le" ? "≤ −0.50D" : "< −0.50D";
  if (ageMonths < 72) return { result: "undetermined", lowVision, explanation: "未满6周岁，不适用筛查性近视判定" };
  if (eye.va === null) return { result: "undetermined", lowVision, explanation: "缺裸眼视力" };
  if (eye.va >= 5.0) return { result: "not_myopic", lowVision, explanation: `裸眼视力 ${eye.va.toFixed(1)} ≥ 5.0` };
  if (eye.se === null)
    return {
      result: "undetermined",
      lowVision,
      explanation: `裸眼视力 ${eye.va.toFixed(1)} < 5.0，缺电脑验光（等效球镜），无法判定`,
    };
  const meets = comparator === "le" ? eye.se <= -0.5 : eye.se < -0.5;
  return {
    result: meets ? "myopic" : "not_myopic",
    lowVision,
    explanation: `裸眼视力 ${eye.va.toFixed(1)} < 5.0，等效球镜 ${eye.se.toFixed(2)}D ${meets ? "满足" : "不满足"} ${seText}`,
  };
}

export interface VisionInput {
  ageMonths: number;
  left: EyeInput;
  right: EyeInput;
  glasses: Glasses;
}

export interface VisionResult {
  /** null: the record cannot decide (left out of 近视率). */
  myopic: boolean | null;
  left: EyeResult;
  right: EyeResult;
  rule: string;
  explanation: string;
}

export function classifyVision(input: VisionInput, comparator: SeComparator = "le"): VisionResult {
  const left = classifyEye(input.left, input.ageMonths, comparator);
  const right = classifyEye(input.right, input.ageMonths, comparator);
  const rule = `${MYOPIA_RULE_2019}：6岁及以上，裸眼视力<5.0 且等效球镜${comparator === "le" ? "≤" : "<"}−0.50D（任一眼）`;
  if (input.glasses === "ortho_k" && input.ageMonths >= 72)
    return { myopic: true, left, right, rule, explanation: "佩戴角膜塑形镜（OK镜），按已近视计" };
  let myopic: boolean | null;
  if (left.result === "myopic" || right.result === "myopic") myopic = true;
  else if (left.result === "not_myopic" && right.result === "not_myopic") myopic = false;
  else myopic = null;
  const explanation = `左眼：${left.explanation}；右眼：${right.explanation}`;
  return { myopic, left, right, rule, explanation };
}
