import { DIAGNOSES, DIAGNOSIS_LABELS, SYMPTOMS } from "@luoshi/contract";
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, loginAs, type Session, type TestContext } from "../test/app.js";

/**
 * Cases by symptom and by disease over time (issue 16 item 6) over HTTP: for a random stream of
 * class checks and illness-absence cases (some diagnoses changed by a follow-up), the bureau's
 * daily series and the export's sheets equal a count from scratch over what was sent; counts only.
 */

let t: TestContext;
let school: Session;
let dept: Session;
let otherDept: Session;
/** Friday 2024-05-10, 10:00 in Shanghai. */
const clock = new Date("2024-05-10T02:00:00Z");
const DAYS = ["2024-05-06", "2024-05-07", "2024-05-08", "2024-05-09", "2024-05-10"];
const ONSETS = ["2024-05-01", "2024-05-03", ...DAYS];

const send = (session: Session, method: InjectOptions["method"], url: string, payload?: object) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

const few = <T>(values: readonly T[]) => fc.constantFrom(...values);
/** Each class's checks: per day and slot, its ill students' symptoms (a student is named per index). */
const checksArb = fc.array(
  fc.array(fc.array(fc.uniqueArray(few(SYMPTOMS), { minLength: 1, maxLength: 3 }), { maxLength: 3 }), {
    minLength: DAYS.length * 2,
    maxLength: DAYS.length * 2,
  }),
  { minLength: 3, maxLength: 3 },
);
const caseArb = fc.record({
  cls: fc.integer({ min: 0, max: 2 }),
  onsetOn: few(ONSETS),
  diagnosis: fc.option(few(DIAGNOSES), { nil: undefined }),
  later: fc.option(few(DIAGNOSES), { nil: undefined }),
});
const [stream] = fc.sample(fc.tuple(checksArb, fc.array(caseArb, { minLength: 12, maxLength: 20 })), {
  seed: 16,
  numRuns: 1,
});
const [checks, cases] = stream!;
const classIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
  school = await loginAs(t.app, t.fixture.a.users.school_reporter);
  dept = await loginAs(t.app, t.fixture.a.users.dept_head);
  otherDept = await loginAs(t.app, t.fixture.b.users.dept_head);
  for (const name of ["三年级1班", "三年级2班", "三年级3班"]) {
    const res = await send(school, "POST", "/api/ledgers/health/classes", { name, enrolled: 40 });
    classIds.push(res.json().id);
  }
  for (const [c, slots] of checks.entries())
    for (const [k, students] of slots.entries()) {
      const res = await send(school, "POST", "/api/ledgers/health/checks", {
        classId: classIds[c],
        date: DAYS[Math.floor(k / 2)],
        slot: k % 2 === 0 ? "morning" : "noon",
        present: 40 - students.length,
        students: students.map((symptoms, i) => ({ name: `学生${c}-${i}`, symptoms })),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  for (const [i, c] of cases.entries()) {
    const res = await send(school, "POST", "/api/ledgers/health/cases", {
      classId: classIds[c.cls],
      studentName: `病例学生${i}`,
      onsetOn: c.onsetOn,
      absentFrom: c.onsetOn,
      symptoms: ["fever"],
      ...(c.diagnosis ? { diagnosis: c.diagnosis } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    if (c.later) {
      const step = await send(school, "POST", `/api/ledgers/health/cases/${res.json().case.id}/steps`, {
        action: "follow_up",
        fields: { followOn: "2024-05-10", followNote: "复诊", diagnosis: c.later },
      });
      expect(step.statusCode, step.body).toBe(200);
    }
  }
}, 300_000);
afterAll(() => t.close());

/** From scratch: per class and day the larger of its two checks (students, each symptom), summed. */
function expectedAbsences(days: string[]) {
  const absences = days.map(() => 0);
  const symptoms = new Map<string, number[]>();
  for (const slots of checks)
    for (const [d, day] of DAYS.entries()) {
      const i = days.indexOf(day);
      if (i < 0) continue;
      const [morning, noon] = [slots[2 * d]!, slots[2 * d + 1]!];
      absences[i]! += Math.max(morning.length, noon.length);
      for (const s of SYMPTOMS) {
        const n = Math.max(...[morning, noon].map((students) => students.filter((x) => x.includes(s)).length));
        if (n === 0) continue;
        const counts = symptoms.get(s) ?? days.map(() => 0);
        counts[i]! += n;
        symptoms.set(s, counts);
      }
    }
  return { absences, symptoms };
}

/** From scratch: cases by onset day and their diagnosis now (the follow-up's, else the first, else none). */
function expectedCases(days: string[]) {
  const byDiagnosis = new Map<string, number[]>();
  for (const c of cases) {
    const i = days.indexOf(c.onsetOn);
    if (i < 0) continue;
    const diagnosis = c.later ?? c.diagnosis ?? "undiagnosed";
    const counts = byDiagnosis.get(diagnosis) ?? days.map(() => 0);
    counts[i]! += 1;
    byDiagnosis.set(diagnosis, counts);
  }
  return byDiagnosis;
}

const asMap = (series: { key: string; counts: number[]; total: number }[]) => {
  for (const s of series) expect(s.total).toBe(s.counts.reduce((a, b) => a + b, 0));
  return new Map(series.map((s) => [s.key, s.counts]));
};

describe("cases by symptom and disease over time", () => {
  it("the bureau's daily series equal a count from scratch, over the whole range and a part of it", async () => {
    for (const [from, to] of [
      ["2024-04-30", "2024-05-10"],
      ["2024-05-07", "2024-05-08"],
    ] as const) {
      const res = await send(dept, "GET", `/api/ledgers/health/trends?from=${from}&to=${to}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      const days = body.days as string[];
      expect(days[0]).toBe(from);
      expect(days.at(-1)).toBe(to);
      const { absences, symptoms } = expectedAbsences(days);
      expect(body.absences).toEqual(absences);
      expect(asMap(body.symptoms)).toEqual(symptoms);
      const byDiagnosis = expectedCases(days);
      expect(asMap(body.diagnoses)).toEqual(byDiagnosis);
      expect(body.cases).toEqual(days.map((_, i) => [...byDiagnosis.values()].reduce((n, c) => n + c[i]!, 0)));
      // Series in the vocabulary's order.
      const order = body.diagnoses.map((s: { key: string }) => DIAGNOSES.indexOf(s.key as never));
      expect(order).toEqual([...order].sort((a: number, b: number) => a - b));
      expect(res.body).not.toMatch(/学生/);
    }
    expect(cases.some((c) => c.later && c.diagnosis && c.later !== c.diagnosis)).toBe(true);
  });

  it("the school sees its own counts; another bureau none; a reversed range is refused", async () => {
    const url = "/api/ledgers/health/trends?from=2024-05-01&to=2024-05-10";
    const mine = (await send(school, "GET", url)).json();
    const bureau = (await send(dept, "GET", url)).json();
    expect(mine).toEqual(bureau);
    const other = (await send(otherDept, "GET", url)).json();
    expect([other.symptoms, other.diagnoses, other.cases.filter((n: number) => n > 0)]).toEqual([[], [], []]);
    const bad = await send(dept, "GET", "/api/ledgers/health/trends?from=2024-05-10&to=2024-05-01");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("RETURNS_RANGE_INVALID");
  });

  it("the export's sheets by disease hold the same counts by day, and per school", async () => {
    const res = await send(dept, "GET", "/api/ledgers/health/export.xlsx?from=2024-05-01&to=2024-05-10");
    expect(res.statusCode, res.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = (name: string) =>
      Array.from(book.getWorksheet(name)!.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    const byDay = rows("按日病种");
    const header = byDay[3]!;
    expect(header.slice(0, 3)).toEqual(["日期", "病例数", "流行性感冒/流感样病例"]);
    const days = ONSETS;
    const expected = expectedCases(days);
    for (const [key, counts] of expected) {
      const column = header.indexOf(DIAGNOSIS_LABELS[key as keyof typeof DIAGNOSIS_LABELS]);
      expect(column, key).toBeGreaterThan(1);
      for (const [i, day] of days.entries()) {
        const row = byDay.find((r) => r[0] === day);
        expect(Number(row?.[column] ?? 0), `${day} ${key}`).toBe(counts[i]);
      }
    }
    const total = cases.length;
    expect(byDay.find((r) => r[0] === "合计")?.[1]).toBe(total);
    expect(rows("按校病种").find((r) => r[0] === "合计")?.[1]).toBe(total);
    expect(JSON.stringify(byDay)).not.toMatch(/学生/);
  });
});
