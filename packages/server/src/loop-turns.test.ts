import { describe, expect, it } from "vitest";
import { takeTurnIfLong } from "./loop-turns.js";

function busy(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** Runs `steps` synchronous steps of `ms` each, awaiting `between` after each; returns when a 0 ms timer set at the start fired. */
async function timerDuring(steps: number, ms: number, between: () => Promise<void>) {
  const started = performance.now();
  let firedAt: number | undefined;
  setTimeout(() => {
    firedAt = performance.now() - started;
  }, 0);
  for (let i = 0; i < steps; i++) {
    busy(ms);
    await between();
  }
  const total = performance.now() - started;
  await new Promise((r) => setTimeout(r, 5));
  return { firedAt: firedAt ?? Number.POSITIVE_INFINITY, total };
}

describe("takeTurnIfLong", () => {
  it("lets a timer run during long work made of awaited steps", async () => {
    const resolvedOnly = await timerDuring(40, 2, () => Promise.resolve());
    // Awaiting resolved promises never yields: the timer waits for all 80 ms.
    expect(resolvedOnly.firedAt).toBeGreaterThanOrEqual(resolvedOnly.total - 1);
    const sliced = await timerDuring(40, 2, takeTurnIfLong);
    expect(sliced.firedAt).toBeLessThan(sliced.total / 2);
  });

  it("does not yield within a short slice", async () => {
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    for (let i = 0; i < 100; i++) await takeTurnIfLong();
    expect(turned).toBe(false);
  });
});
