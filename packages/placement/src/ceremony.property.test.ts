import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "./canonical.js";
import {
  committedSeed,
  openDraw,
  rosterHashOf,
  runCommitted,
  sealCommitment,
  sealDraw,
  verifyCommitted,
} from "./ceremony.js";
import { COMMITTED_RESULT_FORMAT, DRAW_FORMAT } from "./ceremony-model.js";
import { placeSeeded } from "./placement.js";
import { preparePlacement } from "./prepare.js";
import { randomRoster } from "./test-support/rosters.js";

const T0 = Date.parse("2025-08-18T02:00:00.000Z");
const WITNESS = [{ name: "李明", role: "家长代表" }];

/**
 * An operator who controls every file: they commit one roster (the notice publishes its hash), may then
 * commit others, write draw records by hand with any time, and build results with the library's own
 * placement from any inputs. Whatever they publish, a result that verifies against the notice's hash
 * places exactly the committed roster, with a draw recorded after the commitment.
 */
describe("no published result verifies unless it is the committed roster, drawn after the commitment", () => {
  it("holds for any roster swap, draw time, record forgery and result", () => {
    fc.assert(
      fc.property(
        randomRoster,
        fc.record({
          useOtherRoster: fc.boolean(),
          useOtherCommitment: fc.boolean(),
          drawOffsetMs: fc.integer({ min: -86_400_000, max: 86_400_000 }),
          handWrittenDraw: fc.boolean(),
          handBuiltResult: fc.boolean(),
          otherCommittedFirst: fc.boolean(),
          draw: fc.stringMatching(/^[0-9]{2}( [0-9]{2}){0,4}$/),
        }),
        (r, m) => {
          const prepare = (rows = r.table) =>
            preparePlacement({ students: rows, classCount: r.classCount, capacity: r.capacity });
          const committed = prepare();
          const [header, first, ...rest] = r.table.rows;
          const other = prepare({
            rows: [header!, { row: first!.row, cells: [first!.cells[0]!, "改名", ...first!.cells.slice(2)] }, ...rest],
          });
          const at = (ms: number) => new Date(T0 + ms);
          const published = sealCommitment(committed.roster, committed.params, {
            name: "n",
            organization: "o",
            drawPlan: "",
            committedAt: at(0),
          });
          const otherCommitment = sealCommitment(other.roster, other.params, {
            name: "n",
            organization: "o",
            drawPlan: "",
            committedAt: at(m.otherCommittedFirst ? -3_600_000 : 3_600_000),
          });
          const inputs = m.useOtherRoster ? other : committed;
          const commitment = m.useOtherCommitment ? otherCommitment : published;
          const drawnAt = new Date(Date.parse(commitment.record.committedAt) + m.drawOffsetMs);
          let drawText: string;
          let drawHash = "";
          if (m.handWrittenDraw || m.drawOffsetMs <= 0) {
            const record = {
              format: DRAW_FORMAT,
              commitmentHash: commitment.hash,
              draw: m.draw,
              source: "",
              witnesses: WITNESS,
              drawnAt: drawnAt.toISOString(),
            };
            drawText = canonicalJson(record);
          } else {
            const sealed = sealDraw(commitment, { draw: m.draw, source: "", witnesses: WITNESS, drawnAt });
            drawText = sealed.text;
            drawHash = sealed.hash;
          }
          let resultText: string;
          try {
            if (m.handBuiltResult || drawHash === "") throw new Error("build by hand");
            resultText = runCommitted(inputs.roster, inputs.params, commitment, openDraw(drawText)).json;
          } catch {
            resultText = placeSeeded(
              inputs.roster,
              inputs.params,
              {
                rosterHash: rosterHashOf(inputs.roster),
                paramsHash: commitment.record.paramsHash,
                draw: m.draw,
                seed: committedSeed(commitment.hash, m.draw),
                commitmentHash: commitment.hash,
                committedAt: commitment.record.committedAt,
                drawHash: sha256Hex(drawText),
                drawnAt: drawnAt.toISOString(),
              },
              COMMITTED_RESULT_FORMAT,
            ).json;
          }
          const outcome = verifyCommitted({
            roster: inputs.roster,
            params: inputs.params,
            commitmentText: commitment.text,
            drawText,
            resultText,
            expectedCommitmentHash: published.hash,
          });
          if (outcome.ok) {
            const result = JSON.parse(resultText);
            const placed = result.classes.flatMap((c: { students: { id: string; name: string }[] }) =>
              c.students.map((s) => `${s.id}:${s.name}`),
            );
            expect(placed.sort()).toEqual(committed.roster.students.map((s) => `${s.id}:${s.name}`).sort());
            expect(result.inputs.rosterHash).toBe(published.record.rosterHash);
            expect(Date.parse(result.inputs.drawnAt)).toBeGreaterThan(Date.parse(published.record.committedAt));
          }
          // The honest path always verifies.
          if (
            !m.useOtherRoster &&
            !m.useOtherCommitment &&
            !m.handWrittenDraw &&
            !m.handBuiltResult &&
            m.drawOffsetMs > 0
          )
            expect(outcome.ok).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
