export interface SpanLike {
  start: number;
  end: number;
}

export interface Piece {
  start: number;
  end: number;
  /** The task whose span holds this piece, if any. */
  taskId: string | null;
  highlighted: boolean;
}

/**
 * Cuts the source text at every task boundary and at the highlight, so each piece can
 * be clicked to pick its task and the highlighted piece can be scrolled into view.
 */
export function sourcePieces(
  length: number,
  tasks: readonly { id: string; span: SpanLike | null }[],
  highlight: SpanLike | null,
): Piece[] {
  const cuts = new Set([0, length]);
  const spans = tasks.flatMap((t) => (t.span ? [{ id: t.id, ...t.span }] : []));
  for (const s of spans) cuts.add(Math.max(0, Math.min(length, s.start))).add(Math.max(0, Math.min(length, s.end)));
  if (highlight)
    cuts.add(Math.max(0, Math.min(length, highlight.start))).add(Math.max(0, Math.min(length, highlight.end)));
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const owner = spans.find((s) => s.start <= start && end <= s.end);
    pieces.push({
      start,
      end,
      taskId: owner?.id ?? null,
      highlighted: highlight !== null && highlight.start <= start && end <= highlight.end,
    });
  }
  return pieces;
}
