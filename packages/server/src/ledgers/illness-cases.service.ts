import {
  type IllnessCase,
  type IllnessCaseDetail,
  type IllnessCaseStep,
  type IllnessCases,
  maskName,
  type NewIllnessCase,
} from "@luoshi/contract";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { todayInShanghai } from "../progress/periods.js";
import { ownClass, reachOf } from "./health.service.js";
import { ILLNESS_CASE, symptomList } from "./illness-case-type.js";
import { illnessCaseCounts } from "./illness-cases.repository.js";
import { readableOrgIds } from "./ledger-access.js";
import { ledgerError } from "./ledger-errors.js";
import { presentHistory, revealRecord } from "./ledger-mask.js";
import type { Fields } from "./ledger-type.js";
import * as repo from "./ledgers.repository.js";
import { addDays } from "./returns.js";
import { findClass, listClasses } from "./school-classes.repository.js";
import { type Clock, changeStudentRecord, checkEvidence, insertStudentRecord } from "./student-ledger.js";
import { createRecord, step } from "./workflow.js";

/**
 * Illness-absence cases to 复课 (issue 16). Who reaches a case follows the class checks: the class's
 * 班主任 (their classes' cases), the school's 疫情报告人 (every case of the school, and alone checks
 * 复课证明); the bureau counts cases per school and state, never a name. Names are masked in every
 * answer; a reveal is audited.
 */

const TYPE = ILLNESS_CASE.type;
const OPEN = ["ill_absent", "resume_pending"];
const LIMIT = 500;

type Row = NonNullable<Awaited<ReturnType<typeof repo.findRecord>>>;

const str = (v: unknown) => (typeof v === "string" ? v : null);

function daysAbsent(f: Fields, today: string): number {
  const from = String(f.absentFrom);
  const until = str(f.resumeOn) ?? addDays(today, 1);
  let n = 0;
  for (let d = from; d < until && n < 3660; d = addDays(d, 1)) n++;
  return n;
}

function presentCase(r: Row & { org_name: string }, className: string, today: string): IllnessCase {
  const f = r.fields;
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    classId: String(f.classId),
    className,
    state: r.state,
    studentName: maskName(String(f.studentName)),
    onsetOn: String(f.onsetOn),
    absentFrom: String(f.absentFrom),
    symptoms: symptomList(f.symptoms) as IllnessCase["symptoms"],
    symptomNote: str(f.symptomNote),
    medicalVisit: str(f.medicalVisit),
    hospital: str(f.hospital),
    diagnosis: str(f.diagnosis),
    followCount: Number(f.followCount ?? 0),
    resumeOn: str(f.resumeOn),
    certificate: Array.isArray(f.certificate) ? f.certificate : [],
    certificateIssuer: str(f.certificateIssuer),
    verifiedOn: str(f.verifiedOn),
    daysAbsent: daysAbsent(f, today),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A case the actor reaches (their class's, or their school's), else not found. */
async function reachableCase(db: Database, actor: Actor, id: string) {
  const row = await repo.findRecord(db, { regionId: actor.regionId, id }, TYPE);
  const reach = await reachOf(db, actor);
  const c = row ? await findClass(db, actor.regionId, String(row.fields.classId)) : undefined;
  const ok =
    row !== undefined &&
    c !== undefined &&
    ((reach.mode === "teacher" && c.head_teacher_id === actor.userId) ||
      (reach.mode === "school" && reach.orgIds.includes(row.org_id)));
  if (!ok) throw ledgerError("LEDGER_RECORD_NOT_FOUND", 404);
  return { row: row!, className: c!.name, schoolDoctor: reach.mode === "school" };
}

export async function illnessCaseDetail(
  db: Database,
  actor: Actor,
  id: string,
  now: Clock,
): Promise<IllnessCaseDetail> {
  const { row, className } = await reachableCase(db, actor, id);
  const org = await repo.orgOf(db, actor.regionId, row.org_id);
  const history = await repo.historyOf(db, { regionId: actor.regionId, id });
  return {
    ...presentCase({ ...row, org_name: org?.name ?? "" }, className, todayInShanghai(now())),
    history: presentHistory(ILLNESS_CASE, history),
  };
}

export async function listIllnessCases(
  db: Database,
  actor: Actor,
  q: { orgId?: string; classId?: string; state?: string },
  now: Clock,
): Promise<IllnessCases> {
  const reach = await reachOf(db, actor);
  const today = todayInShanghai(now());
  if (reach.mode === "bureau") {
    const scope = readableOrgIds(actor);
    const orgIds = q.orgId ? (scope && !scope.includes(q.orgId) ? [] : [q.orgId]) : scope;
    const counts = await illnessCaseCounts(db, actor.regionId, orgIds);
    const schools = new Map<string, IllnessCases["schools"][number]>();
    for (const c of counts) {
      const s = schools.get(c.org_id) ?? {
        orgId: c.org_id,
        orgName: c.org_name,
        illAbsent: 0,
        resumePending: 0,
        resumed: 0,
      };
      const key = c.state === "ill_absent" ? "illAbsent" : c.state === "resume_pending" ? "resumePending" : "resumed";
      s[key] += Number(c.n);
      schools.set(c.org_id, s);
    }
    return { scope: "bureau", cases: [], schools: [...schools.values()] };
  }
  const classes =
    reach.mode === "teacher"
      ? await listClasses(db, { regionId: actor.regionId, headTeacherId: actor.userId, withRemoved: true })
      : await listClasses(db, { regionId: actor.regionId, orgIds: reach.orgIds, withRemoved: true });
  const names = new Map(classes.map((c) => [c.id, c.name]));
  const orgIds = [...new Set(classes.map((c) => c.org_id))].filter((o) => !q.orgId || o === q.orgId);
  const rows = await repo.listRecords(db, {
    regionId: actor.regionId,
    type: TYPE,
    orgIds,
    ...(q.state ? { states: [q.state] } : {}),
    fieldEquals: q.classId ? { classId: q.classId } : {},
    limit: LIMIT,
    offset: 0,
  });
  const cases = rows
    .filter((r) => names.has(String(r.fields.classId)))
    .map((r) => presentCase(r, names.get(String(r.fields.classId))!, today));
  return { scope: reach.mode, cases, schools: [] };
}

/** The 班主任 (or the school's reporter) registers a student of the class absent for illness. */
export async function recordIllnessCase(db: Database, actor: Actor, input: NewIllnessCase, now: Clock) {
  const c = await ownClass(db, actor, input.classId);
  const { symptoms, ...rest } = input;
  const fields = { ...rest, studentName: input.studentName.trim(), symptoms: symptoms.join(",") } as Fields;
  const today = todayInShanghai(now());
  if (input.onsetOn > today || input.absentFrom > today) throw ledgerError("ILLNESS_DATE_IN_FUTURE", 400);
  const outcome = createRecord(ILLNESS_CASE, fields);
  const open = await repo.listRecords(db, {
    regionId: actor.regionId,
    type: TYPE,
    orgIds: [c.org_id],
    states: OPEN,
    fieldEquals: { classId: c.id, studentName: String(fields.studentName) },
    limit: 1,
    offset: 0,
  });
  if (open.length > 0) throw ledgerError("ILLNESS_CASE_OPEN", 409, { caseId: open[0]!.id });
  const id = await insertStudentRecord(db, ILLNESS_CASE, actor, c.org_id, outcome, now);
  return illnessCaseDetail(db, actor, id, now);
}

/** A follow-up, a 复课 request, or the school doctor's check of the 复课证明. */
export async function stepIllnessCase(db: Database, actor: Actor, id: string, input: IllnessCaseStep, now: Clock) {
  const { schoolDoctor } = await reachableCase(db, actor, id);
  const fields = input.fields as Fields;
  await checkEvidence(db, ILLNESS_CASE, actor, fields);
  const today = todayInShanghai(now());
  await changeStudentRecord(db, ILLNESS_CASE, actor, id, now, (current) =>
    step(
      ILLNESS_CASE,
      current,
      input.action,
      fields,
      { actorId: actor.userId, today, settings: { schoolDoctor } },
      input.note ?? null,
    ),
  );
  return illnessCaseDetail(db, actor, id, now);
}

/** The student's name in clear, for the class's 班主任 and the school's reporter; audited. */
export async function revealIllnessCase(db: Database, actor: Actor, id: string) {
  const { row } = await reachableCase(db, actor, id);
  const revealed = await revealRecord(db, ILLNESS_CASE, actor, id, row.fields);
  return { id, studentName: revealed.fields.studentName ?? "" };
}
