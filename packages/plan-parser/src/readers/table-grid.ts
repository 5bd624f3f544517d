export interface GridCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

/** Caps a span read from a document, so a malicious rowspan="1000000" cannot blow up memory. */
export function spanOf(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? "", 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/**
 * Lays out cells with row and column spans on a grid. A merged cell's text repeats into
 * every position it covers, so a category spanning rows appears on each of its rows.
 */
export function layoutGrid(rows: GridCell[][]): string[][] {
  const grid: string[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (grid[r]![c] !== undefined) c++;
      const lastRow = Math.min(r + cell.rowSpan, rows.length);
      for (let rr = r; rr < lastRow; rr++) {
        for (let cc = c; cc < c + cell.colSpan; cc++) {
          if (grid[rr]![cc] === undefined) grid[rr]![cc] = cell.text;
        }
      }
      c += cell.colSpan;
    }
  });
  // Holes (rows shorter than the spans above them) become empty cells.
  return grid.map((row) => Array.from(row, (text) => text ?? ""));
}
