import { parseDocument } from "@luoshi/plan-parser";
import { describe, expect, it } from "vitest";
import { planText } from "../../../plan-parser/src/test-support/hostile-files.js";
import { packDocument, unpackDocument } from "./packed-document.js";

const parse = (text: string) => parseDocument(new TextEncoder().encode(text), { filename: "plan.txt" });

describe("packed document", () => {
  it("reads back equal to the document, every plan's tasks in order", async () => {
    const doc = await parse(planText(1234));
    const twoPlans = {
      ...doc,
      plans: [doc.plans[0]!, { ...doc.plans[0]!, title: "第二份", tasks: [] }, doc.plans[0]!],
    };
    for (const d of [doc, twoPlans]) {
      const packed = packDocument(d);
      expect(packed.doc.plans.every((p) => p.tasks.length === 0)).toBe(true);
      // Crossing threads copies it as structured data, as a worker's answer does.
      expect(await unpackDocument(structuredClone(packed))).toEqual(d);
    }
    expect(packDocument(doc).slices).toHaveLength(Math.ceil(1234 / 200));
  });

  it("gives the event loop a turn while a large document is read back", async () => {
    const packed = structuredClone(packDocument(await parse(planText(20_000))));
    const started = performance.now();
    let firedAt: number | undefined;
    setTimeout(() => {
      firedAt = performance.now();
    }, 0);
    const doc = await unpackDocument(packed);
    const ended = performance.now();
    expect(doc.plans[0]!.tasks).toHaveLength(20_000);
    // Reading back 20,000 tasks (100 slices) takes several slices of 8 ms: the timer ran before it ended.
    expect(ended - started).toBeGreaterThan(16);
    expect(firedAt).toBeLessThan(ended);
  });
});
