import { describe, expect, it } from "vitest";
import type { Roster, Student } from "./model.js";
import { resolveParams, targetSizes } from "./params.js";

const student = (id: string, group = ""): Student => ({
  id,
  name: id,
  gender: "M",
  scores: [],
  tags: [],
  group,
  apart: [],
  row: Number(id) + 1,
});
const roster = (students: Student[]): Roster => ({ scoreNames: [], totalScore: null, tagNames: [], students });

describe("resolveParams", () => {
  const five = roster(["1", "2", "3", "4", "5"].map((id) => student(id, Number(id) <= 3 ? "A" : "")));

  it("sizes classes evenly when no capacity is given", () => {
    const { params, issues } = resolveParams(five, { classCount: 2 });
    expect(issues).toEqual([]);
    expect(params.capacities).toEqual([3, 3]);
  });

  it("rejects capacities that cannot hold everyone, a wrong count, and a group larger than any class", () => {
    expect(resolveParams(five, { classCount: 2, capacity: 2 }).issues.map((i) => i.code)).toEqual([
      "CAPACITY_TOO_SMALL",
      "GROUP_TOO_LARGE",
    ]);
    expect(resolveParams(five, { classCount: 2, capacities: [5] }).issues.map((i) => i.code)).toContain(
      "CAPACITY_COUNT_MISMATCH",
    );
    const tooLarge = resolveParams(five, { classCount: 3, capacities: [2, 2, 2] }).issues;
    expect(tooLarge).toEqual([expect.objectContaining({ code: "GROUP_TOO_LARGE", row: 2 })]);
    expect(tooLarge[0]!.message).toBe("同班组「A」共 3 人，超过最大班额 2 人");
    expect(resolveParams(five, { classCount: 0 }).issues[0]!.code).toBe("CLASS_COUNT_INVALID");
  });

  it("requires one teacher team per class", () => {
    const head = { name: "王", id: "", subject: "" };
    const { issues } = resolveParams(five, { classCount: 2, teams: [{ team: "王", head, members: [] }] });
    expect(issues.map((i) => i.code)).toEqual(["TEACHER_COUNT_MISMATCH"]);
  });
});

describe("targetSizes", () => {
  it("fills seats one at a time into the emptiest class, within capacities", () => {
    expect(targetSizes(10, [4, 4, 4])).toEqual([4, 3, 3]);
    expect(targetSizes(10, [6, 6, 2])).toEqual([4, 4, 2]);
  });
});
