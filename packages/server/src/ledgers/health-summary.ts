import type { Symptom } from "@luoshi/contract";
import type { ClassCheck } from "./health-check.js";

/**
 * The school summary (学校晨午检汇总) the school's 疫情报告人 submits after a round, pure: the totals
 * of the school's class checks of one date and slot — never typed again — and the classes that had
 * not submitted when it was made.
 */

export interface SchoolSummary {
  classes: number;
  submittedClasses: number;
  zeroClasses: number;
  expected: number;
  present: number;
  illAbsent: number;
  symptoms: Partial<Record<Symptom, number>>;
  /** Names of the classes without a check when the summary was made. */
  missingClasses: string[];
}

export function summarise(classes: readonly { id: string; name: string }[], checks: ReadonlyMap<string, ClassCheck>) {
  const summary: SchoolSummary = {
    classes: classes.length,
    submittedClasses: 0,
    zeroClasses: 0,
    expected: 0,
    present: 0,
    illAbsent: 0,
    symptoms: {},
    missingClasses: [],
  };
  for (const c of classes) {
    const check = checks.get(c.id);
    if (!check) {
      summary.missingClasses.push(c.name);
      continue;
    }
    summary.submittedClasses++;
    if (check.illAbsent === 0) summary.zeroClasses++;
    summary.expected += check.expected;
    summary.present += check.present;
    summary.illAbsent += check.illAbsent;
    for (const [s, n] of Object.entries(check.symptoms) as [Symptom, number][])
      summary.symptoms[s] = (summary.symptoms[s] ?? 0) + n;
  }
  return summary;
}

/** The slot of a school's summary row among the returns of type health_check (the unit is the school). */
export const summarySlot = (slot: string) => `school:${slot}`;
