import { WST586, WST586_TABLE, type Wst586Row } from "./wst586-table.js";

/**
 * BMI category of a student aged 6–18 by WS/T 586-2018 (sex, half-year age group). Pure.
 *
 * Rounding rule (the standard's text on it was not retrieved; see the reference): BMI = kg / m² is
 * rounded half-up to one decimal, as the cut-offs are printed, and the rounded value is compared with
 * the cut-offs. So a boy of 6.0 with 16.35 is 16.4 (超重) and with 16.34 is 16.3 (正常).
 * Ages past 18.5 keep the 18.0 row (equal to the adult WS/T 428-2013 criteria); under 6 is out of scope.
 */

export type Sex = "male" | "female";
export type BmiCategory = "normal" | "overweight" | "obese";

export interface BmiResult {
  bmi: number;
  /** null: out of the standard's scope (under 6). */
  category: BmiCategory | null;
  rule: string;
  /** The table row used (null when out of scope). */
  row: { age: number; overweight: number; obese: number } | null;
  /** Why, in Chinese: the comparison that decided. */
  explanation: string;
}

/** kg / m², rounded half-up to one decimal. */
export function bmiOf(heightCm: number, weightKg: number): number {
  const m = heightCm / 100;
  return Math.round((weightKg / (m * m)) * 10 + 1e-9) / 10;
}

export function wst586Row(sex: Sex, ageMonths: number): { age: number; overweight: number; obese: number } | null {
  if (ageMonths < 72) return null;
  const group = Math.min(18, Math.floor(ageMonths / 6) / 2);
  const row = WST586_TABLE.find((r) => r.age === group) as Wst586Row;
  return sex === "male"
    ? { age: row.age, overweight: row.boyOverweight, obese: row.boyObese }
    : { age: row.age, overweight: row.girlOverweight, obese: row.girlObese };
}

export function classifyBmi(input: { sex: Sex; ageMonths: number; heightCm: number; weightKg: number }): BmiResult {
  const bmi = bmiOf(input.heightCm, input.weightKg);
  const row = wst586Row(input.sex, input.ageMonths);
  const sexLabel = input.sex === "male" ? "男" : "女";
  if (!row)
    return { bmi, category: null, rule: WST586, row: null, explanation: "未满6周岁，不在 WS/T 586-2018 适用范围内" };
  const category: BmiCategory = bmi >= row.obese ? "obese" : bmi >= row.overweight ? "overweight" : "normal";
  const head = `${WST586} ${sexLabel} ${row.age.toFixed(1)}岁组：超重≥${row.overweight.toFixed(1)}，肥胖≥${row.obese.toFixed(1)}；BMI ${bmi.toFixed(1)}`;
  const tail =
    category === "obese"
      ? `≥${row.obese.toFixed(1)}，肥胖`
      : category === "overweight"
        ? `≥${row.overweight.toFixed(1)}且<${row.obese.toFixed(1)}，超重`
        : `<${row.overweight.toFixed(1)}，非超重肥胖`;
  return { bmi, category, rule: WST586, row, explanation: `${head}${tail}` };
}

/** Order of severity, for "worsened" (a higher rank is worse). */
export const BMI_RANK: Record<BmiCategory, number> = { normal: 0, overweight: 1, obese: 2 };
