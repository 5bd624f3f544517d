import { type ChildStatus, COMPULSORY_AGE } from "@luoshi/contract";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../auth/auth.service.js";
import type { Database } from "../db/database.js";
import { newId } from "../ids.js";
import { freshDatabase } from "../test/app.js";
import { type Fixture, seedFixture } from "../test/fixture.js";
import { schoolAgeView } from "./school-age.js";

/**
 * The 适龄儿童台账's statuses and counts against a from-scratch reading: for random children (born any
 * day over 20 years, on a roll of either school or none, recently or long ago, with or without a case
 * in any state) and a random day, each status's count and list, as the bureau and as a school, equal
 * what the rule says: the case's state first, then 在校, then out of the age range, else 适龄未入学; and
 * still do after a case of an earlier run took another state.
 */

let db: Database;
let drop: () => Promise<void>;
let fixture: Fixture;
beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  fixture = await seedFixture(db);
}, 120_000);
afterAll(() => drop());

interface Child {
  id: string;
  birth: string;
  rollOrg: "a" | "b" | null;
  rollYear: number;
  caseState: string | null;
  caseOrg: "a" | "b";
  caseId: string | null;
}

const CASE_STATUS: Record<string, ChildStatus> = {
  at_risk: "suspected",
  dropped_out: "dropped_out",
  persuading: "persuading",
  returned: "returned",
  placed: "placed",
};

function statusOf(c: Child, today: string): ChildStatus {
  if (c.caseState) return CASE_STATUS[c.caseState]!;
  if (c.rollOrg && c.rollYear >= Number(today.slice(0, 4)) - 1) return "enrolled";
  const y = Number(today.slice(0, 4));
  const age = y - Number(c.birth.slice(0, 4)) - (today.slice(5) < c.birth.slice(5) ? 1 : 0);
  return age >= COMPULSORY_AGE.from && age <= COMPULSORY_AGE.to ? "not_enrolled" : "out_of_age";
}

const day = (base: number, offset: number) => new Date(base + offset * 86_400_000).toISOString().slice(0, 10);

describe("the 适龄儿童台账 as of a random day", () => {
  it("counts and lists each status as the rule reads it, for the bureau and for a school", async () => {
    const a = fixture.a;
    const dept = await actorFor(
      db,
      await db.selectFrom("users").selectAll().where("username", "=", a.users.dept_head).executeTakeFirstOrThrow(),
    );
    const school = await actorFor(
      db,
      await db
        .selectFrom("users")
        .selectAll()
        .where("username", "=", a.users.school_reporter)
        .executeTakeFirstOrThrow(),
    );
    const org = { a: a.schoolId, b: a.middleSchoolId };
    const all: Child[] = [];
    let serial = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            born: fc.integer({ min: 0, max: 365 * 20 }),
            rollOrg: fc.constantFrom<"a" | "b" | null>("a", "b", null),
            stale: fc.boolean(),
            caseState: fc.constantFrom(null, null, null, "at_risk", "dropped_out", "persuading", "returned", "placed"),
            caseOrg: fc.constantFrom<"a" | "b">("a", "b"),
          }),
          { maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 365 * 3 }),
        // A case of an earlier run taking another state (the counts kept in memory must follow it).
        fc.record({
          pick: fc.nat(),
          state: fc.constantFrom("at_risk", "dropped_out", "persuading", "returned", "placed"),
        }),
        async (drawn, todayOffset, moved) => {
          const today = day(Date.UTC(2023, 0, 1), todayOffset);
          const at = new Date().toISOString();
          for (const d of drawn) {
            const c: Child = {
              id: newId(),
              birth: day(Date.UTC(2004, 0, 1), d.born),
              rollOrg: d.rollOrg,
              rollYear: d.stale ? 2019 : 2026,
              caseState: d.caseState,
              caseOrg: d.caseOrg,
              caseId: d.caseState ? newId() : null,
            };
            const { caseId } = c;
            if (caseId)
              await db
                .insertInto("ledger_records")
                .values({
                  region_id: a.bureauId,
                  id: caseId,
                  type: "dropout_case",
                  org_id: org[c.caseOrg],
                  state: c.caseState as never,
                  fields: "{}",
                  file_ids: "[]",
                  version: 1,
                  created_by: school.userId,
                  created_at: at,
                  updated_at: at,
                } as never)
                .execute();
            await db
              .insertInto("school_age_children")
              .values({
                region_id: a.bureauId,
                id: c.id,
                id_number: `4301${String(++serial).padStart(14, "0")}`,
                name: "儿童",
                sex: "male",
                birth_date: c.birth,
                hukou_place: null,
                residence: null,
                guardian_name: null,
                guardian_phone: null,
                special_groups: "[]",
                compared_at: at,
                roll_student_id: null,
                roll_student_no: null,
                roll_org_id: c.rollOrg ? org[c.rollOrg] : null,
                roll_grade: c.rollOrg ? 3 : null,
                roll_year: c.rollOrg ? c.rollYear : null,
                case_id: caseId,
                case_org_id: caseId ? org[c.caseOrg] : null,
                created_by: school.userId,
                created_at: at,
                updated_at: at,
              })
              .execute();
            all.push(c);
          }
          const now = () => new Date(`${today}T04:00:00Z`);
          const seenBySchool = (c: Child) => c.rollOrg === "a" || (c.caseState !== null && c.caseOrg === "a");
          const check = async () => {
            for (const [actor, mine] of [
              [dept, () => true],
              [school, seenBySchool],
            ] as const) {
              const want = new Map<ChildStatus, string[]>();
              for (const c of all.filter(mine))
                want.set(statusOf(c, today), [...(want.get(statusOf(c, today)) ?? []), c.id]);
              const view = await schoolAgeView(db, actor, { limit: 500, offset: 0 }, now);
              expect(view.counts).toEqual(Object.fromEntries([...want].map(([s, ids]) => [s, ids.length])));
              for (const [status, ids] of want) {
                const page = await schoolAgeView(db, actor, { status, limit: 500, offset: 0 }, now);
                expect(page.children.map((c) => c.id).sort()).toEqual([...ids].sort());
                expect(page.total).toBe(ids.length);
              }
            }
          };
          await check();
          const withCase = all.filter((c) => c.caseId);
          const turned = withCase[moved.pick % Math.max(withCase.length, 1)];
          if (turned) {
            turned.caseState = moved.state;
            await db
              .updateTable("ledger_records")
              .set({ state: moved.state as never })
              .where("id", "=", turned.caseId!)
              .execute();
            await check();
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 180_000);
});
