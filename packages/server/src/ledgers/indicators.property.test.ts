import type { HazardStep } from "@luoshi/contract";
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
import { aHazard, aRound } from "../test/hazards.js";
import { createUser } from "../users/users.service.js";
import { applyChanges } from "./fields.js";
import { correctHazard, hazardIndicators, recordRound, stepHazard } from "./hazards.service.js";
import type { Fields } from "./ledger-type.js";
import { historyOf } from "./ledgers.repository.js";

/**
 * The computed indicators (隐患整改率 per period, 重大隐患 open count) as of any day equal a count from
 * scratch over what happened, and every record's stored history replays to the record — on PGlite,
 * and on PostgreSQL with LUOSHI_TEST_PG_URL. Random requests through the service, allowed or not,
 * on a fresh school per run, the clock moving forward by random hours.
 */

let db: Database;
let drop: () => Promise<void>;
let fixture: Fixture;
let dept: Actor;
let supervisor: Actor;

const actorNamed = async (username: string) =>
  actorFor(db, await db.selectFrom("users").selectAll().where("username", "=", username).executeTakeFirstOrThrow());

beforeAll(async () => {
  ({ db, drop } = await freshDatabase());
  fixture = await seedFixture(db);
  dept = await actorNamed(fixture.a.users.dept_head);
  supervisor = await actorNamed(fixture.a.users.supervisor);
}, 120_000);
afterAll(() => drop());

/** One thing that happened to a hazard: when, and its state, grade and 发现日期 after it. */
interface Event {
  id: string;
  at: number;
  state: string;
  grade: string;
  foundOn: string;
}

const cutoffOf = (day: string) => new Date(`${addDays(day, 1)}T00:00:00+08:00`).getTime();

/** The figures counted from the events alone. */
function fromScratch(events: Event[], from: string, to: string, asOf: string) {
  const last = new Map<string, Event>();
  for (const e of events) if (e.at < cutoffOf(asOf)) last.set(e.id, e);
  const found = [...last.values()].filter((e) => e.foundOn >= from && e.foundOn <= to);
  const closed = found.filter((e) => e.state === "closed");
  const open = [...last.values()].filter((e) => e.grade === "major" && e.state !== "closed");
  return {
    rate: found.length ? Math.round((closed.length / found.length) * 10_000) / 100 : null,
    numerator: closed.length,
    denominator: found.length,
    open: open.map((e) => e.id).sort(),
  };
}

const commandArb = fc.record({
  kind: fc.oneof(
    fc.constantFrom("round", "assign", "submit_fix", "pass_review"),
    fc.constantFrom("round", "assign", "submit_fix", "pass_review", "fail_review", "correct_grade", "correct_found"),
  ),
  target: fc.nat(),
  actor: fc.constantFrom("officer", "officer2", "dept", "supervisor"),
  hours: fc.integer({ min: 0, max: 30 }),
  major: fc.boolean(),
  withPlan: fc.boolean(),
  withPhoto: fc.boolean(),
  count: fc.integer({ min: 0, max: 3 }),
  back: fc.integer({ min: 0, max: 10 }),
});

const PLAN = {
  planResponsible: "总务处",
  planMeasures: "加固",
  planFunds: "3万元",
  planDeadline: "2025-06-30",
  planContingency: "围挡",
};

let run = 0;

describe("hazard indicators as of any day", () => {
  it("equal a from-scratch count over the history, and each history replays to its record", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(commandArb, { minLength: 10, maxLength: 40 }),
        fc.array(
          fc.record({
            day: fc.integer({ min: -2, max: 60 }),
            from: fc.integer({ min: -5, max: 40 }),
            len: fc.integer({ min: 0, max: 40 }),
          }),
          { minLength: 3, maxLength: 6 },
        ),
        async (commands, probes) => {
          run += 1;
          const school = await createOrg(db, null, { parentId: fixture.a.bureauId, name: `校${run}`, kind: "school" });
          const officers: Actor[] = [];
          for (const n of [1, 2]) {
            const username = `officer${run}_${n}`;
            await createUser(db, null, {
              orgId: school.id,
              username,
              displayName: username,
              password: PASSWORD,
              role: "school_reporter",
            });
            officers.push(await actorNamed(username));
          }
          // Actors as a request would see them now (the new school in their reach).
          dept = await actorNamed(fixture.a.users.dept_head);
          supervisor = await actorNamed(fixture.a.users.supervisor);
          const actors: Record<string, Actor> = { officer: officers[0]!, officer2: officers[1]!, dept, supervisor };
          let clock = new Date("2024-03-01T01:00:00Z").getTime();
          const now = () => new Date(clock);
          const ids: string[] = [];
          const events: Event[] = [];
          const log = (h: { id: string; state: string; fields: { grade?: string; foundOn?: string } }) =>
            events.push({ id: h.id, at: clock, state: h.state, grade: h.fields.grade!, foundOn: h.fields.foundOn! });
          const photo = await db
            .insertInto("files")
            .values({
              region_id: fixture.a.bureauId,
              id: `photo-${run}`,
              sha256: "0".repeat(64),
              filename: "后.png",
              content_type: "image/png",
              size: 1,
              org_id: school.id,
              uploaded_by: officers[0]!.userId,
            })
            .returning("id")
            .executeTakeFirstOrThrow();

          for (const c of commands) {
            clock += c.hours * 3_600_000;
            const actor = actors[c.actor]!;
            const id = ids.length ? ids[c.target % ids.length]! : null;
            try {
              if (c.kind === "round" || id === null) {
                const today = new Date(clock + 8 * 3_600_000).toISOString().slice(0, 10);
                const hazards = Array.from({ length: c.count }, () =>
                  aHazard({ grade: c.major ? "major" : "general" }),
                );
                const res = await recordRound(
                  db,
                  actors.officer!,
                  aRound({ orgId: school.id, heldOn: today, hazards }),
                  now,
                );
                for (const h of res.hazards) {
                  ids.push(h.id);
                  log(h);
                }
              } else if (c.kind === "correct_grade" || c.kind === "correct_found") {
                const fields: Fields =
                  c.kind === "correct_grade"
                    ? { grade: c.major ? "major" : "general", ...(c.withPlan ? PLAN : {}) }
                    : { foundOn: addDays("2024-03-01", c.back * 3) };
                log(await correctHazard(db, actor, id, { fields, note: "更正" }, now));
              } else {
                const fields =
                  c.kind === "assign"
                    ? { responsibleId: officers[0]!.userId, ...(c.withPlan ? PLAN : {}) }
                    : c.kind === "submit_fix"
                      ? c.withPhoto
                        ? { afterPhotos: [photo.id] }
                        : {}
                      : {};
                log(await stepHazard(db, actor, id, { action: c.kind, fields, note: "复查意见" } as HazardStep, now));
              }
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
            }
          }

          for (const p of probes) {
            const asOf = addDays("2024-03-01", p.day);
            const from = addDays("2024-03-01", p.from);
            const to = addDays(from, p.len);
            const got = await hazardIndicators(db, dept, { from, to, asOf, orgId: school.id }, now);
            const want = fromScratch(events, from, to, asOf);
            const [rate, open] = got.metrics;
            expect({ value: rate!.value, numerator: rate!.numerator, denominator: rate!.denominator }).toEqual({
              value: want.rate,
              numerator: want.numerator,
              denominator: want.denominator,
            });
            expect(open!.recordIds).toEqual(want.open);
          }

          for (const id of ids) {
            const history = await historyOf(db, { regionId: fixture.a.bureauId, id });
            const stored = await db
              .selectFrom("ledger_records")
              .selectAll()
              .where("id", "=", id)
              .executeTakeFirstOrThrow();
            expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
            let fields = {};
            let state: string | null = null;
            for (const h of history) {
              expect(h.from_state).toBe(state);
              state = h.to_state;
              fields = applyChanges(fields, h.changes);
            }
            expect({ state, fields }).toEqual({ state: stored.state, fields: stored.fields });
            expect(stored.version).toBe(history.length);
          }
        },
      ),
      { numRuns: 8 },
    );
  }, 600_000);
});
