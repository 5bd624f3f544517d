import fc from "fast-check";
import type { LedgerInput } from "../input.js";

/** Any UTF-16 content, lone surrogates and control characters included. */
const anyText = fc.string({ unit: "binary", maxLength: 40 });

const task = fc.record({
  no: anyText,
  path: fc.array(anyText, { maxLength: 3 }),
  title: anyText,
  units: fc.array(anyText, { maxLength: 4 }),
  leadCount: fc.integer({ min: -2, max: 6 }),
  deadlines: fc.array(
    fc.record({ text: anyText, date: fc.option(anyText), kind: fc.constantFrom("by" as const, "throughout" as const) }),
    { maxLength: 2 },
  ),
  targets: fc.array(
    fc.record({
      text: anyText,
      subject: anyText,
      op: fc.constantFrom(
        ">=" as const,
        "<=" as const,
        "range" as const,
        "increase_by" as const,
        "decrease_by" as const,
      ),
      value: fc.option(fc.double()),
      min: fc.option(fc.double()),
      max: fc.option(fc.double()),
      unit: anyText,
    }),
    { maxLength: 2 },
  ),
  body: anyText,
});

export const arbitraryLedger: fc.Arbitrary<LedgerInput> = fc.record({
  plans: fc.array(
    fc.record({
      title: fc.oneof(anyText, fc.constantFrom("计划", "Tom's plan", "History", "a'b")),
      year: fc.option(fc.integer()),
      tasks: fc.array(task, { maxLength: 3 }),
    }),
    { maxLength: 4 },
  ),
});
