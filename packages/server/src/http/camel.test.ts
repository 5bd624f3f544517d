import { describe, expect, it } from "vitest";
import { camel, camelAll } from "./camel.js";

describe("camel", () => {
  it("turns top-level snake_case keys into camelCase and keeps nested values", () => {
    const row = { org_id: "o1", school_level: null, id: "x", span: { start_line: 1 }, h1_total: 2 };
    expect(camel(row)).toEqual({ orgId: "o1", schoolLevel: null, id: "x", span: { start_line: 1 }, h1Total: 2 });
    expect(camelAll([{ a_b: 1 }, { a_b: 2 }])).toEqual([{ aB: 1 }, { aB: 2 }]);
  });
});
