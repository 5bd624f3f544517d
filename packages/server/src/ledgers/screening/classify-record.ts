import { completedMonths } from "./age.js";
import { type BmiCategory, classifyBmi } from "./bmi.js";
import { classifyFitness, type FitnessGrade } from "./fitness.js";
import type { ScreeningRow } from "./rows.js";
import { classifyVision, type SeComparator } from "./vision.js";

/**
 * Everything derived from one measurement, with the rule and table row behind each figure. The raw
 * measurements are stored beside it; the rule versions are written onto the result so a later change
 * of rules does not silently rewrite history. Pure.
 */

export interface Derived {
  ageMonths: number;
  myopic: boolean | null;
  bmi: number | null;
  bmiCategory: BmiCategory | null;
  fitnessGrade: FitnessGrade | null;
  fitnessTotal: number | null;
  explanations: { vision: string | null; bmi: string | null; fitness: string | null };
  rules: { vision: string | null; bmi: string | null; fitness: string | null };
}

export type Measurement = Pick<
  ScreeningRow,
  | "sex"
  | "birthDate"
  | "grade"
  | "measuredOn"
  | "heightCm"
  | "weightKg"
  | "vaLeft"
  | "vaRight"
  | "seLeft"
  | "seRight"
  | "glasses"
  | "itemScores"
  | "bonus"
  | "total"
>;

export function classifyMeasurement(m: Measurement, comparator: SeComparator = "le"): Derived {
  const ageMonths = completedMonths(m.birthDate, m.measuredOn);
  const hasVision = m.vaLeft !== null || m.vaRight !== null || m.glasses === "ortho_k";
  const vision = hasVision
    ? classifyVision(
        {
          ageMonths,
          glasses: m.glasses,
          left: { va: m.vaLeft, se: m.seLeft },
          right: { va: m.vaRight, se: m.seRight },
        },
        comparator,
      )
    : null;
  const bmi =
    m.heightCm !== null && m.weightKg !== null
      ? classifyBmi({ sex: m.sex, ageMonths, heightCm: m.heightCm, weightKg: m.weightKg })
      : null;
  const fitness = classifyFitness({ grade: m.grade, itemScores: m.itemScores, bonus: m.bonus, total: m.total });
  const graded = fitness.grade !== null;
  return {
    ageMonths,
    myopic: vision?.myopic ?? null,
    bmi: bmi?.bmi ?? null,
    bmiCategory: bmi?.category ?? null,
    fitnessGrade: fitness.grade,
    fitnessTotal: fitness.total,
    explanations: {
      vision: vision?.explanation ?? null,
      bmi: bmi?.explanation ?? null,
      fitness: graded ? fitness.explanation : null,
    },
    rules: { vision: vision?.rule ?? null, bmi: bmi?.rule ?? null, fitness: graded ? fitness.rule : null },
  };
}
