import { LEDGER_ACTIONS, type LedgerAction } from "@luoshi/contract";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { addDays } from "../status/calendar.js";
import { applyChanges } from "./fields.js";
import { HAZARD, hazardInvariant, MAJOR_PLAN_FIELDS } from "./hazard-type.js";
import type { Fields, LedgerRecordState } from "./ledger-type.js";
import { correct, createRecord, type HistoryEntry, step } from "./workflow.js";

/**
 * Any sequence of allowed and disallowed requests leaves a hazard valid with a complete history:
 * every refusal is an AppError and changes nothing, every accepted change appends exactly one entry,
 * replaying the entries gives the record, and no hazard is written off by its fixer or without a
 * photo after.
 */

const PEOPLE = ["u-officer", "u-dept", "u-supervisor"] as const;
const PLAN: Fields = {
  planResponsible: "总务处",
  planMeasures: "加固",
  planFunds: "3万元",
  planDeadline: "2024-09-30",
  planContingency: "围挡",
};

const command = fc.record({
  action: fc.constantFrom<LedgerAction>(...LEDGER_ACTIONS.filter((a) => a !== "record")),
  actor: fc.constantFrom(...PEOPLE),
  days: fc.integer({ min: 0, max: 10 }),
  photo: fc.boolean(),
  note: fc.constantFrom("", "复查意见"),
  responsible: fc.boolean(),
  deadlineOffset: fc.option(fc.integer({ min: -5, max: 40 }), { nil: null }),
  grade: fc.option(fc.constantFrom("general", "major"), { nil: null }),
  plan: fc.boolean(),
  dropPlanField: fc.option(fc.constantFrom(...MAJOR_PLAN_FIELDS), { nil: null }),
});
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

/** What a caller sends for a command: sometimes enough, sometimes not. */
function inputOf(c: Command, today: string): { fields: Fields; note: string } {
  const fields: Fields = {};
  switch (c.action) {
    case "assign":
      if (c.responsible) fields.responsibleId = c.actor;
      if (c.deadlineOffset !== null) fields.deadline = addDays(today, c.deadlineOffset);
      if (c.plan) Object.assign(fields, PLAN);
      break;
    case "submit_fix":
      if (c.photo) fields.afterPhotos = [`photo-${today}`];
      break;
    case "pass_review":
    case "fail_review":
      if (c.note) fields.reviewNote = c.note;
      break;
    case "correct":
      if (c.grade) fields.grade = c.grade;
      if (c.plan) Object.assign(fields, PLAN);
      if (c.dropPlanField) fields[c.dropPlanField] = null;
      break;
  }
  return { fields, note: c.note };
}

/** The record a history gives, entry by entry, from nothing. */
function replay(entries: HistoryEntry[]): LedgerRecordState | null {
  let record = null as LedgerRecordState | null;
  for (const e of entries) {
    expect(e.fromState).toBe(record?.state ?? null);
    record = { state: e.toState, fields: applyChanges(record?.fields ?? {}, e.changes) };
  }
  return record;
}

describe("hazard workflow under any sequence of requests", () => {
  it("stays valid, keeps a complete history, never closes by the fixer or without a photo after", () => {
    fc.assert(
      fc.property(fc.constantFrom("general", "major"), fc.array(command, { maxLength: 40 }), (grade, commands) => {
        let today = "2024-05-06";
        const first = createRecord(HAZARD, {
          category: "fire",
          location: "走廊",
          description: "灭火器失效",
          source: "thing",
          grade,
          foundOn: today,
        });
        let record = first.record;
        const history: HistoryEntry[] = [first.entry];
        for (const c of commands) {
          today = addDays(today, c.days);
          const { fields, note } = inputOf(c, today);
          const before = structuredClone(record);
          try {
            const outcome =
              c.action === "correct"
                ? correct(HAZARD, record, fields, note)
                : step(HAZARD, record, c.action, fields, { actorId: c.actor, today, settings: {} }, note || null);
            if (c.action === "pass_review") {
              expect(record.fields.fixedBy).not.toBe(c.actor);
              expect((record.fields.afterPhotos as string[]).length).toBeGreaterThan(0);
            }
            record = outcome.record;
            history.push(outcome.entry);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect(record).toEqual(before);
          }
          expect(hazardInvariant(record)).toBeNull();
          expect(HAZARD.states).toContain(record.state);
          expect(replay(history)).toEqual(record);
          if (record.state === "closed") {
            expect(record.fields.reviewedBy).not.toBe(record.fields.fixedBy);
            expect(record.fields.afterPhotos).not.toHaveLength(0);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reaches every state (the generator is not stuck at the start)", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.array(command, { minLength: 10, maxLength: 40 }), (commands) => {
        let record = createRecord(HAZARD, {
          category: "fire",
          location: "走廊",
          description: "x",
          source: "thing",
          grade: "general",
          foundOn: "2024-05-06",
        }).record;
        for (const c of commands) {
          try {
            const { fields, note } = inputOf(c, "2024-05-06");
            record =
              c.action === "correct"
                ? correct(HAZARD, record, fields, note).record
                : step(
                    HAZARD,
                    record,
                    c.action,
                    fields,
                    { actorId: c.actor, today: "2024-05-06", settings: {} },
                    note || null,
                  ).record;
          } catch {
            // refused: the record stays as it was
          }
          seen.add(record.state);
        }
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual([...HAZARD.states].sort());
  });
});
