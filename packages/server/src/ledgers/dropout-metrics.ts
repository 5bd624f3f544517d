import { AID_PROGRAMMES_NEEDING_IDENTIFICATION, type AidCheck, type AidProgramme } from "@luoshi/contract";
import type { MetricValue, Period } from "./hazard-metrics.js";

/**
 * The 控辍保学 and 学生资助 indicators (issue 18), pure over records as they stood at a moment:
 *  - 辍学学生数 (dropout_count): cases 已辍学 or 劝返中 — 动态清零 is this being 0 at a period's end;
 *  - 劝返率 (persuasion_rate): of the cases confirmed dropped out in the period (确认辍学日期 within
 *    it), the share returned or otherwise placed, in percent; none dropped out → no value;
 *  - 资助覆盖率 (aid_coverage): of the students identified (认定) in the period, the share with a
 *    targeted payment of the same school year, in percent; none identified → no value.
 * And the coverage checks of 应助尽助 for one school year.
 */

export interface DropoutAsOf {
  id: string;
  orgId: string;
  state: string;
  droppedOn: string | null;
}

export interface IdentificationAsOf {
  id: string;
  orgId: string;
  state: string;
  studentNo: string | null;
  studentName: string | null;
  schoolYear: string | null;
  identifiedOn: string | null;
}

export interface PaymentAsOf {
  id: string;
  orgId: string;
  studentNo: string | null;
  studentName: string | null;
  programme: string | null;
  schoolYear: string | null;
  term: string | null;
}

const OUT_OF_SCHOOL = ["dropped_out", "persuading"];
const BACK = ["returned", "placed"];
/** Programmes that aid a student for their family's hardship (nutrition and 中职免学费 are for all). */
const TARGETED: readonly string[] = [...AID_PROGRAMMES_NEEDING_IDENTIFICATION, "vocational_grant"];
const NEEDS_IDENTIFICATION: readonly string[] = AID_PROGRAMMES_NEEDING_IDENTIFICATION;

const percent = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10_000) / 100);
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

export function dropoutCount(cases: DropoutAsOf[]): MetricValue {
  const out = cases.filter((c) => OUT_OF_SCHOOL.includes(c.state));
  return {
    metric: "dropout_count",
    value: out.length,
    numerator: out.length,
    denominator: null,
    recordIds: ids(out),
    baseIds: [],
  };
}

export function persuasionRate(cases: DropoutAsOf[], period: Period): MetricValue {
  const dropped = cases.filter((c) => c.droppedOn !== null && c.droppedOn >= period.from && c.droppedOn <= period.to);
  const back = dropped.filter((c) => BACK.includes(c.state));
  return {
    metric: "persuasion_rate",
    value: percent(back.length, dropped.length),
    numerator: back.length,
    denominator: dropped.length,
    recordIds: ids(back),
    baseIds: ids(dropped),
  };
}

const key = (...parts: (string | null)[]) => parts.join("\u0000");

/** Students (学籍号 + 学年) with a targeted payment. */
const aidedStudents = (payments: PaymentAsOf[]) =>
  new Set(payments.filter((p) => TARGETED.includes(p.programme ?? "")).map((p) => key(p.studentNo, p.schoolYear)));

export function aidCoverage(idents: IdentificationAsOf[], payments: PaymentAsOf[], period: Period): MetricValue {
  const identified = idents.filter(
    (i) =>
      i.state === "identified" &&
      i.identifiedOn !== null &&
      i.identifiedOn >= period.from &&
      i.identifiedOn <= period.to,
  );
  const aided = aidedStudents(payments);
  const covered = identified.filter((i) => aided.has(key(i.studentNo, i.schoolYear)));
  return {
    metric: "aid_coverage",
    value: percent(covered.length, identified.length),
    numerator: covered.length,
    denominator: identified.length,
    recordIds: ids(covered),
    baseIds: ids(identified),
  };
}

export interface CheckFinding {
  check: AidCheck;
  orgId: string;
  studentNo: string;
  studentName: string;
  programme: AidProgramme | null;
  term: string | null;
  recordIds: string[];
}

/** The 应助尽助 checks of one school year: 应助未助, the same programme paid twice a term, aid without 认定. */
export function aidChecks(idents: IdentificationAsOf[], payments: PaymentAsOf[], schoolYear: string): CheckFinding[] {
  const yearIdents = idents.filter((i) => i.schoolYear === schoolYear && i.state === "identified");
  const yearPayments = payments.filter((p) => p.schoolYear === schoolYear);
  const aided = aidedStudents(yearPayments);
  const identifiedNos = new Set(yearIdents.map((i) => i.studentNo));
  const findings: CheckFinding[] = yearIdents
    .filter((i) => !aided.has(key(i.studentNo, schoolYear)))
    .map((i) => ({
      check: "unaided",
      orgId: i.orgId,
      studentNo: i.studentNo ?? "",
      studentName: i.studentName ?? "",
      programme: null,
      term: null,
      recordIds: [i.id],
    }));
  const groups = new Map<string, PaymentAsOf[]>();
  for (const p of yearPayments) {
    const k = key(p.studentNo, p.programme, p.term);
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  for (const group of groups.values()) {
    const [p] = group;
    if (group.length > 1 && p)
      findings.push({
        check: "duplicate",
        orgId: p.orgId,
        studentNo: p.studentNo ?? "",
        studentName: p.studentName ?? "",
        programme: p.programme as AidProgramme,
        term: p.term,
        recordIds: ids(group),
      });
  }
  for (const p of yearPayments)
    if (NEEDS_IDENTIFICATION.includes(p.programme ?? "") && !identifiedNos.has(p.studentNo))
      findings.push({
        check: "unidentified",
        orgId: p.orgId,
        studentNo: p.studentNo ?? "",
        studentName: p.studentName ?? "",
        programme: p.programme as AidProgramme,
        term: p.term,
        recordIds: [p.id],
      });
  return findings;
}
