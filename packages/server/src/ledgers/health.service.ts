import { type HealthSlot, maskName } from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import { newId } from "../ids.js";
import { todayInShanghai } from "../progress/periods.js";
import { type ClassCheck, classCheck, type IllStudent, rememberRoster } from "./health-check.js";
import { classForCheck, insertFirstCheck } from "./health-checks.repository.js";
import { healthError } from "./health-errors.js";
import { DEFAULT_HEALTH_SCHEDULE } from "./health-source.js";
import { LEDGER_ASSIGNERS, readableOrgIds } from "./ledger-access.js";
import { orgOf } from "./ledgers.repository.js";
import { detectOutbreaks } from "./outbreaks.service.js";
import { isOpenDay, type ReturnItem, type ReturnSchedule } from "./returns.js";
import { findReturn, listReturns, lockReturn, type ReturnRow, writeReturn } from "./returns.repository.js";
import { type Clock, returnItems } from "./returns.service.js";
import {
  type ClassRow,
  findClass,
  headsClasses,
  insertClass,
  listClasses,
  saveRoster,
  userOfOrg,
} from "./school-classes.repository.js";

/**
 * Daily health reports (issue 16): school classes and their 晨午检 class checks, each a periodic
 * return of the ledger type health_check. Who sees what (the reference's personal-data rule):
 *  - a 班主任 (a school user heading classes) works on and sees their own classes only;
 *  - the school's 疫情报告人 (a school user heading no class) sees every class of the school;
 *  - the bureau sees counts only: named students never leave the school in these answers.
 * Names are masked in every answer; the class's 班主任 and the school's reporter may reveal them,
 * each reveal audited.
 */

const TYPE = "health_check" as const;

export type Reach = { mode: "teacher" } | { mode: "school"; orgIds: string[] } | { mode: "bureau"; orgIds?: string[] };

export async function reachOf(db: Database, actor: Actor): Promise<Reach> {
  if (actor.role !== "school_reporter") {
    const orgIds = readableOrgIds(actor);
    return orgIds ? { mode: "bureau", orgIds } : { mode: "bureau" };
  }
  if (await headsClasses(db, actor.regionId, actor.userId)) return { mode: "teacher" };
  return { mode: "school", orgIds: actor.visibleOrgIds };
}

const teaches = (actor: Actor, c: ClassRow) => c.head_teacher_id === actor.userId;

/** The classes the actor reaches. */
async function reachableClasses(db: Database, actor: Actor, reach: Reach, orgId?: string): Promise<ClassRow[]> {
  if (reach.mode === "teacher") return listClasses(db, { regionId: actor.regionId, headTeacherId: actor.userId });
  const orgIds = orgId ? (reach.orgIds && !reach.orgIds.includes(orgId) ? [] : [orgId]) : reach.orgIds;
  return listClasses(db, { regionId: actor.regionId, ...(orgIds ? { orgIds } : {}) });
}

/** Throws unless the actor may write a check for the class and read its names: their own, or any of their school's. */
function assertOwns(actor: Actor, reach: Reach, c: ClassRow | undefined): asserts c is ClassRow {
  const ok =
    c !== undefined &&
    ((reach.mode === "teacher" && teaches(actor, c)) || (reach.mode === "school" && reach.orgIds.includes(c.org_id)));
  if (!c || !ok) {
    if (c && reach.mode === "bureau" && (!reach.orgIds || reach.orgIds.includes(c.org_id))) throw forbidden();
    throw healthError("CLASS_NOT_FOUND", 404);
  }
}

/** A class the actor may write a check for and read names of: their own, or any of their school's. */
export async function ownClass(db: Database, actor: Actor, classId: string): Promise<ClassRow> {
  const c = await findClass(db, actor.regionId, classId);
  assertOwns(actor, await reachOf(db, actor), c);
  return c;
}

const presentClass = (c: ClassRow, named: boolean) => ({
  id: c.id,
  orgId: c.org_id,
  orgName: c.org_name,
  name: c.name,
  grade: c.grade,
  headTeacherId: c.head_teacher_id,
  headTeacherName: c.head_teacher_name,
  enrolled: c.enrolled,
  /** The remembered roster, masked (the bureau gets none). */
  roster: named ? c.roster.map(maskName) : [],
});

export async function listMyClasses(db: Database, actor: Actor, q: { orgId?: string }) {
  const reach = await reachOf(db, actor);
  const rows = await reachableClasses(db, actor, reach, q.orgId);
  return { scope: reach.mode, classes: rows.map((c) => presentClass(c, reach.mode !== "bureau")) };
}

export interface NewClass {
  orgId?: string;
  name: string;
  grade?: string;
  headTeacherId?: string | null;
  enrolled: number;
}

/** A class of a school: by the school's reporter (not a 班主任) or the bureau's managers. */
export async function createClass(db: Database, actor: Actor, input: NewClass, now: Clock) {
  const reach = await reachOf(db, actor);
  const orgId = input.orgId ?? actor.orgId;
  const allowed =
    (reach.mode === "school" && reach.orgIds.includes(orgId)) ||
    (reach.mode === "bureau" &&
      LEDGER_ASSIGNERS.includes(actor.role) &&
      (!reach.orgIds || reach.orgIds.includes(orgId)));
  if (!allowed) throw forbidden();
  const org = await orgOf(db, actor.regionId, orgId);
  if (!org) throw healthError("CLASS_NOT_FOUND", 404);
  if (org.kind !== "school") throw healthError("CLASS_ORG_NOT_SCHOOL", 400);
  const teacher = input.headTeacherId ?? null;
  if (teacher && !(await userOfOrg(db, actor.regionId, orgId, teacher)))
    throw healthError("HEAD_TEACHER_NOT_FOUND", 400);
  const id = newId();
  const at = now().toISOString();
  await db.transaction().execute(async (trx) => {
    const row = {
      regionId: actor.regionId,
      id,
      orgId,
      name: input.name.trim(),
      grade: input.grade?.trim() ?? "",
      headTeacherId: teacher,
      enrolled: input.enrolled,
      roster: [],
      sortOrder: 0,
      at,
    };
    await insertClass(trx, row);
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "school_class",
      entityId: id,
      action: "create",
      after: { ...row, roster: undefined },
    });
  });
  return presentClass((await findClass(db, actor.regionId, id))!, true);
}

// --- class checks -------------------------------------------------------------------------------

export interface CheckInput {
  classId: string;
  date: string;
  slot: HealthSlot;
  expected?: number;
  present?: number;
  students?: IllStudent[];
}

const maskStudents = (students: IllStudent[]) => students.map((s) => ({ ...s, name: maskName(s.name) }));

/** What a check's audit entry keeps: counts and masked names. */
const auditView = (check: ClassCheck) => ({ ...check, students: maskStudents(check.students) });

/**
 * Submits (or corrects) a class's check for a date and slot; the first submission's time is kept.
 * A first submission is one statement (with its audit entry), a correction a transaction.
 */
export async function submitCheck(db: Database, actor: Actor, input: CheckInput, now: Clock) {
  const found = await classForCheck(db, actor.regionId, input.classId, actor.userId);
  const reach: Reach =
    actor.role !== "school_reporter"
      ? await reachOf(db, actor)
      : found?.writer_heads
        ? { mode: "teacher" }
        : { mode: "school", orgIds: actor.visibleOrgIds };
  assertOwns(actor, reach, found);
  const c: ClassRow = found;
  const today = todayInShanghai(now());
  if (input.date > today) throw healthError("CHECK_DATE_IN_FUTURE", 400);
  const stored = found.settings as { returnSchedule?: ReturnSchedule } | null;
  if (!isOpenDay(stored?.returnSchedule ?? DEFAULT_HEALTH_SCHEDULE, input.date))
    throw healthError("CHECK_DAY_CLOSED", 400);
  const check = classCheck(input, c.enrolled);
  const at = now().toISOString();
  const key = { regionId: actor.regionId, type: TYPE, unitId: c.id, period: input.date, slot: input.slot };
  const zero = check.illAbsent === 0;
  const entityId = `${TYPE}:${c.id}:${input.date}:${input.slot}`;
  const roster = rememberRoster(c.roster, check.students);
  const first = await insertFirstCheck(db, {
    key,
    orgId: c.org_id,
    zero,
    payload: { ...check },
    actorId: actor.userId,
    at,
    audit: { entityId, after: { zero, ...auditView(check) } },
    ...(roster.length !== c.roster.length ? { roster } : {}),
  });
  if (first) {
    if (!zero) await detectOutbreaks(db, actor.regionId, [c.org_id], now(), input.date, found.settings);
    return presentCheck(c, first, true);
  }
  await db.transaction().execute(async (trx) => {
    const previous = await lockReturn(trx, key);
    await writeReturn(
      trx,
      key,
      { orgId: c.org_id, periodKind: "day", zero, payload: { ...check } },
      previous,
      actor.userId,
      at,
    );
    if (roster.length !== c.roster.length) await saveRoster(trx, actor.regionId, c.id, roster, at);
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger_return",
      entityId,
      action: previous ? "correct" : "submit",
      before: previous ? auditView(previous.payload as unknown as ClassCheck) : undefined,
      after: { zero, ...auditView(check) },
    });
  });
  // A check naming ill students may open an alert (of its school): stored at once, with the rule's version.
  if (!zero) await detectOutbreaks(db, actor.regionId, [c.org_id], now(), input.date, found.settings);
  return presentCheck(c, (await findReturn(db, key))!, true);
}

function presentCheck(c: ClassRow, row: ReturnRow, named: boolean) {
  const check = row.payload as unknown as ClassCheck;
  return {
    classId: c.id,
    className: c.name,
    orgId: c.org_id,
    orgName: c.org_name,
    date: row.period,
    slot: row.slot as HealthSlot,
    zero: row.zero,
    expected: check.expected,
    present: check.present,
    illAbsent: check.illAbsent,
    symptoms: check.symptoms,
    students: named ? maskStudents(check.students) : [],
    version: row.version,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  };
}

/** A day's class checks of the classes the actor reaches, each class with its status per slot. */
export async function listChecks(db: Database, actor: Actor, q: { date?: string; orgId?: string }, now: Clock) {
  const date = q.date ?? todayInShanghai(now());
  const reach = await reachOf(db, actor);
  const classes = await reachableClasses(db, actor, reach, q.orgId);
  const ids = classes.map((c) => c.id);
  const rows = await listReturns(db, { regionId: actor.regionId, type: TYPE, from: date, to: date, unitIds: ids });
  const orgIds = [...new Set(classes.map((c) => c.org_id))];
  const day = await returnItems(db, { regionId: actor.regionId, type: TYPE, from: date, to: date, orgIds, at: now() });
  const slotsOf = new Map<string, Record<string, Pick<ReturnItem, "status" | "dueAt" | "zero">>>();
  for (const i of day.items) {
    const slots = slotsOf.get(i.unitId) ?? {};
    slots[i.slot] = { status: i.status, dueAt: i.dueAt, zero: i.zero };
    slotsOf.set(i.unitId, slots);
  }
  const byClass = new Map(classes.map((c) => [c.id, c]));
  const named = reach.mode !== "bureau";
  return {
    date,
    open: day.items.length > 0 || isOpenDay(day.schedule, date),
    classes: classes.map((c) => ({ ...presentClass(c, named), slots: slotsOf.get(c.id) ?? {} })),
    checks: rows.map((r) => presentCheck(byClass.get(r.unit_id)!, r, named)),
  };
}

/** A check's student names in clear, for the class's 班主任 and the school's reporter; audited. */
export async function revealCheck(db: Database, actor: Actor, q: { classId: string; date: string; slot: HealthSlot }) {
  const c = await ownClass(db, actor, q.classId);
  const row = await findReturn(db, {
    regionId: actor.regionId,
    type: TYPE,
    unitId: c.id,
    period: q.date,
    slot: q.slot,
  });
  if (!row) throw healthError("RETURN_NOT_FOUND", 404);
  const check = row.payload as unknown as ClassCheck;
  await recordAudit(db, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: "ledger_return",
    entityId: `${TYPE}:${c.id}:${q.date}:${q.slot}`,
    action: "reveal",
    after: { fields: ["学生姓名"], count: check.students.length },
  });
  return { classId: c.id, date: q.date, slot: q.slot, students: check.students };
}
