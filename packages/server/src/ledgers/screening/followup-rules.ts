import type { FollowupReason } from "@luoshi/contract";
import { BMI_RANK, type BmiCategory } from "./bmi.js";

/**
 * Who goes on the 重点关注 list (小眼镜/小胖墩), from this year's result against the same student's
 * result of the previous year (a student matched by 学籍号 or 身份证号). Pure. A student first seen
 * this year has no "new" to compare and goes on no list.
 *  - new_myopia: not myopic last year, myopic now;
 *  - vision_worse: myopic both years and either eye's naked VA down by 0.2 (two lines) or more;
 *  - new_obesity: not obese last year, obese now;
 *  - bmi_worse: normal last year, overweight now.
 */

export interface Snapshot {
  myopic: boolean | null;
  bmiCategory: BmiCategory | null;
  vaLeft: number | null;
  vaRight: number | null;
}

const dropped = (before: number | null, now: number | null) =>
  before !== null && now !== null && Math.round((before - now) * 10) >= 2;

export function followupReasons(previous: Snapshot | null, current: Snapshot): FollowupReason[] {
  if (!previous) return [];
  const reasons: FollowupReason[] = [];
  if (previous.myopic === false && current.myopic === true) reasons.push("new_myopia");
  if (
    previous.myopic === true &&
    current.myopic === true &&
    (dropped(previous.vaLeft, current.vaLeft) || dropped(previous.vaRight, current.vaRight))
  )
    reasons.push("vision_worse");
  if (previous.bmiCategory !== null && previous.bmiCategory !== "obese" && current.bmiCategory === "obese")
    reasons.push("new_obesity");
  if (
    previous.bmiCategory !== null &&
    current.bmiCategory !== null &&
    current.bmiCategory !== "obese" &&
    BMI_RANK[current.bmiCategory] > BMI_RANK[previous.bmiCategory]
  )
    reasons.push("bmi_worse");
  return reasons;
}
