// @vitest-environment happy-dom
import "../../test/dom";
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useLoad } from "./use-load";

/** A promise settled from outside, to answer calls in any order. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("useLoad", () => {
  it("the last call wins: an older answer arriving later is dropped", async () => {
    const answers = { a: deferred<string>(), b: deferred<string>() };
    const { result, rerender } = renderHook(({ key }: { key: "a" | "b" }) => useLoad(() => answers[key].promise, key), {
      initialProps: { key: "a" as "a" | "b" },
    });
    rerender({ key: "b" });
    await act(async () => answers.b.resolve("filtered"));
    expect(result.current.data).toBe("filtered");
    expect(result.current.loading).toBe(false);
    await act(async () => answers.a.resolve("stale, unfiltered"));
    expect(result.current.data).toBe("filtered");
  });
});
