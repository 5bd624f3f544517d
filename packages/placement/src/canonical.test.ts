import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalRosterCsv, deriveSeed, sha256Hex } from "./canonical.js";
import type { PlacementParams } from "./model.js";
import { parseRosterRows } from "./roster-rows.js";

const rows = (...r: string[][]) => ({ rows: r.map((cells, i) => ({ row: i + 1, cells })) });
const params: PlacementParams = { classCount: 2, capacities: [2, 2], teams: [], restarts: 3 };

describe("canonical forms", () => {
  it("writes the roster as sorted, normalized CSV independent of file order and spelling", () => {
    const a = parseRosterRows(
      rows(
        ["姓名", "学号", "性别", "语文", "标签"],
        ["张 三", "2", "男", "90.0", "住校,特殊需要"],
        ["李,四", "1", "女", "８５", ""],
      ),
    ).roster;
    const b = parseRosterRows(
      rows(
        ["学号", "姓名", "性别", "语文", "标签"],
        ["1", "李,四", "F", "85", ""],
        ["2", " 张 三 ", "M", "90", "特殊需要、住校"],
      ),
    ).roster;
    const csv = canonicalRosterCsv(a);
    expect(csv).toBe('id,name,gender,score:语文,tags,group,apart\n1,"李,四",F,85,,,\n2,张 三,M,90,住校|特殊需要,,\n');
    expect(canonicalRosterCsv(b)).toBe(csv);
  });

  it("sorts object keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: [{ d: -0, c: "x" }], e: undefined })).toBe('{"a":[{"c":"x","d":0}],"b":1}');
  });

  it("derives the seed as SHA-256 of roster hash, parameter hash and the normalized draw", () => {
    const { roster } = parseRosterRows(rows(["学号", "姓名", "性别"], ["1", "甲", "男"]));
    const s = deriveSeed(roster, params, "  03　11 25 ");
    expect(s.draw).toBe("03 11 25");
    expect(s.rosterHash).toBe(sha256Hex(canonicalRosterCsv(roster)));
    expect(s.seed).toBe(sha256Hex(`${s.rosterHash}\n${s.paramsHash}\n03 11 25`));
    expect(deriveSeed(roster, params, "03 11 26").seed).not.toBe(s.seed);
    expect(deriveSeed(roster, { ...params, capacities: [3, 2] }, "03 11 25").paramsHash).not.toBe(s.paramsHash);
  });
});
