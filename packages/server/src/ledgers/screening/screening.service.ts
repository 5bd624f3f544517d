import {
  maskIdNumber,
  maskName,
  type NewIntervention,
  type ScreeningFollowup,
  type ScreeningGrouping,
  type ScreeningRates,
  type ScreeningResult,
} from "@luoshi/contract";
import { recordAudit } from "../../audit/audit.repository.js";
import type { Actor } from "../../auth/actor.js";
import type { Database } from "../../db/database.js";
import { newId } from "../../ids.js";
import { todayInShanghai } from "../../progress/periods.js";
import { rateGroups } from "./rate-groups.js";
import * as repo from "./screening.repository.js";
import { assertSeesIndividuals, rateOrgIds, readableOrgIds } from "./screening-access.js";
import { screeningError } from "./screening-errors.js";

type Clock = () => Date;

export { gradeLabel } from "./rate-groups.js";

export const RATE_RULES = [
  "近视率 = 筛查性近视人数 ÷ 能判定的有效筛查人数（裸眼视力<5.0且缺电脑验光者不能判定，不计入分子分母，单列人数）",
  "筛查性近视：6岁及以上，裸眼视力<5.0 且非睫状肌麻痹下电脑验光等效球镜≤−0.50D（任一眼）；佩戴角膜塑形镜按已近视计",
  "超重率、肥胖率 = 超重（肥胖）人数 ÷ 6岁及以上有身高体重的人数，按 WS/T 586-2018 分性别、半岁年龄组界值",
  "优良率 =（优秀+良好）人数 ÷ 评定等级的参测人数；及格率 =（优秀+良好+及格）人数 ÷ 同一分母（国家学生体质健康标准2014年修订）",
  "较上年变化为两年比率之差，单位为百分点",
];

/** Rates of a year by school, grade, class or sex, with last year's and the change in points. */
export async function screeningRates(
  db: Database,
  actor: Actor,
  q: { year: number; by: ScreeningGrouping; orgId?: string },
): Promise<ScreeningRates> {
  const reach = rateOrgIds(actor);
  const orgIds = q.orgId ? (reach && !reach.includes(q.orgId) ? [] : [q.orgId]) : reach;
  const rows = await repo.rateCounts(db, actor.regionId, [q.year, q.year - 1], q.by, orgIds);
  return { year: q.year, previousYear: q.year - 1, by: q.by, ...rateGroups(q.by, rows, q.year), rules: RATE_RULES };
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function presentResult(r: repo.ResultRow): ScreeningResult {
  return {
    id: r.id,
    studentId: r.student_id,
    orgId: r.org_id,
    orgName: r.org_name,
    year: Number(r.year),
    grade: Number(r.grade),
    className: r.class_name,
    measuredOn: r.measured_on,
    name: r.name === null ? null : maskName(r.name),
    studentNo: r.student_no === null ? null : maskIdNumber(r.student_no),
    idNumber: r.id_number === null ? null : maskIdNumber(r.id_number),
    sex: r.sex,
    heightCm: num(r.height_cm),
    weightKg: num(r.weight_kg),
    vaLeft: num(r.va_left),
    vaRight: num(r.va_right),
    seLeft: num(r.se_left),
    seRight: num(r.se_right),
    glasses: r.glasses,
    myopic: r.myopic,
    bmi: num(r.bmi),
    bmiCategory: r.bmi_category,
    fitnessGrade: r.fitness_grade,
    fitnessTotal: num(r.fitness_total),
    explanations: r.explanations,
    rules: r.rules,
  };
}

/** A school's (or the department's) list of students' results, names and numbers masked. */
export async function screeningStudents(
  db: Database,
  actor: Actor,
  q: { year: number; orgId?: string; grade?: number; limit: number; offset: number },
) {
  assertSeesIndividuals(actor);
  const { rows, total } = await repo.listResults(db, actor.regionId, { ...q, orgIds: readableOrgIds(actor) });
  return { total, results: rows.map(presentResult) };
}

/** One student's name and numbers in clear: audited (who saw whom, not the values). */
export async function revealScreeningResult(db: Database, actor: Actor, id: string) {
  const r = await repo.resultOf(db, actor.regionId, id);
  if (!r) throw screeningError("SCREENING_RESULT_NOT_FOUND", 404);
  assertSeesIndividuals(actor, { region_id: actor.regionId, org_id: r.org_id });
  await recordAudit(db, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: "screening_result",
    entityId: r.id,
    action: "reveal",
    after: { school: r.org_name, year: Number(r.year), fields: ["学生姓名", "学籍号", "身份证号"] },
  });
  return { id: r.id, name: r.name, studentNo: r.student_no, idNumber: r.id_number };
}

function presentFollowup(f: repo.FollowupRow, today: string): ScreeningFollowup {
  return {
    id: f.followup_id,
    result: presentResult(f),
    reasons: f.reasons,
    retestDue: f.retest_due,
    retestedOn: f.retested_on,
    retestNote: f.retest_note,
    retestOverdue: f.retested_on === null && f.retest_due !== null && f.retest_due < today,
    interventions: f.interventions.map((i) => ({
      ...i,
      kind: i.kind as ScreeningFollowup["interventions"][number]["kind"],
      doneOn: String(i.doneOn).slice(0, 10),
      at: new Date(i.at).toISOString(),
    })),
  };
}

export async function screeningFollowups(db: Database, actor: Actor, q: { year: number; orgId?: string }, now: Clock) {
  assertSeesIndividuals(actor);
  const reach = readableOrgIds(actor);
  const orgIds = q.orgId ? (reach && !reach.includes(q.orgId) ? [] : [q.orgId]) : reach;
  const rows = await repo.listFollowups(db, actor.regionId, { year: q.year, orgIds });
  const today = todayInShanghai(now());
  return { followups: rows.map((f) => presentFollowup(f, today)) };
}

async function followupFor(db: Database, actor: Actor, id: string) {
  const [f] = await repo.listFollowups(db, actor.regionId, { followupId: id });
  if (!f) throw screeningError("SCREENING_FOLLOWUP_NOT_FOUND", 404);
  assertSeesIndividuals(actor, { region_id: actor.regionId, org_id: f.org_id });
  return f;
}

/** Records an intervention (家长告知, 转诊, 运动处方, 饮食指导) and, optionally, the re-test date. */
export async function recordIntervention(db: Database, actor: Actor, id: string, input: NewIntervention, now: Clock) {
  const f = await followupFor(db, actor, id);
  const today = todayInShanghai(now());
  if (input.doneOn > today) throw screeningError("SCREENING_DATE_IN_FUTURE", 400);
  await db.transaction().execute(async (trx) => {
    await repo.insertIntervention(trx, {
      region_id: actor.regionId,
      id: newId(),
      followup_id: id,
      kind: input.kind,
      done_on: input.doneOn,
      note: input.note ?? null,
      actor_id: actor.userId,
      at: now().toISOString(),
    });
    if (input.retestDue) await repo.setRetest(trx, actor.regionId, id, { retest_due: input.retestDue });
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "screening_followup",
      entityId: id,
      action: "intervene",
      before: { retestDue: f.retest_due },
      after: { kind: input.kind, doneOn: input.doneOn, retestDue: input.retestDue ?? f.retest_due },
    });
  });
  return { followup: presentFollowup((await followupFor(db, actor, id)) as repo.FollowupRow, today) };
}

/** Records the re-test: the follow-up leaves the warnings board. */
export async function recordRetest(
  db: Database,
  actor: Actor,
  id: string,
  input: { retestedOn: string; note: string },
  now: Clock,
) {
  const f = await followupFor(db, actor, id);
  const today = todayInShanghai(now());
  if (input.retestedOn > today) throw screeningError("SCREENING_DATE_IN_FUTURE", 400);
  await db.transaction().execute(async (trx) => {
    await repo.setRetest(trx, actor.regionId, id, { retested_on: input.retestedOn, retest_note: input.note });
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "screening_followup",
      entityId: id,
      action: "retest",
      before: { retestedOn: f.retested_on },
      after: { retestedOn: input.retestedOn, note: input.note },
    });
  });
  return { followup: presentFollowup((await followupFor(db, actor, id)) as repo.FollowupRow, today) };
}
