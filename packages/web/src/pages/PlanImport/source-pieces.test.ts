import { describe, expect, it } from "vitest";
import { sourcePieces } from "./source-pieces";

describe("sourcePieces", () => {
  const text = "标题\n1.任务一。\n2.任务二。\n";
  const tasks = [
    { id: "a", span: { start: 3, end: 9 } },
    { id: "b", span: { start: 10, end: 16 } },
  ];

  it("covers the whole text without gaps, each task's text owned by it", () => {
    const pieces = sourcePieces(text.length, tasks, null);
    expect(pieces[0]!.start).toBe(0);
    expect(pieces.at(-1)!.end).toBe(text.length);
    for (let i = 1; i < pieces.length; i++) expect(pieces[i]!.start).toBe(pieces[i - 1]!.end);
    expect(pieces.filter((p) => p.taskId === "a").map((p) => text.slice(p.start, p.end))).toEqual(["1.任务一。"]);
  });

  it("marks exactly the highlighted range, even across a task boundary", () => {
    const pieces = sourcePieces(text.length, tasks, { start: 7, end: 12 });
    const marked = pieces.filter((p) => p.highlighted).map((p) => text.slice(p.start, p.end));
    expect(marked.join("")).toBe(text.slice(7, 12));
    expect(pieces.filter((p) => p.highlighted).map((p) => p.taskId)).toEqual(["a", null, "b"]);
  });

  it("ignores tasks without a span and clamps spans to the text", () => {
    const pieces = sourcePieces(
      5,
      [
        { id: "x", span: null },
        { id: "y", span: { start: 2, end: 99 } },
      ],
      null,
    );
    expect(pieces.map((p) => [p.start, p.end, p.taskId])).toEqual([
      [0, 2, null],
      [2, 5, "y"],
    ]);
  });
});
