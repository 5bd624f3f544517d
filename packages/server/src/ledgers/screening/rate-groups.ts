import { SCREENING_RATE_METRICS, type ScreeningGrouping, type ScreeningRateGroup } from "@luoshi/contract";
import { zhCompare, zhNumericCompare } from "../../zh-order.js";
import { addInto, type Counts, rateWithChange, ZERO } from "./rates.js";
import type { CountRow, LevelDims } from "./screening.repository.js";

/** The groups of the rates view (pure): each level's key, label and order, and the sums per group. */

const GRADE_NAMES = ["一", "二", "三", "四", "五", "六"];
export const gradeLabel = (g: number): string =>
  g <= 6 ? `${GRADE_NAMES[g - 1]}年级` : g <= 9 ? `初${GRADE_NAMES[g - 7]}` : `高${GRADE_NAMES[g - 10]}`;

interface Level<L extends ScreeningGrouping> {
  key(d: LevelDims[L]): string;
  label(d: LevelDims[L]): string;
  /** The group's school, for the levels that group by it: groups are ordered by the school's name first. */
  school?: (d: LevelDims[L]) => { id: string; name: string };
  /** Order within a school (or over all groups, for the levels without one). */
  compare(a: LevelDims[L], b: LevelDims[L]): number;
}

const school = (d: { org_id: string; org_name: string }) => ({ id: d.org_id, name: d.org_name });

const LEVELS: { [L in ScreeningGrouping]: Level<L> } = {
  school: { key: (d) => d.org_id, label: (d) => d.org_name, school, compare: () => 0 },
  grade: { key: (d) => String(d.grade), label: (d) => gradeLabel(d.grade), compare: (a, b) => a.grade - b.grade },
  class: {
    key: (d) => `${d.org_id}|${d.grade}|${d.class_name ?? ""}`,
    label: (d) => `${d.org_name} ${gradeLabel(d.grade)}${d.class_name ? ` ${d.class_name}` : ""}`,
    school,
    compare: (a, b) => a.grade - b.grade || zhNumericCompare(a.class_name ?? "", b.class_name ?? ""),
  },
  sex: {
    key: (d) => d.sex,
    label: (d) => (d.sex === "male" ? "男" : "女"),
    compare: (a, b) => (a.sex === b.sex ? 0 : a.sex === "male" ? -1 : 1),
  },
};

function group(key: string, label: string, now: Counts, before: Counts): ScreeningRateGroup {
  return {
    key,
    label,
    students: now.students,
    visionUndecided: now.visionUndecided,
    rates: Object.fromEntries(
      SCREENING_RATE_METRICS.map((m) => [m, rateWithChange(m, now, before)]),
    ) as ScreeningRateGroup["rates"],
  };
}

/** Schools' places in Chinese order of their names (ties by id): one sort of the schools, not of the groups. */
function schoolRanks(schools: { id: string; name: string }[]): Map<string, number> {
  const names = new Map(schools.map((s) => [s.id, s.name]));
  const order = [...names].sort(([ia, a], [ib, b]) => zhCompare(a, b) || (ia < ib ? -1 : 1));
  return new Map(order.map(([id], i) => [id, i]));
}

/**
 * The year's groups at a level, with the previous year's counts beside each (a group seen only last
 * year stays, with no students this year), and the total: counts summed before any rate is taken.
 */
export function rateGroups<L extends ScreeningGrouping>(
  by: L,
  rows: CountRow<L>[],
  year: number,
): { total: ScreeningRateGroup; groups: ScreeningRateGroup[] } {
  const level: Level<L> = LEVELS[by];
  const groups = new Map<string, { dims: CountRow<L>; now: Counts; before: Counts }>();
  const total = { now: { ...ZERO }, before: { ...ZERO } };
  for (const r of rows) {
    const key = level.key(r);
    let g = groups.get(key);
    if (!g) {
      g = { dims: r, now: { ...ZERO }, before: { ...ZERO } };
      groups.set(key, g);
    }
    const side = r.year === year ? "now" : "before";
    addInto(g[side], r);
    addInto(total[side], r);
  }
  const list = [...groups].map(([key, g]) => ({ key, ...g, rank: 0 }));
  const ofSchool = level.school;
  if (ofSchool) {
    const ranks = schoolRanks(list.map((g) => ofSchool(g.dims)));
    for (const g of list) g.rank = ranks.get(ofSchool(g.dims).id) ?? 0;
  }
  return {
    total: group("total", "合计", total.now, total.before),
    groups: list
      .sort((a, b) => a.rank - b.rank || level.compare(a.dims, b.dims))
      .map((g) => group(g.key, level.label(g.dims), g.now, g.before)),
  };
}
