import { completedMonths } from "../ledgers/screening/age.js";
import { wst586Row } from "../ledgers/screening/bmi.js";
import { addDays } from "../status/calendar.js";

/**
 * A generated, deterministic year-on-year screening dataset for the demo county (issue 17): each
 * school's pupils in two consecutive school years, the same pupils (same 学籍号) a grade up in the
 * second year, a new first grade in, the top grade out. Distributions follow the national picture in
 * ../shared/reference/student-health.md: 近视率 rising with grade from about 12 % in 一年级 to about
 * 80 % in 高三 (2018 baseline: 小学 36 %, 初中 72 %, 高中 81 %), 超重 about 12 % and 肥胖 about 9 %
 * (by the WS/T 586 cut-offs), 学年总分 around 80 (优良率 a little over half). The second year is a
 * little better (myopia onset 1.2 points lower per grade, fitness up 1.5 points), as a county working
 * on the plan's targets would hope. A pupil myopic once stays myopic. Pure: a seeded PRNG, no I/O.
 */

export interface DemoSchoolSpec {
  name: string;
  /** First and last grade (1–12) and classes per grade, pupils per class. */
  grades: [number, number];
  classes: number;
  pupils: number;
}

export const DEMO_SCREENING_HEADER = [
  "学籍号",
  "姓名",
  "性别",
  "出生日期",
  "年级",
  "班级",
  "身高(cm)",
  "体重(kg)",
  "左眼裸眼视力",
  "右眼裸眼视力",
  "左眼球镜",
  "左眼柱镜",
  "右眼球镜",
  "右眼柱镜",
  "学年总分",
];

/** Share of pupils myopic by grade 1–12 in the first year (cumulative onset). */
const MYOPIA_BY_GRADE = [0.12, 0.18, 0.25, 0.32, 0.4, 0.47, 0.58, 0.66, 0.72, 0.76, 0.79, 0.82];
/** The second year's onset is this much lower at every grade (the county's prevention works). */
const MYOPIA_GAIN = 0.012;
const FITNESS_GAIN = 1.5;

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN =
  "子浩宇轩然梓涵一诺欣怡晨阳思远雨桐佳琪俊杰嘉怡博文雅婷天佑可馨家豪语嫣明轩诗琪皓宇若曦泽宇梦瑶睿哲欣妍浩然紫涵";

/** mulberry32: small, fast, good enough for demo data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const normal = (rand: () => number) => {
  const u = Math.max(rand(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
};
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const pick = (rand: () => number, s: string) => s[Math.floor(rand() * s.length)]!;

interface Pupil {
  no: string;
  name: string;
  sex: "男" | "女";
  birth: string;
  /** Latent draws fixed for the pupil: myopia onset, weight status, fitness, height. */
  myopia: number;
  weight: number;
  fitness: number;
  height: number;
  eye: number;
}

function newPupil(rand: () => number, schoolNo: number, entryYear: number, grade: number, seq: number): Pupil {
  const sex = rand() < 0.52 ? "男" : "女";
  const birthYear = entryYear - grade - 5;
  const month = 1 + Math.floor(rand() * 12);
  const day = 1 + Math.floor(rand() * 28);
  const birth = `${birthYear}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const given = rand() < 0.6 ? pick(rand, GIVEN) + pick(rand, GIVEN) : pick(rand, GIVEN);
  return {
    no: `G360${String(schoolNo).padStart(2, "0")}${birth.replaceAll("-", "")}${String(seq).padStart(4, "0")}`,
    name: pick(rand, SURNAMES) + given,
    sex,
    birth,
    myopia: rand(),
    weight: rand(),
    fitness: normal(rand),
    height: normal(rand),
    eye: rand(),
  };
}

/** Typical height (cm) by age and sex, roughly the national growth reference. */
function heightAt(age: number, sex: "男" | "女", z: number): number {
  const base =
    sex === "男"
      ? 116 + 6.2 * (age - 6) - (age > 15 ? 3.5 * (age - 15) : 0)
      : 115 + 6 * (age - 6) - (age > 13 ? 4 * (age - 13) : 0);
  return round(base + z * 5.5, 1);
}

/** BMI for the pupil's weight status (about 9 % obese, 12 % overweight) by the WS/T 586 row of the age. */
function bmiAt(p: Pupil, months: number, drift: number): number {
  const row = wst586Row(p.sex === "男" ? "male" : "female", months);
  if (!row) return 18;
  const w = Math.min(0.999, Math.max(0, p.weight + drift));
  if (w > 0.91) return row.obese + 0.3 + (w - 0.91) * 40;
  if (w > 0.79) return row.overweight + 0.1 + ((w - 0.79) / 0.12) * (row.obese - row.overweight - 0.3);
  return row.overweight - 0.8 - (0.79 - w) * 4;
}

/** One pupil's line of the sheet in a year. */
function line(p: Pupil, grade: number, cls: number, measuredOn: string, second: boolean): string[] {
  const months = completedMonths(p.birth, measuredOn);
  const age = months / 12;
  const height = heightAt(age, p.sex, p.height);
  const bmi = bmiAt(p, months, second ? 0.01 : 0);
  const weight = round(bmi * (height / 100) ** 2, 1);
  const threshold = (MYOPIA_BY_GRADE[grade - 1] ?? 0.8) - (second ? MYOPIA_GAIN : 0);
  const myopic = p.myopia < threshold;
  // Myopic: VA below 5.0 and SE ≤ −0.50 D, worse the longer ago it began; else VA 5.0–5.2, SE about +0.25.
  const depth = myopic ? (threshold - p.myopia) / threshold : 0;
  const eye = (shift: number): [number, number, number] => {
    if (!myopic) return [round(5.0 + Math.floor((p.eye + shift) * 3) / 10 - (p.eye > 0.97 ? 0.1 : 0), 1), 0.25, 0];
    const se = -0.75 - depth * 4.5 - shift;
    return [round(Math.max(4.0, 4.9 - depth * 0.8 - shift / 2), 1), round(se + 0.25, 2), -0.5];
  };
  const [vaL, sphL, cylL] = eye(0);
  const [vaR, sphR, cylR] = eye(p.eye > 0.5 ? 0.25 : 0);
  const total = round(Math.min(110, Math.max(40, 80.5 + (second ? FITNESS_GAIN : 0) + p.fitness * 9)), 1);
  return [
    p.no,
    p.name,
    p.sex,
    p.birth,
    String(grade),
    `${cls}班`,
    height.toFixed(1),
    weight.toFixed(1),
    vaL.toFixed(1),
    vaR.toFixed(1),
    sphL.toFixed(2),
    cylL.toFixed(2),
    sphR.toFixed(2),
    cylR.toFixed(2),
    total.toFixed(1),
  ];
}

const csv = (rows: string[][]) => [DEMO_SCREENING_HEADER, ...rows].map((r) => r.join(",")).join("\n");

/** A school's two sheets (CSV text): last year's and this year's, the same pupils a grade up. */
export function demoScreeningSheets(
  school: DemoSchoolSpec,
  schoolNo: number,
  year: number,
  measuredOn: { previous: string; current: string },
): { previous: string; current: string } {
  const rand = prng(1000 + schoolNo);
  const [low, high] = school.grades;
  const previous: string[][] = [];
  const current: string[][] = [];
  let seq = 0;
  for (let grade = low; grade <= high; grade++)
    for (let cls = 1; cls <= school.classes; cls++)
      for (let k = 0; k < school.pupils; k++) {
        const pupil = newPupil(rand, schoolNo, year - 1, grade, ++seq);
        previous.push(line(pupil, grade, cls, measuredOn.previous, false));
        // The top grade leaves; the others come back a grade up.
        if (grade < high) current.push(line(pupil, grade + 1, cls, measuredOn.current, true));
      }
  for (let cls = 1; cls <= school.classes; cls++)
    for (let k = 0; k < school.pupils; k++)
      current.push(line(newPupil(rand, schoolNo, year, low, ++seq), low, cls, measuredOn.current, true));
  return { previous: csv(previous), current: csv(current) };
}

/** The day this year's screening was done: a fortnight ago, or New Year's Day early in January. */
export function demoScreeningDays(today: string): { previous: string; current: string } {
  const year = Number(today.slice(0, 4));
  const current = addDays(today, -14) < `${year}-01-01` ? `${year}-01-02` : addDays(today, -14);
  return { previous: `${year - 1}-10-15`, current: current > today ? today : current };
}
