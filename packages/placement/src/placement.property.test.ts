import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runPlacement, verifyPlacement } from "./placement.js";
import { preparePlacement } from "./prepare.js";
import { type RandomRoster, randomRoster } from "./test-support/rosters.js";

const DRAW = "07 12 19 23 30 + 04";
const prepare = (r: RandomRoster) =>
  preparePlacement({ students: r.table, classCount: r.classCount, capacity: r.capacity });

describe("placement over random rosters", () => {
  it("places every student exactly once, within capacity, groups together and keep-apart pairs apart", () => {
    fc.assert(
      fc.property(randomRoster, (r) => {
        const { roster, params } = prepare(r);
        const { result } = runPlacement(roster, params, DRAW);
        const ids = result.classes.flatMap((c) => c.students.map((s) => s.id));
        expect([...ids].sort()).toEqual(roster.students.map((s) => s.id));
        for (const c of result.classes) expect(c.students.length).toBeLessThanOrEqual(c.capacity);
        const classOf = new Map(result.classes.flatMap((c) => c.students.map((s) => [s.id, c.classNo] as const)));
        for (const s of roster.students) {
          for (const o of roster.students) {
            if (s.group !== "" && s.group === o.group) expect(classOf.get(s.id)).toBe(classOf.get(o.id));
          }
          for (const other of s.apart) expect(classOf.get(other)).not.toBe(classOf.get(s.id));
        }
        expect(result.balance.constraints).toMatchObject({
          allPlacedOnce: true,
          capacitiesRespected: true,
          groupsTogether: true,
          apartRespected: true,
        });
      }),
      { numRuns: 60 },
    );
  });

  it("keeps boys and girls within one of each other per class when nothing else constrains them", () => {
    fc.assert(
      fc.property(
        randomRoster.filter((r) => r.plain),
        (r) => {
          const { roster, params } = prepare(r);
          const { result } = runPlacement(roster, params, DRAW);
          expect(result.balance.maxGenderDiff).toBeLessThanOrEqual(1);
          expect(result.balance.maxSizeDiff).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("gives identical result bytes for the same inputs, whatever the row order of the file", () => {
    fc.assert(
      fc.property(randomRoster, fc.integer(), (r, salt) => {
        const place = (input: RandomRoster) => {
          const { roster, params } = prepare(input);
          return runPlacement(roster, params, DRAW);
        };
        const first = place(r);
        const [header, ...body] = r.table.rows;
        const shuffled = [...body].sort((a, b) => ((a.row * 7919 + salt) % 101) - ((b.row * 7919 + salt) % 101));
        const again = place({ ...r, table: { rows: [header!, ...shuffled] } });
        expect(again.json).toBe(first.json);
        expect(again.resultHash).toBe(first.resultHash);
      }),
      { numRuns: 25 },
    );
  });

  it("verify reproduces a run and rejects a changed roster or a changed assignment", () => {
    fc.assert(
      fc.property(randomRoster, (r) => {
        const { roster, params } = prepare(r);
        const run = runPlacement(roster, params, DRAW);
        expect(verifyPlacement(roster, params, DRAW, run.json).ok).toBe(true);

        const [header, firstRow, ...rest] = r.table.rows;
        const cells = [...firstRow!.cells];
        cells[3] = String(Number(cells[3]) === 150 ? 149 : Number(cells[3]) + 1);
        const changed = prepare({ ...r, table: { rows: [header!, { row: firstRow!.row, cells }, ...rest] } });
        const rosterCheck = verifyPlacement(changed.roster, changed.params, DRAW, run.json);
        expect(rosterCheck.ok).toBe(false);
        if (!rosterCheck.ok) expect(rosterCheck.reasons[0]).toContain("名单哈希不一致");

        const tampered = structuredClone(run.result);
        const moved = tampered.classes[0]!.students.pop()!;
        tampered.classes[1]!.students.push(moved);
        const resultCheck = verifyPlacement(roster, params, DRAW, JSON.stringify(tampered));
        expect(resultCheck.ok).toBe(false);
        if (!resultCheck.ok) expect(resultCheck.reasons[0]).toContain(moved.id);
      }),
      { numRuns: 20 },
    );
  });
});
