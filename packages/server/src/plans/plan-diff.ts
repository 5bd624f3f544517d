/** Compares a plan's tasks with a revised document's: matched by number and title. */
export interface DiffableTask {
  no: string;
  title: string;
  units: string[];
  deadlines: { text: string; date: string | null }[];
  targets: { text: string }[];
  body: string;
}

export interface TaskChange<Old, New> {
  before: Old;
  after: New;
  fields: string[];
}

export interface TaskDiff<Old, New> {
  added: New[];
  removed: Old[];
  changed: TaskChange<Old, New>[];
  unchanged: number;
}

const FIELDS = ["no", "title", "units", "deadlines", "targets", "body"] as const;

/** JSON with sorted keys: jsonb does not keep key order, so plain stringify would see false changes. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}

function changedFields(a: DiffableTask, b: DiffableTask): string[] {
  return FIELDS.filter((f) => canonical(a[f]) !== canonical(b[f]));
}

/**
 * Pairs tasks in three passes: same number and title, then same title (renumbered),
 * then same number (retitled). What is left over is added or removed.
 */
export function diffTasks<Old extends DiffableTask, New extends DiffableTask>(
  before: readonly Old[],
  after: readonly New[],
): TaskDiff<Old, New> {
  const leftOld = new Set(before.map((_, i) => i));
  const leftNew = new Set(after.map((_, i) => i));
  const pairs: [number, number][] = [];
  const passes: ((a: DiffableTask, b: DiffableTask) => boolean)[] = [
    (a, b) => a.no === b.no && a.title === b.title,
    (a, b) => a.title === b.title,
    (a, b) => a.no === b.no,
  ];
  for (const same of passes) {
    for (const i of [...leftOld]) {
      const j = [...leftNew].find((k) => same(before[i]!, after[k]!));
      if (j === undefined) continue;
      pairs.push([i, j]);
      leftOld.delete(i);
      leftNew.delete(j);
    }
  }
  const changed: TaskChange<Old, New>[] = [];
  let unchanged = 0;
  for (const [i, j] of pairs.sort((p, q) => p[1] - q[1])) {
    const fields = changedFields(before[i]!, after[j]!);
    if (fields.length === 0) unchanged++;
    else changed.push({ before: before[i]!, after: after[j]!, fields });
  }
  return {
    added: [...leftNew].sort((a, b) => a - b).map((j) => after[j]!),
    removed: [...leftOld].sort((a, b) => a - b).map((i) => before[i]!),
    changed,
    unchanged,
  };
}
