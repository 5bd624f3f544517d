import {
  type ChildStatus,
  COMPULSORY_AGE,
  type SchoolAgeCaseBody,
  type SchoolAgeChild,
  type SchoolAgeExportQuery,
  type SchoolAgeImportAnswer,
  type SchoolAgeQuery,
  type SchoolAgeReveal,
  type SchoolAgeView,
} from "@luoshi/contract";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { forbidden } from "../errors.js";
import { newId } from "../ids.js";
import { todayInShanghai } from "../progress/periods.js";
import * as dropoutRepo from "./dropout.repository.js";
import { studentOrgScope } from "./dropout-access.js";
import { DROPOUT } from "./dropout-type.js";
import { LEDGER_ASSIGNERS, LEDGER_WRITERS } from "./ledger-access.js";
import { ledgerError } from "./ledger-errors.js";
import { ledgerIoError, rowProblem } from "./ledger-io-messages.js";
import type { RowProblem } from "./ledger-sheet.js";
import type { Fields } from "./ledger-type.js";
import { readFirstSheet, tablesToWorkbook } from "./ledger-xlsx.js";
import * as ledgersRepo from "./ledgers.repository.js";
import * as repo from "./school-age.repository.js";
import { schoolAgeCounts } from "./school-age-counts.js";
import {
  type ChildOut,
  type ChildRow,
  childCells,
  childHeader,
  childWidths,
  locateChildHeader,
  maskChild,
  readChildRow,
  SCHOOL_AGE_TITLE,
  schoolAgeError,
} from "./school-age-sheet.js";
import { type Clock, insertStudentRecord } from "./student-ledger.js";
import { createRecord } from "./workflow.js";

/**
 * The 适龄儿童台账 (issue 18; ../shared/reference/dropout-and-aid.md, 四查三比对): the county imports its
 * roster of compulsory-age children from 户籍; each child is compared with the school rolls by
 * 身份证件号 (户籍 ↔ 学籍, never by name) and shown 在校 (school, grade), 适龄未入学, or as the 控辍 case
 * opened for them stands. The bureau (its managers and the department) imports, re-compares and opens
 * a case in one action; the school sees the children found on its roll or sent to it with a case.
 * Personal data masked by default; a reveal and a revealed export are audited.
 */

const ENTITY = "school_age_child";
const ROSTER = "school_age_roster";
const MAX_ROWS = 100_000;
const MAX_PROBLEMS = 1000;
const OPEN_STATES = ["at_risk", "dropped_out", "persuading"];

const minusYears = (day: string, years: number) => `${Number(day.slice(0, 4)) - years}${day.slice(4)}`;

/** The scope of an actor's 台账 on a day: which schools, who is of compulsory age. */
function scopeOf(actor: Actor, orgId: string | undefined, asOf: string): repo.ChildScope {
  const orgIds = studentOrgScope(actor, orgId);
  const school = actor.role === "school_reporter";
  return {
    regionId: actor.regionId,
    ...(orgIds || school ? { orgIds: orgIds ?? actor.visibleOrgIds } : {}),
    bornAfter: minusYears(asOf, COMPULSORY_AGE.to + 1),
    bornBy: minusYears(asOf, COMPULSORY_AGE.from),
    sinceYear: Number(asOf.slice(0, 4)) - 1,
  };
}

const ageOn = (birth: string, day: string) =>
  Number(day.slice(0, 4)) - Number(birth.slice(0, 4)) - (day.slice(5) < birth.slice(5) ? 1 : 0);

const present = (
  r: repo.ChildListRow,
  asOf: string,
): ChildOut & { id: string; schoolId: string | null; caseId: string | null; rollYear: number | null } => ({
  id: r.id,
  name: r.name,
  idNumber: r.id_number,
  sex: r.sex,
  birthDate: r.birth_date,
  age: ageOn(r.birth_date, asOf),
  hukouPlace: r.hukou_place,
  residence: r.residence,
  guardianName: r.guardian_name,
  guardianPhone: r.guardian_phone,
  specialGroups: r.special_groups,
  status: r.status,
  schoolId: r.roll_org_id ?? r.case_org_id,
  schoolName: r.school_name,
  grade: r.roll_grade,
  rollYear: r.roll_year,
  studentNo: r.roll_student_no,
  caseId: r.case_id,
  comparedAt: r.compared_at,
});

/** Whether the actor may see a child's personal data in clear (the bureau's managers, the school's reporter). */
const mayClear = (actor: Actor) => LEDGER_WRITERS.includes(actor.role);

const assertManager = (actor: Actor) => {
  if (!LEDGER_ASSIGNERS.includes(actor.role)) throw forbidden();
};

// --- the view -----------------------------------------------------------------------------------

export async function schoolAgeView(db: Database, actor: Actor, q: SchoolAgeQuery, now: Clock): Promise<SchoolAgeView> {
  const asOf = todayInShanghai(now());
  const scope = scopeOf(actor, q.orgId, asOf);
  const [counts, rows] = await Promise.all([
    schoolAgeCounts(db, scope),
    repo.listChildren(db, { ...scope, ...(q.status ? { status: q.status } : {}), limit: q.limit, offset: q.offset }),
  ]);
  const total = q.status ? (counts[q.status] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    title: SCHOOL_AGE_TITLE,
    asOf,
    total,
    counts,
    children: rows.map((r) => maskChild(present(r, asOf)) satisfies SchoolAgeChild),
  };
}

async function visibleChild(db: Database, actor: Actor, id: string, asOf: string) {
  const [row] = await repo.listChildren(db, { ...scopeOf(actor, undefined, asOf), ids: [id], limit: 1, offset: 0 });
  if (!row) throw schoolAgeError("SCHOOL_AGE_CHILD_NOT_FOUND", 404);
  return row;
}

export async function revealChild(db: Database, actor: Actor, id: string, now: Clock): Promise<SchoolAgeReveal> {
  if (!mayClear(actor)) throw forbidden();
  const row = await visibleChild(db, actor, id, todayInShanghai(now()));
  await recordAudit(db, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: ENTITY,
    entityId: id,
    action: "reveal",
    after: { fields: ["姓名", "身份证件号", "监护人", "电话", "学籍号"] },
  });
  return {
    id,
    name: row.name,
    idNumber: row.id_number,
    guardianName: row.guardian_name,
    guardianPhone: row.guardian_phone,
    studentNo: row.roll_student_no,
  };
}

export async function exportSchoolAge(db: Database, actor: Actor, q: SchoolAgeExportQuery, now: Clock) {
  const asOf = todayInShanghai(now());
  const rows = await repo.listChildren(db, {
    ...scopeOf(actor, q.orgId, asOf),
    ...(q.status ? { status: q.status } : {}),
    limit: MAX_ROWS,
    offset: 0,
  });
  const revealed = q.reveal === true && mayClear(actor) && rows.length > 0;
  const children = rows.map((r) => (revealed ? present(r, asOf) : maskChild(present(r, asOf))));
  const bytes = await tablesToWorkbook([
    {
      name: SCHOOL_AGE_TITLE,
      title: SCHOOL_AGE_TITLE,
      subtitle: `导出日期：${asOf}　共 ${rows.length} 人（状态按最近一次户籍与学籍比对及控辍保学案例）`,
      header: childHeader(),
      widths: childWidths(),
      rows: children.map(childCells),
    },
  ]);
  await recordAudit(db, {
    regionId: actor.regionId,
    actorId: actor.userId,
    entity: "ledger",
    entityId: ROSTER,
    action: "export",
    after: { rows: rows.length, revealed, filter: { status: q.status ?? null, orgId: q.orgId ?? null } },
  });
  return { bytes, filename: `${SCHOOL_AGE_TITLE}（${asOf}）.xlsx`, rows: rows.length, revealed };
}

// --- import and comparison ----------------------------------------------------------------------

const masked = (c: ChildRow) => maskChild({ ...c, studentNo: null });
const same = (a: ChildRow, b: ChildRow) =>
  (Object.keys(a) as (keyof ChildRow)[]).every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
const fieldsOf = (c: ChildRow & { id?: string; version?: number }): ChildRow => ({
  name: c.name,
  idNumber: c.idNumber,
  sex: c.sex,
  birthDate: c.birthDate,
  hukouPlace: c.hukouPlace,
  residence: c.residence,
  guardianName: c.guardianName,
  guardianPhone: c.guardianPhone,
  specialGroups: c.specialGroups,
});

/**
 * Imports the county's 户籍 roster: every row checked (row number, stable code, message for each
 * problem); `check` writes nothing, `all` writes only when every row is valid (else 422 with the
 * problems), `valid` writes the valid rows and lists the others. A known 身份证件号 corrects that child (audited with before and after, masked); the
 * children written are then compared with the school rolls.
 */
export async function importSchoolAge(
  db: Database,
  actor: Actor,
  bytes: Buffer,
  mode: "check" | "all" | "valid",
  now: Clock,
): Promise<SchoolAgeImportAnswer> {
  assertManager(actor);
  const sheet = await readFirstSheet(bytes);
  const { at: headerAt, columns } = locateChildHeader(sheet.rows);
  const data = sheet.rows.slice(headerAt + 1);
  if (data.length === 0) throw ledgerIoError("LEDGER_IMPORT_EMPTY", 422);
  if (data.length > 20_000) throw ledgerIoError("LEDGER_IMPORT_TOO_MANY", 422);
  const problems: RowProblem[] = [];
  const good: { row: number; child: ChildRow }[] = [];
  const seen = new Set<string>();
  for (const r of data) {
    const read = readChildRow(columns, r.row, r.cells);
    if ("problems" in read) problems.push(...read.problems);
    else if (seen.has(read.ok.idNumber))
      problems.push({ row: r.row, column: "身份证件号", ...rowProblem("CHILD_ID_NUMBER_DUPLICATE", "身份证件号") });
    else {
      seen.add(read.ok.idNumber);
      good.push({ row: r.row, child: read.ok });
    }
  }
  const at = now().toISOString();
  return db.transaction().execute(async (trx) => {
    const stored = new Map(
      (await repo.lockChildren(trx, actor.regionId, [...seen])).map((c) => [c.idNumber, c] as const),
    );
    const fresh = good.filter((g) => !stored.has(g.child.idNumber)).map((g) => ({ id: newId(), child: g.child }));
    const changed = good.filter((g) => {
      const s = stored.get(g.child.idNumber);
      return s && !same(fieldsOf(s), g.child);
    });
    const answer = (enrolled = 0, notEnrolled = 0): SchoolAgeImportAnswer => ({
      mode,
      total: data.length,
      skipped: new Set(problems.map((p) => p.row)).size,
      created: fresh.length,
      corrected: changed.length,
      unchanged: good.length - fresh.length - changed.length,
      enrolled,
      notEnrolled,
      problems: problems.slice(0, MAX_PROBLEMS),
      problemCount: problems.length,
    });
    if (problems.length > 0 && mode === "all")
      throw ledgerIoError("LEDGER_IMPORT_INVALID", 422, {
        problems: problems.slice(0, MAX_PROBLEMS),
        problemCount: problems.length,
      });
    if (mode === "check") return answer();

    await repo.insertChildren(trx, { regionId: actor.regionId, actorId: actor.userId, at }, fresh);
    for (const g of changed) {
      const before = stored.get(g.child.idNumber)!;
      await repo.updateChild(trx, actor.regionId, before.id, g.child, at);
      await recordAudit(trx, {
        regionId: actor.regionId,
        actorId: actor.userId,
        entity: ENTITY,
        entityId: before.id,
        action: "correct",
        before: masked(fieldsOf(before)),
        after: masked(g.child),
      });
    }
    const written = [...fresh.map((f) => f.id), ...changed.map((g) => stored.get(g.child.idNumber)!.id)];
    const unchangedIds = good.filter((g) => stored.has(g.child.idNumber)).map((g) => stored.get(g.child.idNumber)!.id);
    await repo.compareWithRolls(trx, actor.regionId, at, [...new Set([...written, ...unchangedIds])]);
    const counts = await repo.countMatched(trx, actor.regionId, [...new Set([...written, ...unchangedIds])]);
    const result = answer(counts.matched, counts.unmatched);
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger",
      entityId: ROSTER,
      action: "import",
      after: { ...result, problems: undefined, createdIds: fresh.map((f) => f.id).slice(0, MAX_PROBLEMS) },
    });
    return result;
  });
}

/** 户籍 ↔ 学籍 again for every child (after the rolls changed); audited with its counts. */
export async function compareSchoolAge(db: Database, actor: Actor, now: Clock) {
  assertManager(actor);
  return db.transaction().execute(async (trx) => {
    const answer = await repo.compareWithRolls(trx, actor.regionId, now().toISOString());
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "ledger",
      entityId: ROSTER,
      action: "compare",
      after: answer,
    });
    return answer;
  });
}

// --- a case for a child not enrolled ------------------------------------------------------------

/**
 * 适龄未入学 → a 控辍 case (来源：四查三比对) at the school the child should attend, in one transaction
 * with the link from the child; the case is the bureau's from the start (上报教育局 the same day), so
 * the 疑似辍学学生台账 of the bureau lists it and the school works on it like its own.
 */
export async function openChildCase(db: Database, actor: Actor, id: string, body: SchoolAgeCaseBody, now: Clock) {
  assertManager(actor);
  const today = todayInShanghai(now());
  const child = await visibleChild(db, actor, id, today);
  if (child.case_id) throw schoolAgeError("SCHOOL_AGE_CASE_OPEN", 409, { caseId: child.case_id });
  if ((child.status as ChildStatus) !== "not_enrolled") throw schoolAgeError("SCHOOL_AGE_NOT_UNENROLLED", 409);
  const org = await ledgersRepo.orgOf(db, actor.regionId, body.orgId);
  const reach = studentOrgScope(actor, undefined);
  if (!org || (reach && !reach.includes(org.id))) throw ledgerError("LEDGER_RECORD_NOT_FOUND", 404);
  if (org.kind !== "school") throw ledgerError("LEDGER_ORG_NOT_SCHOOL_STUDENT", 400);
  const studentNo = child.roll_student_no ?? child.id_number;
  const open = await dropoutRepo.recordsOfStudent(db, {
    regionId: actor.regionId,
    type: DROPOUT.type,
    studentNo,
    states: OPEN_STATES,
  });
  if (open.length > 0) throw ledgerError("DROPOUT_CASE_OPEN", 409, { caseId: open[0]!.id });
  const fields: Fields = {
    studentName: child.name,
    studentNo,
    grade: body.grade,
    ...(child.guardian_name ? { guardianName: child.guardian_name } : {}),
    ...(child.guardian_phone ? { guardianPhone: child.guardian_phone } : {}),
    ...(child.special_groups[0] ? { specialGroup: child.special_groups[0] } : {}),
    riskLevel: body.riskLevel,
    reason: body.reason,
    ...(body.reasonNote ? { reasonNote: body.reasonNote } : {}),
    source: "comparison",
    foundOn: today,
    responsibleName: body.responsibleName,
  };
  const outcome = createRecord(DROPOUT, fields, "适龄儿童台账比对：适龄未入学");
  const escalation = { escalatedOn: today, escalatedBy: actor.userId };
  outcome.record.fields = { ...outcome.record.fields, ...escalation };
  outcome.entry.changes = {
    ...outcome.entry.changes,
    escalatedOn: { from: null, to: today },
    escalatedBy: { from: null, to: actor.userId },
  };
  const caseId = await insertStudentRecord(db, DROPOUT, actor, body.orgId, outcome, now, async (trx, caseId, at) => {
    await repo.linkCase(trx, actor.regionId, id, caseId, body.orgId, at);
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: ENTITY,
      entityId: id,
      action: "open_case",
      after: { caseId, orgId: body.orgId },
    });
  });
  return { caseId };
}
