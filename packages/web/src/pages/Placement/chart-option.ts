import type { ChartOption } from "../Dashboard/EChart";
import { PL } from "./labels";
import type { ClassStats } from "./placement-api";

/** One bar group per class, one bar per score: equal heights are what balanced classes look like. */
export function classMeansOption(statistics: ClassStats[]): ChartOption {
  const scoreNames = statistics[0]?.scores.map((s) => s.name) ?? [];
  const means = statistics.flatMap((c) => c.scores.map((s) => s.mean));
  const low = means.length > 0 ? Math.min(...means) : 0;
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: unknown) => Number(v).toFixed(2) },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: statistics.map((c) => PL.className(c.classNo)) },
    // Class means differ by fractions of a point; an axis from zero would hide every difference.
    yAxis: { type: "value", scale: true, min: Math.floor(low * 0.95) },
    series: scoreNames.map((name, k) => ({
      name,
      type: "bar",
      data: statistics.map((c) => c.scores[k]?.mean ?? 0),
    })),
  };
}
