import type { NewDropoutCase } from "@luoshi/contract";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import { actorFor } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { createOrg } from "../orgs/orgs.service.js";
import { addDays } from "../status/calendar.js";
import { freshDatabase } from "../test/app.js";
import { type Fixture, PASSWORD, seedFixture } from "../test/fixture.js";
import { createUser } from "../users/users.service.js";
import { aidCheckList, recordIdentification, recordPayment, stepIdentification } from "./aid.service.js";
import { dropoutIndicators, recordCase, stepCase } from "./dropout.service.js";
import { dropoutLedgerView } from "./dropout-ledgers.js";
import { DROPOUT } from "./dropout-type.js";
import { applyChanges } from "./fields.js";
import type { Fields, LedgerRecordState } from "./ledger-type.js";
import { historyOf } from "./ledgers.repository.js";
import { createRecord, type HistoryEntry, step } from "./workflow.js";

/**
 * 控辍保学 and 学生资助 under random histories:
 *  - pure: any sequence of steps, allowed or not, leaves a case valid, its history replaying to it,
 *    and no case of a dropped-out student reaches 已返校 or 其他安置 without a 劝返 step;
 *  - through the services on PGlite (and PostgreSQL with LUOSHI_TEST_PG_URL): 辍学学生数, 劝返率,
 *    资助覆盖率 and the 应助未助 list as of random days equal counts from scratch over what happened.
 */

const ACTIONS = ["confirm_dropout", "persuade", "confirm_return", "clear_risk", "place_other", "escalate"] as const;
const NEW_CASE: Fields = {
  studentName: "王小明",
  studentNo: "G430102201001011234",
  grade: "七年级",
  riskLevel: "high",
  reason: "study_weariness",
  source: "absence",
  foundOn: "2024-09-02",
  responsibleName: "李老师",
};

const command = fc.record({
  action: fc.constantFrom(...ACTIONS),
  days: fc.integer({ min: 0, max: 6 }),
  back: fc.integer({ min: 0, max: 8 }),
  attendance: fc.integer({ min: 0, max: 20 }),
  complete: fc.boolean(),
  evidence: fc.boolean(),
  note: fc.constantFrom("", "说明"),
});
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

function inputOf(c: Command, today: string): Fields {
  const day = addDays(today, -c.back);
  const evidence = c.evidence ? ["f-1"] : null;
  switch (c.action) {
    case "confirm_dropout":
      return c.complete ? { droppedOn: day } : {};
    case "persuade":
      return {
        visitOn: day,
        visitMethod: "home_visit",
        visitPeople: c.complete ? "李老师" : null,
        visitResult: "家长同意",
        visitEvidence: evidence,
      };
    case "confirm_return":
    case "clear_risk":
      return { returnedOn: day, attendanceDays: c.attendance, ...(c.complete ? {} : { returnedOn: null }) };
    case "place_other":
      return { placement: "transfer_verified", placementOn: day, placementEvidence: evidence };
    case "escalate":
      return {};
  }
}

describe("dropout cases under random steps (pure)", () => {
  it("stay valid, replay from their history, and never close a dropout without a 劝返 step", () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), fc.integer({ min: 1, max: 15 }), (commands, confirmDays) => {
        let today = "2024-09-02";
        const first = createRecord(DROPOUT, NEW_CASE);
        let record: LedgerRecordState = first.record;
        const entries: HistoryEntry[] = [first.entry];
        for (const c of commands) {
          today = addDays(today, c.days);
          const ctx = { actorId: "u-1", today, settings: { returnConfirmDays: confirmDays } };
          try {
            const out = step(DROPOUT, record, c.action, inputOf(c, today), ctx, c.note || null);
            expect(DROPOUT.transitions[c.action]!.from).toContain(record.state);
            if (c.action === "confirm_return" || c.action === "clear_risk")
              expect(Number(out.record.fields.attendanceDays)).toBeGreaterThanOrEqual(confirmDays);
            record = out.record;
            entries.push(out.entry);
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
          }
          expect(DROPOUT.invariant(record)).toBeNull();
        }
        // The history replays to the record, each entry starting where the previous ended.
        let fields: Fields = {};
        let state: string | null = null;
        for (const e of entries) {
          expect(e.fromState).toBe(state);
          state = e.toState;
          fields = applyChanges(fields, e.changes);
        }
        expect({ state, fields }).toEqual(record);
        // No step skipped: a dropout is closed only after a 劝返 step, which came after the dropout.
        const actions = entries.map((e) => e.action);
        if (["returned", "placed"].includes(record.state) && actions.includes("confirm_dropout")) {
          expect(actions.indexOf("persuade")).toBeGreaterThan(actions.indexOf("confirm_dropout"));
        }
        if (record.state === "persuading") expect(actions).toContain("persuade");
      }),
      { numRuns: 300 },
    );
  });
});

let db: Database;
let drop: () => Promise<void>;
let fixture: Fixture;

const actorNamed = async (username: string) =>
  actorFor(db, await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirstOrThrow());

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  fixture = await seedFixture(db);
}, 120_000);
afterAll(() => drop());

/** What happened, as the test saw it succeed: a record's state and counted fields at an instant. */
interface Event {
  id: string;
  at: number;
  kind: "case" | "ident" | "payment";
  state: string;
  droppedOn?: string | null;
  studentNo?: string;
  identifiedOn?: string | null;
  programme?: string;
}

const cutoffOf = (day: string) => new Date(`${addDays(day, 1)}T00:00:00+08:00`).getTime();

function fromScratch(events: Event[], from: string, to: string, asOf: string) {
  const last = new Map<string, Event>();
  for (const e of events) if (e.at < cutoffOf(asOf)) last.set(e.id, e);
  const all = [...last.values()];
  const cases = all.filter((e) => e.kind === "case");
  const out = cases.filter((e) => ["dropped_out", "persuading"].includes(e.state));
  const dropped = cases.filter((e) => e.droppedOn && e.droppedOn >= from && e.droppedOn <= to);
  const back = dropped.filter((e) => ["returned", "placed"].includes(e.state));
  const aided = new Set(
    all.filter((e) => e.kind === "payment" && e.programme === "living_allowance").map((e) => e.studentNo),
  );
  const identified = all.filter((e) => e.kind === "ident" && e.state === "identified");
  const inPeriod = identified.filter((e) => e.identifiedOn && e.identifiedOn >= from && e.identifiedOn <= to);
  const pct = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 100 : null);
  return {
    dropout_count: out.length,
    persuasion_rate: pct(back.length, dropped.length),
    aid_coverage: pct(inPeriod.filter((e) => aided.has(e.studentNo)).length, inPeriod.length),
    unaided: identified
      .filter((e) => !aided.has(e.studentNo))
      .map((e) => e.id)
      .sort(),
  };
}

const dbCommand = fc.record({
  kind: fc.constantFrom("case", "step", "step", "step", "ident", "identify", "pay", "nutrition"),
  action: fc.constantFrom(...ACTIONS),
  target: fc.nat(),
  student: fc.integer({ min: 0, max: 5 }),
  hours: fc.integer({ min: 0, max: 40 }),
  back: fc.integer({ min: 0, max: 3 }),
  attendance: fc.constantFrom(3, 10, 12),
  reject: fc.boolean(),
  /** Take the step that follows the case's state (most random steps are refused). */
  natural: fc.boolean(),
});

const NEXT: Record<string, (typeof ACTIONS)[number]> = {
  at_risk: "confirm_dropout",
  dropped_out: "persuade",
  persuading: "confirm_return",
};

let run = 0;

describe("dropout and aid indicators as of any day", () => {
  it("equal a from-scratch count over what happened, and each history replays to its record", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(dbCommand, { minLength: 10, maxLength: 35 }),
        fc.array(fc.record({ day: fc.integer({ min: -1, max: 30 }), from: fc.integer({ min: -3, max: 20 }) }), {
          minLength: 3,
          maxLength: 5,
        }),
        async (commands, probes) => {
          run += 1;
          const school = await createOrg(db, null, { parentId: fixture.a.bureauId, name: `辍${run}`, kind: "school" });
          const username = `dropout${run}`;
          await createUser(db, null, {
            orgId: school.id,
            username,
            displayName: username,
            password: PASSWORD,
            role: "school_reporter",
          });
          const officer: Actor = await actorNamed(username);
          const dept = await actorNamed(fixture.a.users.dept_head);
          const file = await db
            .insertInto("files")
            .values({
              region_id: fixture.a.bureauId,
              id: `dropout-prop-${run}`,
              sha256: "0".repeat(64),
              filename: "证明.png",
              content_type: "image/png",
              size: 1,
              org_id: school.id,
              uploaded_by: officer.userId,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          let clock = new Date("2024-09-02T01:00:00Z").getTime();
          const now = () => new Date(clock);
          const today = () => new Date(clock + 8 * 3_600_000).toISOString().slice(0, 10);
          const caseIds: string[] = [];
          const identIds: string[] = [];
          const events: Event[] = [];
          const studentNo = (n: number) => `G4301${String(run).padStart(6, "0")}${String(n).padStart(7, "0")}`;

          for (const c of commands) {
            clock += c.hours * 3_600_000;
            const day = addDays(today(), -c.back);
            try {
              if (c.kind === "case" || (c.kind === "step" && caseIds.length === 0)) {
                const res = await recordCase(
                  db,
                  officer,
                  { ...(NEW_CASE as NewDropoutCase), studentNo: studentNo(c.student), foundOn: addDays(today(), -5) },
                  now,
                );
                caseIds.push(res.id);
                events.push({ id: res.id, at: clock, kind: "case", state: res.state, droppedOn: null });
              } else if (c.kind === "step") {
                const id = caseIds[c.target % caseIds.length]!;
                const state = events.filter((e) => e.id === id).at(-1)!.state;
                const action = c.natural ? (NEXT[state] ?? c.action) : c.action;
                const fields =
                  action === "confirm_dropout"
                    ? { droppedOn: day }
                    : action === "persuade"
                      ? { visitOn: day, visitMethod: "home_visit", visitPeople: "李老师", visitResult: "同意" }
                      : action === "confirm_return" || action === "clear_risk"
                        ? { returnedOn: day, attendanceDays: c.attendance }
                        : action === "place_other"
                          ? { placement: "transfer_verified", placementOn: day, placementEvidence: [file.id] }
                          : {};
                const res = await stepCase(db, officer, id, { action, fields: fields as never, note: "说明" }, now);
                events.push({
                  id,
                  at: clock,
                  kind: "case",
                  state: res.state,
                  droppedOn: (res.fields.droppedOn as string) ?? null,
                });
              } else if (c.kind === "ident") {
                const res = await recordIdentification(
                  db,
                  officer,
                  {
                    studentName: "赵小红",
                    studentNo: studentNo(c.student),
                    stage: "junior",
                    schoolYear: "2024-2025",
                    basis: "minimum_living",
                    level: "special",
                    appliedOn: day,
                    evidence: [file.id],
                  },
                  now,
                );
                identIds.push(res.id);
                events.push({
                  id: res.id,
                  at: clock,
                  kind: "ident",
                  state: res.state,
                  studentNo: studentNo(c.student),
                });
              } else if (c.kind === "identify" && identIds.length > 0) {
                const id = identIds[c.target % identIds.length]!;
                const res = await stepIdentification(
                  db,
                  officer,
                  id,
                  { action: c.reject ? "reject_identification" : "identify", fields: {}, note: "评议" },
                  now,
                );
                events.push({
                  id,
                  at: clock,
                  kind: "ident",
                  state: res.state,
                  studentNo: res.fields.studentNo as string,
                  identifiedOn: (res.fields.identifiedOn as string) ?? null,
                });
              } else if (c.kind === "pay" || c.kind === "nutrition") {
                const programme = c.kind === "pay" ? "living_allowance" : "nutrition";
                const res = await recordPayment(
                  db,
                  officer,
                  {
                    studentName: "赵小红",
                    studentNo: studentNo(c.student),
                    stage: "junior",
                    programme,
                    schoolYear: "2024-2025",
                    term: "autumn",
                    amount: 100,
                    paidOn: day,
                    method: "bank_card",
                  },
                  now,
                );
                events.push({
                  id: res.id,
                  at: clock,
                  kind: "payment",
                  state: res.state,
                  studentNo: studentNo(c.student),
                  programme,
                });
              }
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
            }
          }
          // Identification events carry the student's number (masked in answers): the test knows it.
          const realNo = new Map(
            events
              .filter((e) => e.kind === "ident" && e.studentNo?.startsWith("G4301"))
              .map((e) => [e.id, e.studentNo]),
          );
          for (const e of events) if (e.kind === "ident") e.studentNo = realNo.get(e.id) ?? e.studentNo;

          for (const p of probes) {
            const asOf = addDays("2024-09-02", p.day);
            const from = addDays("2024-09-02", p.from);
            const to = addDays(from, 10);
            const got = await dropoutIndicators(db, dept, { from, to, asOf, orgId: school.id }, now);
            const want = fromScratch(events, from, to, asOf);
            expect(Object.fromEntries(got.metrics.map((m) => [m.metric, m.value]))).toEqual({
              dropout_count: want.dropout_count,
              persuasion_rate: want.persuasion_rate,
              aid_coverage: want.aid_coverage,
            });
            const checks = await aidCheckList(db, dept, { schoolYear: "2024-2025", asOf, orgId: school.id }, now);
            expect(
              checks.items
                .filter((i) => i.check === "unaided")
                .flatMap((i) => i.recordIds)
                .sort(),
            ).toEqual(want.unaided);
          }

          // The 台账 hold exactly the cases their definition names, counted from scratch from the last events.
          const last = new Map(events.filter((e) => e.kind === "case").map((e) => [e.id, e]));
          const want = {
            suspected: [...last.values()].filter(
              (e) => e.state === "at_risk" || (e.state === "returned" && e.droppedOn === null),
            ),
            dropped: [...last.values()].filter((e) => e.droppedOn !== null),
          };
          for (const kind of ["suspected", "dropped"] as const) {
            const view = await dropoutLedgerView(db, officer, kind, { limit: 500, offset: 0 });
            expect(view.total).toBe(want[kind].length);
            expect(view.cases.map((c) => c.id).sort()).toEqual(want[kind].map((e) => e.id).sort());
          }

          for (const id of caseIds) {
            const history = await historyOf(db, { regionId: fixture.a.bureauId, id });
            const stored = await db
              .selectFrom("ledger_records")
              .selectAll()
              .where("id", "=", id)
              .executeTakeFirstOrThrow();
            let fields = {};
            let state: string | null = null;
            for (const h of history) {
              expect(h.from_state).toBe(state);
              state = h.to_state;
              fields = applyChanges(fields, h.changes);
            }
            expect({ state, fields }).toEqual({ state: stored.state, fields: stored.fields });
            expect(DROPOUT.invariant({ state: stored.state, fields: stored.fields })).toBeNull();
          }
        },
      ),
      { numRuns: 6 },
    );
  }, 600_000);
});
