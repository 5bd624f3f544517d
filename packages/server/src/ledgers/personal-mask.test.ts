import { PERSONAL_FIELDS, type PersonalKind } from "@luoshi/contract";
import { describe, expect, it } from "vitest";
import { HAZARD } from "./hazard-type.js";
import type { LedgerTypeDef } from "./ledger-type.js";
import { maskChanges, maskFields } from "./personal-mask.js";

/** A ledger type with a field of every personal kind the contract declares, and one that is not personal. */
const KINDS: PersonalKind[] = ["id_number", "name", "phone", "health", "family", "scores"];
const TYPE: LedgerTypeDef = {
  ...HAZARD,
  fields: {
    ...Object.fromEntries(KINDS.map((k) => [k, { kind: "text", maxLength: 50, label: k, personal: k }])),
    location: { kind: "text", maxLength: 50, label: "位置" },
  },
};
const CLEAR = {
  id_number: "430102200801011234",
  name: "张小明",
  phone: "13812345678",
  health: "哮喘",
  family: "单亲家庭",
  scores: "95",
  location: "教学楼",
};

describe("a ledger record's personal fields", () => {
  it("mask by their declared kind through the shared mask; other fields and non-text values stay", () => {
    expect(maskFields(TYPE, CLEAR)).toEqual({
      id_number: "4301**********1234",
      name: "张*明",
      phone: "138****5678",
      health: "***",
      family: "***",
      scores: "***",
      location: "教学楼",
    });
    expect(maskFields(TYPE, { name: null, location: null })).toEqual({ name: null, location: null });
  });

  it("mask both sides of a history entry's change", () => {
    expect(
      maskChanges(TYPE, {
        name: { from: "李娜", to: "王小红" },
        id_number: { from: null, to: "S00001" },
        location: { from: "一楼", to: "二楼" },
      }),
    ).toEqual({
      name: { from: "李*", to: "王*红" },
      id_number: { from: null, to: "S****1" },
      location: { from: "一楼", to: "二楼" },
    });
  });

  it("every kind the contract declares for personal data is one a ledger field can carry and mask", () => {
    const declared = new Set(Object.values(PERSONAL_FIELDS).map((f) => f.kind));
    for (const kind of declared) expect(KINDS).toContain(kind);
    for (const kind of KINDS) expect(maskFields(TYPE, { [kind]: CLEAR[kind] })[kind]).not.toBe(CLEAR[kind]);
  });
});
