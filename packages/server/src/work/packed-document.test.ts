import { parsePlan } from "@luoshi/plan-parser";
import { describe, expect, it } from "vitest";
import { planText } from "../../../plan-parser/src/test-support/hostile-files.js";
import { PLAN_TEXT } from "../test/fixture.js";
import { packDocument, unpackDocument } from "./packed-document.js";

describe("packed document", () => {
  it("unpacks to the document it packed: one plan, a plan of many pieces, several plans, none", async () => {
    const docs = [
      parsePlan(PLAN_TEXT),
      parsePlan(planText(1_234)),
      parsePlan(`${PLAN_TEXT}\n\n${planText(450)}`),
      parsePlan("这里没有任何计划或任务"),
    ];
    for (const doc of docs) expect(await unpackDocument(packDocument(doc))).toEqual(structuredClone(doc));
    expect(docs[1]!.plans[0]!.tasks.length).toBe(1_234);
  });

  it("reads from a view into a larger buffer (the moved result's offset)", async () => {
    const packed = packDocument(parsePlan(planText(30)));
    const larger = new Uint8Array(packed.byteLength + 16);
    larger.set(packed, 8);
    expect(await unpackDocument(larger.subarray(8, 8 + packed.byteLength))).toEqual(await unpackDocument(packed));
  });
});
