/** What the review page needs of a task to order it. */
interface Rated {
  seq: number;
  confidence?: number | null;
}

/** A task the parser was less than sure of: it is listed first and marked for checking. */
export const isDoubtful = (t: Rated): boolean => (t.confidence ?? 1) < 1;

/** The tasks to review, least sure first; tasks equally sure keep their document order. */
export function reviewOrder<T extends Rated>(tasks: T[]): T[] {
  return [...tasks].sort((a, b) => (a.confidence ?? 1) - (b.confidence ?? 1) || a.seq - b.seq);
}
