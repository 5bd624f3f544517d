import type { ScreeningImportResult, ScreeningRowProblem } from "@luoshi/contract";
import { recordAudit } from "../../audit/audit.repository.js";
import type { Actor } from "../../auth/actor.js";
import type { Database } from "../../db/database.js";
import { json, newId } from "../../ids.js";
import { todayInShanghai } from "../../progress/periods.js";
import { orgOf } from "../ledgers.repository.js";
import { classifyMeasurement } from "./classify-record.js";
import { followupReasons } from "./followup-rules.js";
import { ROW_PROBLEM_MESSAGES, readRows, type ScreeningRow } from "./rows.js";
import * as repo from "./screening.repository.js";
import { assertSeesIndividuals } from "./screening-access.js";
import { screeningError } from "./screening-errors.js";
import { readSheets } from "./sheets.js";

export const MAX_SCREENING_ROWS = 60_000;

export interface ImportOptions {
  orgId: string;
  year: number;
  /** 检查日期 of rows whose sheet has none. */
  measuredOn: string;
  mode: "all" | "valid_only";
  dryRun: boolean;
  fileName: string;
}

type Clock = () => Date;

interface Matched {
  row: ScreeningRow;
  studentId: string | null;
  /** A known student lacking a key this row brings. */
  addsKey: boolean;
}

/** Finds each row's student by 学籍号 or 身份证号 (never by name); a disagreement is the row's problem. */
async function matchStudents(db: Database, regionId: string, rows: ScreeningRow[]) {
  const known = await repo.studentsByKeys(
    db,
    regionId,
    rows.flatMap((r) => r.studentNo ?? []),
    rows.flatMap((r) => r.idNumber ?? []),
  );
  const byNo = new Map(known.filter((k) => k.student_no).map((k) => [k.student_no as string, k]));
  const byId = new Map(known.filter((k) => k.id_number).map((k) => [k.id_number as string, k]));
  const matched: Matched[] = [];
  const problems: ScreeningRowProblem[] = [];
  for (const row of rows) {
    const a = row.studentNo ? byNo.get(row.studentNo) : undefined;
    const b = row.idNumber ? byId.get(row.idNumber) : undefined;
    const student = a ?? b;
    const conflict =
      (a && b && a.id !== b.id) ||
      (a && row.idNumber && a.id_number && a.id_number !== row.idNumber) ||
      (b && row.studentNo && b.student_no && b.student_no !== row.studentNo) ||
      (student && (student.sex !== row.sex || student.birth_date !== row.birthDate));
    if (conflict) {
      problems.push({
        sheet: row.sheet,
        row: row.row,
        code: "ROW_STUDENT_CONFLICT",
        message: ROW_PROBLEM_MESSAGES.ROW_STUDENT_CONFLICT,
        column: null,
        value: null,
      });
      continue;
    }
    const addsKey = !!student && ((!!row.studentNo && !student.student_no) || (!!row.idNumber && !student.id_number));
    matched.push({ row, studentId: student?.id ?? null, addsKey });
  }
  return { matched, problems };
}

/**
 * Imports a school's screening sheet for a year: every row read and checked (row number, stable code),
 * students matched across years; in mode "all" any bad row refuses the whole file (422, nothing
 * written), in "valid_only" the good rows are written and the bad ones reported. A student's earlier
 * result of the same year is superseded, not deleted. One audit event names the import and its counts.
 */
export async function importScreening(
  db: Database,
  actor: Actor,
  bytes: Buffer,
  options: ImportOptions,
  now: Clock,
): Promise<ScreeningImportResult> {
  assertSeesIndividuals(actor);
  const org = await orgOf(db, actor.regionId, options.orgId);
  if (!org) throw screeningError("SCREENING_RESULT_NOT_FOUND", 404);
  assertSeesIndividuals(actor, { region_id: actor.regionId, org_id: org.id });
  if (org.kind !== "school") throw screeningError("SCREENING_ORG_NOT_SCHOOL", 400);
  const today = todayInShanghai(now());
  if (options.measuredOn > today) throw screeningError("SCREENING_DATE_IN_FUTURE", 400);

  const sheets = await readSheets(bytes, MAX_SCREENING_ROWS);
  if (sheets === "UNREADABLE") throw screeningError("SCREENING_IMPORT_UNREADABLE", 415);
  if (sheets === "NO_HEADER") throw screeningError("SCREENING_IMPORT_NO_HEADER", 422);
  if (sheets === "TOO_MANY_ROWS") throw screeningError("SCREENING_IMPORT_TOO_MANY", 422);
  const read = readRows(sheets, { measuredOn: options.measuredOn, today });
  const rowCount = read.rows.length + new Set(read.problems.map((p) => `${p.sheet}:${p.row}`)).size;
  if (rowCount === 0) throw screeningError("SCREENING_IMPORT_EMPTY", 422);
  const { matched, problems: conflicts } = await matchStudents(db, actor.regionId, read.rows);
  const problems = [...read.problems, ...conflicts].sort((x, y) =>
    x.sheet === y.sheet ? x.row - y.row : x.sheet.localeCompare(y.sheet),
  );
  const rejected = new Set(problems.map((p) => `${p.sheet}:${p.row}`)).size;
  const report = {
    rowCount,
    rejected,
    sheets: sheets.map((s) => s.name),
    unknownColumns: [...new Set(sheets.flatMap((s) => s.map.unknown))],
    problems,
  };
  if (problems.length > 0 && options.mode === "all") throw screeningError("SCREENING_IMPORT_INVALID", 422, report);
  if (options.dryRun)
    return {
      ...report,
      importId: null,
      dryRun: true,
      written: 0,
      newStudents: matched.filter((m) => !m.studentId).length,
      followups: 0,
    };

  const at = now().toISOString();
  const importId = newId();
  const written = await db.transaction().execute(async (trx) => {
    const newStudents = matched.filter((m) => m.studentId === null);
    const students = newStudents.map((m) => ({
      region_id: actor.regionId,
      id: newId(),
      student_no: m.row.studentNo,
      id_number: m.row.idNumber,
      name: m.row.name,
      sex: m.row.sex,
      birth_date: m.row.birthDate,
      created_by: actor.userId,
      created_at: at,
    }));
    newStudents.forEach((m, i) => {
      m.studentId = students[i]!.id;
    });
    await repo.insertStudents(trx, students);
    for (const m of matched)
      if (m.addsKey)
        await repo.completeStudentKeys(trx, actor.regionId, m.studentId as string, {
          student_no: m.row.studentNo,
          id_number: m.row.idNumber,
        });
    const ids = matched.map((m) => m.studentId as string);
    const earlier = await repo.currentResults(trx, actor.regionId, ids, [options.year, options.year - 1]);
    const previous = new Map(earlier.filter((e) => e.year === options.year - 1).map((e) => [e.student_id, e]));
    const replaced = earlier.filter((e) => e.year === options.year).map((e) => e.id);
    await repo.insertImport(trx, {
      region_id: actor.regionId,
      id: importId,
      org_id: org.id,
      year: options.year,
      file_name: options.fileName.slice(0, 200),
      mode: options.mode,
      row_count: rowCount,
      written: matched.length,
      rejected,
      problems: json(problems),
      actor_id: actor.userId,
      at,
    });
    await repo.supersede(trx, actor.regionId, replaced, importId, at);
    const results = matched.map(({ row, studentId }) => {
      const d = classifyMeasurement(row);
      return {
        region_id: actor.regionId,
        id: newId(),
        student_id: studentId as string,
        org_id: org.id,
        year: options.year,
        grade: row.grade,
        class_name: row.className,
        measured_on: row.measuredOn,
        age_months: d.ageMonths,
        height_cm: row.heightCm,
        weight_kg: row.weightKg,
        va_left: row.vaLeft,
        va_right: row.vaRight,
        se_left: row.seLeft,
        se_right: row.seRight,
        glasses: row.glasses,
        item_scores: json(row.itemScores),
        bonus: row.bonus,
        total_in: row.total,
        raw: json(row.raw),
        myopic: d.myopic,
        bmi: d.bmi,
        bmi_category: d.bmiCategory,
        fitness_grade: d.fitnessGrade,
        fitness_total: d.fitnessTotal,
        explanations: json(d.explanations),
        rules: json(d.rules),
        import_id: importId,
        created_by: actor.userId,
        created_at: at,
      };
    });
    await repo.insertResults(trx, results);
    const followups = results.flatMap((r) => {
      const before = previous.get(r.student_id);
      const reasons = followupReasons(
        before
          ? {
              myopic: before.myopic,
              bmiCategory: before.bmi_category,
              vaLeft: before.va_left,
              vaRight: before.va_right,
            }
          : null,
        { myopic: r.myopic, bmiCategory: r.bmi_category, vaLeft: r.va_left, vaRight: r.va_right },
      );
      return reasons.length === 0
        ? []
        : [
            {
              region_id: actor.regionId,
              id: newId(),
              student_id: r.student_id,
              org_id: org.id,
              year: options.year,
              result_id: r.id,
              reasons: json(reasons),
              retest_due: null,
              retested_on: null,
              retest_note: null,
              created_at: at,
            },
          ];
    });
    await repo.insertFollowups(trx, followups);
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "screening_import",
      entityId: importId,
      action: "import",
      after: {
        school: org.name,
        year: options.year,
        file: options.fileName,
        written: results.length,
        rejected,
        superseded: replaced.length,
        newStudents: students.length,
        followups: followups.length,
      },
    });
    return { results: results.length, newStudents: students.length, followups: followups.length };
  });
  return {
    ...report,
    importId,
    dryRun: false,
    written: written.results,
    newStudents: written.newStudents,
    followups: written.followups,
  };
}
