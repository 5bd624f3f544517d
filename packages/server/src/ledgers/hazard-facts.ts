import type { HazardCounts } from "@luoshi/contract";
import { emptyCounts, type HazardDayRow, type HazardTallies } from "./hazard-summary.js";

/**
 * A region's hazards as an in-memory index for the bureau's summary (issue 15): one entry per hazard
 * with the fields the summary counts by (school, category, grade, state, found / written-off /
 * deadline days), column by column in typed arrays, sorted by the day found. A period's counts are
 * then one pass over the hazards found in it — about a millisecond for a year of a county's
 * 60,000 — where the grouped SQL over the JSON fields took hundreds. Strings are kept as indexes
 * into sorted dictionaries, so comparisons stay those of the strings (as SQL compared the text).
 * The index is rebuilt when the region's hazards change (hazard-facts-cache.ts).
 */

/** One hazard as read from the ledger (hazard-summary.repository.ts). */
export interface HazardFactRow {
  org_id: string;
  state: string;
  category: string | null;
  grade: string | null;
  found_on: string | null;
  closed_on: string | null;
  deadline: string | null;
}

/** Hazards with no day found sort last: no period holds them. */
const NO_DAY = 0x7fffffff;

/** Values to indexes, in first-seen order. */
class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/** The first index of sorted `values` whose value is ≥ `v` (with `strict`: > `v`). */
function bound(values: readonly string[], v: string, strict = false): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < v || (strict && values[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Five counters per group: found, written off, overdue, 重大, 重大 written off. */
const K = 5;

export class HazardFacts {
  readonly size: number;
  readonly orgs: string[];
  private readonly categories: string[];
  private readonly grades: string[];
  private readonly states: string[];
  /** Every day met (found, written off, deadline), sorted. */
  private readonly days: string[];
  private readonly org: Int32Array;
  private readonly category: Int32Array;
  private readonly grade: Int32Array;
  private readonly state: Int32Array;
  /** Day indexes; -1 (NO_DAY for `found`) when the field is empty. */
  private readonly found: Int32Array;
  private readonly closed: Int32Array;
  private readonly deadline: Int32Array;
  private readonly closedState: number;
  private readonly rectifyingState: number;
  private readonly majorGrade: number;
  /** Where each group's five counters start in a row of counts: schools, categories, grades; then one per state. */
  private readonly layout: { category: number; grade: number; state: number; width: number };

  constructor(rows: readonly HazardFactRow[]) {
    const n = rows.length;
    this.size = n;
    const orgs = new Dictionary();
    const categories = new Dictionary();
    const grades = new Dictionary();
    const states = new Dictionary();
    const daySet = new Set<string>();
    for (const r of rows) for (const d of [r.found_on, r.closed_on, r.deadline]) if (d !== null) daySet.add(d);
    this.days = [...daySet].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const dayIndex = new Map(this.days.map((d, i) => [d, i]));
    const dayOf = (d: string | null) => (d === null ? -1 : dayIndex.get(d)!);
    // Sorted by the day found: a counting sort over the day indexes.
    const foundOf = rows.map((r) => (r.found_on === null ? this.days.length : dayOf(r.found_on)));
    const starts = new Int32Array(this.days.length + 2);
    for (const f of foundOf) starts[f + 1]!++;
    for (let d = 1; d < starts.length; d++) starts[d]! += starts[d - 1]!;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[starts[foundOf[i]!]!++] = i;
    this.org = new Int32Array(n);
    this.category = new Int32Array(n);
    this.grade = new Int32Array(n);
    this.state = new Int32Array(n);
    this.found = new Int32Array(n);
    this.closed = new Int32Array(n);
    this.deadline = new Int32Array(n);
    for (let j = 0; j < n; j++) {
      const i = order[j]!;
      const r = rows[i]!;
      this.org[j] = orgs.of(r.org_id);
      this.category[j] = categories.of(r.category ?? "");
      this.grade[j] = grades.of(r.grade ?? "");
      this.state[j] = states.of(r.state);
      this.found[j] = r.found_on === null ? NO_DAY : foundOf[i]!;
      this.closed[j] = dayOf(r.closed_on);
      this.deadline[j] = dayOf(r.deadline);
    }
    this.orgs = orgs.values;
    this.categories = categories.values;
    this.grades = grades.values;
    this.states = states.values;
    this.closedState = states.values.indexOf("closed");
    this.rectifyingState = states.values.indexOf("rectifying");
    this.majorGrade = grades.values.indexOf("major");
    const category = this.orgs.length * K;
    const grade = category + this.categories.length * K;
    const state = grade + this.grades.length * K;
    this.layout = { category, grade, state, width: state + this.states.length };
  }

  /** The first hazard found on or after day index `day`. */
  private firstFoundFrom(day: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.found[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds hazard `i` to a row of counts (overdue on day index `todayDay`). */
  private countInto(row: Int32Array, at: number, i: number, todayDay: number): void {
    const { category, grade, state: stateAt } = this.layout;
    const state = this.state[i]!;
    const closed = state === this.closedState ? 1 : 0;
    const deadline = this.deadline[i]!;
    const overdue = state === this.rectifyingState && deadline >= 0 && deadline < todayDay ? 1 : 0;
    const major = this.grade[i] === this.majorGrade ? 1 : 0;
    bump(row, at + this.org[i]! * K, closed, overdue, major);
    bump(row, at + category + this.category[i]! * K, closed, overdue, major);
    bump(row, at + grade + this.grade[i]! * K, closed, overdue, major);
    row[at + stateAt + state]!++;
  }

  /**
   * The hazards found from `from` to `to` (inclusive) at the schools `orgIds` (undefined: all),
   * counted; overdue = 整改中 with a deadline before `today`. For all schools, the difference of two
   * rows of running totals (see cube); for some, one pass over the hazards found in the period.
   */
  tally(q: { from: string; to: string; today: string; orgIds?: readonly string[] }): HazardTallies {
    const start = this.firstFoundFrom(bound(this.days, q.from));
    const end = Math.max(start, this.firstFoundFrom(bound(this.days, q.to, true)));
    const todayDay = bound(this.days, q.today);
    const { width } = this.layout;
    const counts = new Int32Array(width);
    const foundOnDay = new Int32Array(this.days.length);
    const closedOnDay = new Int32Array(this.days.length);
    if (q.orgIds) {
      const allowed = new Set(q.orgIds);
      for (let i = start; i < end; i++) {
        if (!allowed.has(this.orgs[this.org[i]!]!)) continue;
        this.countInto(counts, 0, i, todayDay);
        foundOnDay[this.found[i]!]!++;
        if (this.closed[i]! >= 0) closedOnDay[this.closed[i]!]!++;
      }
    } else {
      const cube = this.cubeFor(todayDay);
      const [a, b] = [cube.rowOf.get(start)!, cube.rowOf.get(end)!];
      for (let g = 0; g < width; g++) counts[g] = cube.counts[b * width + g]! - cube.counts[a * width + g]!;
      for (let r = a; r < b; r++) foundOnDay[this.found[cube.starts[r]!]!] = cube.starts[r + 1]! - cube.starts[r]!;
      const n = cube.closedDays.length;
      for (let c = 0; c < n; c++) closedOnDay[cube.closedDays[c]!] = cube.closed[b * n + c]! - cube.closed[a * n + c]!;
    }
    return this.talliesOf(counts, foundOnDay, closedOnDay);
  }

  private cube?: Cube;

  /**
   * Running totals by the day found (kept for the day `today` they count overdue on): row r holds
   * the counts of the hazards before the r-th day found (one row per distinct day found, and one
   * for all), and how many of them were written off on each day.
   */
  private cubeFor(todayDay: number): Cube {
    if (this.cube?.todayDay === todayDay) return this.cube;
    const { width } = this.layout;
    const startList: number[] = [];
    for (let i = 0; i < this.size && this.found[i] !== NO_DAY; i++)
      if (i === 0 || this.found[i] !== this.found[i - 1]) startList.push(i);
    const last = startList.length;
    // Hazards with no day found (at the end) are in no row.
    startList.push(this.firstFoundFrom(NO_DAY));
    const starts = Int32Array.from(startList);
    const rowOf = new Map(startList.map((s, r) => [s, r]));
    const closedSet = new Set<number>();
    for (let i = 0; i < this.size; i++) if (this.closed[i]! >= 0) closedSet.add(this.closed[i]!);
    const closedDays = Int32Array.from([...closedSet].sort((x, y) => x - y));
    const closedCol = new Map([...closedDays].map((d, c) => [d, c]));
    const n = closedDays.length;
    const counts = new Int32Array((last + 1) * width);
    const closed = new Int32Array((last + 1) * n);
    // Build cumulatively: row r = totals of hazards [0, starts[r]).
    const row = new Int32Array(width);
    const closedRow = new Int32Array(n);
    for (let r = 0; r < last; r++) {
      counts.set(row, r * width);
      closed.set(closedRow, r * n);
      for (let i = starts[r]!; i < starts[r + 1]!; i++) {
        this.countInto(row, 0, i, todayDay);
        if (this.closed[i]! >= 0) closedRow[closedCol.get(this.closed[i]!)!]!++;
      }
    }
    counts.set(row, last * width);
    closed.set(closedRow, last * n);
    this.cube = { todayDay, starts, rowOf, counts, closedDays, closed };
    return this.cube;
  }

  private talliesOf(counts: Int32Array, foundOnDay: Int32Array, closedOnDay: Int32Array): HazardTallies {
    const { category, grade, state } = this.layout;
    const totals = emptyCounts();
    for (let g = 0; g < this.grades.length; g++) add(totals, countsAt(counts, grade / K + g));
    const days: HazardDayRow[] = [];
    for (let d = 0; d < this.days.length; d++) {
      if (this.days[d] === "" || (foundOnDay[d] === 0 && closedOnDay[d] === 0)) continue;
      days.push({ day: this.days[d]!, found: foundOnDay[d]!, closed: closedOnDay[d]! });
    }
    return {
      totals,
      byOrg: groups(this.orgs, counts, 0),
      byCategory: groups(this.categories, counts, category / K),
      byGrade: groups(this.grades, counts, grade / K),
      byState: new Map(this.states.map((s, i) => [s, counts[state + i]!])),
      days,
    };
  }
}

/** Running totals by the day found (HazardFacts.cubeFor). */
interface Cube {
  todayDay: number;
  /** The first hazard of each distinct day found, then the end of those with a day found. */
  starts: Int32Array;
  /** Row by the first hazard it leaves out. */
  rowOf: Map<number, number>;
  counts: Int32Array;
  /** The days anything was written off (day indexes), and per row how many before it were, per such day. */
  closedDays: Int32Array;
  closed: Int32Array;
}

/** One hazard into a group's five counters at `at`. */
function bump(row: Int32Array, at: number, closed: number, overdue: number, major: number): void {
  row[at]!++;
  row[at + 1]! += closed;
  row[at + 2]! += overdue;
  row[at + 3]! += major;
  row[at + 4]! += major & closed;
}

function countsAt(counts: Int32Array, group: number): HazardCounts {
  const at = group * K;
  const found = counts[at]!;
  const closed = counts[at + 1]!;
  const major = counts[at + 3]!;
  return {
    found,
    closed,
    open: found - closed,
    overdue: counts[at + 2]!,
    major,
    majorOpen: major - counts[at + 4]!,
    fixRate: null,
  };
}

function add(into: HazardCounts, c: HazardCounts): void {
  into.found += c.found;
  into.closed += c.closed;
  into.open += c.open;
  into.overdue += c.overdue;
  into.major += c.major;
  into.majorOpen += c.majorOpen;
}

/** The groups with at least one hazard found, by key (their counters from group `first` on). */
function groups(keys: readonly string[], counts: Int32Array, first: number): Map<string, HazardCounts> {
  const out = new Map<string, HazardCounts>();
  for (let g = 0; g < keys.length; g++)
    if (counts[(first + g) * K]! > 0) out.set(keys[g]!, countsAt(counts, first + g));
  return out;
}
