import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CeremonyError,
  openCommitment,
  rosterHashOf,
  runCommitted,
  sealCommitment,
  sealDraw,
  supplementParams,
  verifyCommitted,
} from "./ceremony.js";
import { COMMITTED_RESULT_FORMAT } from "./ceremony-model.js";
import { commitmentNoticeDocx } from "./commitment-notice-docx.js";
import type { PlacementParams, Roster } from "./model.js";
import { preparePlacement } from "./prepare.js";
import { publicNoticeDocx } from "./public-notice-docx.js";
import { syntheticRosterRows } from "./synthetic.js";

const T0 = new Date("2025-08-18T02:00:00.000Z");
const later = (ms: number) => new Date(T0.getTime() + ms);
const WITNESSES = [
  { name: "李明", role: "家长代表" },
  { name: "王红", role: "纪检监察" },
];

let roster: Roster;
let params: PlacementParams;
const prepare = (students: number, seed: string, capacity = 12) =>
  preparePlacement({
    students: syntheticRosterRows({ students, seed, groups: 2, apartPairs: 1 }),
    classCount: 4,
    capacity,
  });

beforeAll(() => {
  ({ roster, params } = prepare(40, "ceremony"));
});

const commit = (r = roster, p = params) =>
  sealCommitment(r, p, { name: "2025级七年级均衡编班", organization: "城关第一中学", drawPlan: "", committedAt: T0 });

describe("three steps", () => {
  it("commit → draw → run gives a result that names both records and verifies against the notice's hash", () => {
    const commitment = commit();
    const draw = sealDraw(commitment, {
      draw: "０３ 11  25",
      source: "家长代表现场书写",
      witnesses: WITNESSES,
      drawnAt: later(60_000),
    });
    expect(draw.record).toMatchObject({ draw: "03 11 25", commitmentHash: commitment.hash });
    const run = runCommitted(roster, params, commitment, draw);
    expect(run.result.format).toBe(COMMITTED_RESULT_FORMAT);
    expect(run.result.inputs).toMatchObject({ commitmentHash: commitment.hash, drawHash: draw.hash, draw: "03 11 25" });
    const outcome = verifyCommitted({
      roster,
      params,
      commitmentText: commitment.text,
      drawText: draw.text,
      resultText: run.json,
      expectedCommitmentHash: commitment.hash,
    });
    expect(outcome.ok).toBe(true);
    expect(outcome.checks.map((c) => c.key)).toEqual([
      "commitment",
      "roster",
      "params",
      "draw",
      "order",
      "result",
      "result",
    ]);
    // Reformatted JSON files hash the same (canonical form).
    expect(openCommitment(JSON.stringify(JSON.parse(commitment.text), null, 2)).hash).toBe(commitment.hash);
  });

  it("refuses a draw that is empty, unwitnessed, or not after the commitment", () => {
    const commitment = commit();
    const attempt = (draw: string, witnesses: typeof WITNESSES, at: Date) => () =>
      sealDraw(commitment, { draw, source: "", witnesses, drawnAt: at });
    expect(attempt(" ", WITNESSES, later(1))).toThrow(expect.objectContaining({ code: "DRAW_EMPTY" }));
    expect(attempt("1 2 3", [{ name: " ", role: "家长" }], later(1))).toThrow(
      expect.objectContaining({ code: "WITNESS_MISSING" }),
    );
    expect(attempt("1 2 3", WITNESSES, T0)).toThrow(expect.objectContaining({ code: "DRAW_BEFORE_COMMITMENT" }));
    expect(attempt("1 2 3", WITNESSES, later(-1000))).toThrow(CeremonyError);
  });

  it("will not run on a roster changed after the commitment, nor with another commitment's draw", () => {
    const commitment = commit();
    const draw = sealDraw(commitment, { draw: "1 2 3", source: "", witnesses: WITNESSES, drawnAt: later(1) });
    const changed = prepare(40, "another roster");
    expect(() => runCommitted(changed.roster, params, commitment, draw)).toThrow(
      expect.objectContaining({ code: "CEREMONY_MISMATCH", message: expect.stringContaining("名单在承诺后被改动") }),
    );
    const other = sealCommitment(changed.roster, changed.params, {
      name: "x",
      organization: "y",
      drawPlan: "",
      committedAt: T0,
    });
    expect(() => runCommitted(changed.roster, changed.params, other, draw)).toThrow(
      expect.objectContaining({ message: expect.stringContaining("另一份承诺") }),
    );
  });

  it("verify names a replaced commitment, a back-dated draw and a tampered result", () => {
    const commitment = commit();
    const draw = sealDraw(commitment, { draw: "1 2 3", source: "", witnesses: WITNESSES, drawnAt: later(1) });
    const run = runCommitted(roster, params, commitment, draw);
    const base = { roster, params, commitmentText: commitment.text, drawText: draw.text, resultText: run.json };
    const wrongNotice = verifyCommitted({ ...base, expectedCommitmentHash: "0".repeat(64) });
    expect(wrongNotice.ok).toBe(false);
    expect(wrongNotice.checks.find((c) => !c.ok)?.text).toContain("与公告不一致");

    const backdated = JSON.stringify({ ...draw.record, drawnAt: T0.toISOString() });
    const order = verifyCommitted({ ...base, drawText: backdated });
    expect(order.ok).toBe(false);
    expect(order.checks.filter((c) => !c.ok).map((c) => c.key)).toEqual(expect.arrayContaining(["order", "result"]));

    const tampered = structuredClone(run.result);
    tampered.classes[1]!.students.push(tampered.classes[0]!.students.pop()!);
    const moved = verifyCommitted({ ...base, resultText: JSON.stringify(tampered) });
    expect(moved.ok).toBe(false);
    expect(moved.checks.at(-1)?.text).toContain("重新计算");
  });
});

describe("补录 (a second round against the first)", () => {
  it("places late students into the seats left, names the first round, and refuses students already placed", () => {
    const first = commit();
    const draw = sealDraw(first, { draw: "7 7 7", source: "", witnesses: WITNESSES, drawnAt: later(1) });
    const run = runCommitted(roster, params, first, draw);
    const late = preparePlacement({
      students: {
        rows: [
          { row: 1, cells: ["学号", "姓名", "性别"] },
          { row: 2, cells: ["L1", "晚到甲", "男"] },
          { row: 3, cells: ["L2", "晚到乙", "女"] },
        ],
      },
      classCount: 1,
    }).roster;
    const { params: p2, supplementOf } = supplementParams(roster, run, late, 3);
    expect(p2.capacities).toEqual(run.result.classes.map((c) => c.capacity - c.students.length));
    const second = sealCommitment(late, p2, {
      name: "补录",
      organization: "城关第一中学",
      drawPlan: "",
      committedAt: later(10),
      supplementOf,
    });
    const draw2 = sealDraw(second, { draw: "8", source: "", witnesses: WITNESSES, drawnAt: later(20) });
    const run2 = runCommitted(late, p2, second, draw2);
    expect(run2.result.classes.flatMap((c) => c.students.map((s) => s.id)).sort()).toEqual(["L1", "L2"]);
    const input = {
      roster: late,
      params: p2,
      commitmentText: second.text,
      drawText: draw2.text,
      resultText: run2.json,
    };
    expect(verifyCommitted({ ...input, baseResultText: run.json }).ok).toBe(true);
    const forged = verifyCommitted({ ...input, baseResultText: run.json.replace('"classNo":1', '"classNo":9') });
    expect(forged.ok).toBe(false);

    expect(() => supplementParams(roster, run, roster, 3)).toThrow(
      expect.objectContaining({ code: "SUPPLEMENT_ALREADY_PLACED" }),
    );
  });
});

describe("notices", () => {
  it("the commitment notice prints the hashes, the time in Beijing and how to verify", async () => {
    const commitment = commit();
    const docx = await commitmentNoticeDocx(commitment, { verifyCommand: "luoshi placement verify --dir 承诺目录" });
    const xml = await (await JSZip.loadAsync(docx)).file("word/document.xml")!.async("string");
    for (const text of [
      commitment.hash,
      rosterHashOf(roster),
      "2025年8月18日 10:00:00",
      "如何验证",
      "摇号前公告",
      'w:w="11906"',
    ])
      expect(xml).toContain(text);
  });

  it("a committed result's notice names the commitment and the draw time", async () => {
    const commitment = commit();
    const draw = sealDraw(commitment, { draw: "1 2 3", source: "", witnesses: WITNESSES, drawnAt: later(90_000) });
    const run = runCommitted(roster, params, commitment, draw);
    const xml = await (await JSZip.loadAsync(await publicNoticeDocx(run, { date: "2025年8月18日" })))
      .file("word/document.xml")!
      .async("string");
    expect(xml).toContain(commitment.hash);
    expect(xml).toContain("2025年8月18日 10:01:30");
    expect(xml).toContain("承诺");
  });
});
