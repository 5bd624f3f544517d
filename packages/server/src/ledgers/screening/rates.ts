import { SCREENING_RATE_METRICS } from "@luoshi/contract";

/**
 * Screening rates from counts (pure): 近视率, 超重率, 肥胖率, 优良率, 及格率, each with numerator and
 * denominator, and the change from the previous year in percentage points. Counts are summed first, so a
 * county's rate is its students' rate, never an average of school rates.
 *
 * Denominators: 近视率 over the students whose record decides myopia (有效筛查; undecided records are
 * left out and counted as excluded); 超重率/肥胖率 over the students 6 and older with height and
 * weight; 优良率/及格率 over the students with a 体质健康 grade (参加测试且评定等级的学生; 免测 are not in
 * the sheets and so not in the denominator).
 */

export const SCREENING_METRICS = SCREENING_RATE_METRICS;
export type ScreeningMetric = (typeof SCREENING_METRICS)[number];

export interface Counts {
  /** Students with a result. */
  students: number;
  visionDecided: number;
  visionUndecided: number;
  myopic: number;
  bmiMeasured: number;
  overweight: number;
  obese: number;
  fitnessGraded: number;
  excellent: number;
  good: number;
  pass: number;
}

export const ZERO: Counts = {
  students: 0,
  visionDecided: 0,
  visionUndecided: 0,
  myopic: 0,
  bmiMeasured: 0,
  overweight: 0,
  obese: 0,
  fitnessGraded: 0,
  excellent: 0,
  good: 0,
  pass: 0,
};

const COUNT_KEYS = Object.keys(ZERO) as (keyof Counts)[];

/** Adds `c` into `into`: a county's thousands of groups are summed without a copy per row. */
export function addInto(into: Counts, c: Counts): Counts {
  for (const k of COUNT_KEYS) into[k] += c[k];
  return into;
}

export const addCounts = (a: Counts, b: Counts): Counts => addInto({ ...a }, b);

/** One student's contribution, from the derived labels of their result. */
export function countOne(r: {
  myopic: boolean | null;
  visionMeasured: boolean;
  bmiCategory: string | null;
  fitnessGrade: string | null;
}): Counts {
  return {
    students: 1,
    visionDecided: r.myopic === null ? 0 : 1,
    visionUndecided: r.myopic === null && r.visionMeasured ? 1 : 0,
    myopic: r.myopic === true ? 1 : 0,
    bmiMeasured: r.bmiCategory === null ? 0 : 1,
    overweight: r.bmiCategory === "overweight" ? 1 : 0,
    obese: r.bmiCategory === "obese" ? 1 : 0,
    fitnessGraded: r.fitnessGrade === null ? 0 : 1,
    excellent: r.fitnessGrade === "excellent" ? 1 : 0,
    good: r.fitnessGrade === "good" ? 1 : 0,
    pass: r.fitnessGrade === "pass" ? 1 : 0,
  };
}

export interface Rate {
  /** Percent with two decimals; null when the denominator is 0. */
  value: number | null;
  numerator: number;
  denominator: number;
}

const pct = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 100);
const rate = (numerator: number, denominator: number): Rate => ({
  value: pct(numerator, denominator),
  numerator,
  denominator,
});

export function rateOf(metric: ScreeningMetric, c: Counts): Rate {
  switch (metric) {
    case "myopia_rate":
      return rate(c.myopic, c.visionDecided);
    case "overweight_rate":
      return rate(c.overweight, c.bmiMeasured);
    case "obesity_rate":
      return rate(c.obese, c.bmiMeasured);
    case "fitness_good_rate":
      return rate(c.excellent + c.good, c.fitnessGraded);
    case "fitness_pass_rate":
      return rate(c.excellent + c.good + c.pass, c.fitnessGraded);
  }
}

export interface RateWithChange extends Rate {
  previous: Rate;
  /** This year's value minus last year's, in percentage points (two decimals); null without both. */
  change: number | null;
}

export function rateWithChange(metric: ScreeningMetric, now: Counts, before: Counts): RateWithChange {
  const current = rateOf(metric, now);
  const previous = rateOf(metric, before);
  const change =
    current.value === null || previous.value === null ? null : Math.round((current.value - previous.value) * 100) / 100;
  return { ...current, previous, change };
}

export const isScreeningMetric = (metric: string): metric is ScreeningMetric =>
  (SCREENING_METRICS as readonly string[]).includes(metric);

const NUMERATOR_LABELS: Record<ScreeningMetric, [string, string]> = {
  myopia_rate: ["筛查性近视", "能判定的有效筛查"],
  overweight_rate: ["超重", "有身高体重"],
  obesity_rate: ["肥胖", "有身高体重"],
  fitness_good_rate: ["优秀和良好", "评定等级"],
  fitness_pass_rate: ["及格及以上", "评定等级"],
};

/**
 * The arithmetic of a bound screening indicator, as the task page, the dashboard and the bulletins
 * show it under the value: "2024年 筛查性近视 2人 ÷ 能判定的有效筛查 6人 = 33.33%；2023年 25%（1/4）；较上年 +8.33个百分点".
 */
export function rateDerivation(metric: ScreeningMetric, year: number, r: RateWithChange): string {
  const [top, bottom] = NUMERATOR_LABELS[metric];
  const now = `${year}年 ${top}${r.numerator}人 ÷ ${bottom}${r.denominator}人 = ${r.value === null ? "—" : `${r.value}%`}`;
  if (r.previous.value === null) return `${now}；${year - 1}年无筛查数据`;
  const sign = r.change !== null && r.change > 0 ? "+" : "";
  return `${now}；${year - 1}年 ${r.previous.value}%（${r.previous.numerator}/${r.previous.denominator}）；较上年 ${sign}${r.change}个百分点`;
}
