import type { Dashboard } from "../../api/types";
import { L, STATUS, WARNINGS } from "../../labels";
import type { ChartOption } from "./EChart";

type Data = Required<Dashboard>;
/** Charts are read, not watched: no tweening, so they are ready as soon as they are drawn. */
const BASE = { animation: false } as const;
const COLORS = { done: "#52c41a", in_progress: "#1677ff", blocked: "#ff4d4f", not_started: "#bfbfbf" };

export function sectionOption(bySection: Data["bySection"]): ChartOption {
  const names = bySection.map((s) => s.section || "—");
  const series = (
    [
      ["done", "done"],
      ["in_progress", "inProgress"],
      ["blocked", "blocked"],
      ["not_started", "notStarted"],
    ] as const
  ).map(([status, key]) => ({
    name: STATUS[status],
    type: "bar",
    stack: "total",
    itemStyle: { color: COLORS[status] },
    data: bySection.map((s) => s[key]),
  }));
  return {
    ...BASE,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: names, inverse: true, axisLabel: { width: 140, overflow: "truncate" } },
    series,
  };
}

export function unitOption(byUnit: Data["byUnit"]): ChartOption {
  const top = byUnit.slice(0, 15);
  return {
    ...BASE,
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${Math.round(Number(v) * 100)}%` },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    yAxis: {
      type: "category",
      inverse: true,
      data: top.map((u) => u.orgName),
      axisLabel: { width: 140, overflow: "truncate" },
    },
    series: [
      {
        name: L.completionRate,
        type: "bar",
        data: top.map((u) => ({ value: u.completionRate, orgId: u.orgId })),
        itemStyle: { color: "#c0392b" },
      },
    ],
  };
}

export function warningOption(w: Data["warnings"]): ChartOption {
  return {
    ...BASE,
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: ["40%", "70%"],
        data: [
          { name: WARNINGS.red, value: w.red, level: "red", itemStyle: { color: "#ff4d4f" } },
          { name: WARNINGS.yellow, value: w.yellow, level: "yellow", itemStyle: { color: "#faad14" } },
          { name: WARNINGS.green, value: w.green, level: "green", itemStyle: { color: "#52c41a" } },
        ],
      },
    ],
  };
}

export function indicatorOption(i: Data["indicators"]): ChartOption {
  return {
    ...BASE,
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        radius: "65%",
        data: [
          { name: L.attained, value: i.attained, key: "attained", itemStyle: { color: "#52c41a" } },
          { name: L.notAttained, value: i.missed, key: "missed", itemStyle: { color: "#ff4d4f" } },
          { name: L.notJudged, value: i.unknown, key: "unknown", itemStyle: { color: "#bfbfbf" } },
        ],
      },
    ],
  };
}

export function trendOption(trend: Data["trend"]): ChartOption {
  return {
    ...BASE,
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: trend.map((t) => t.month) },
    yAxis: [
      { type: "value", max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
      { type: "value", minInterval: 1 },
    ],
    series: [
      { name: L.completionRate, type: "line", smooth: true, data: trend.map((t) => t.completionRate) },
      {
        name: L.reportCount,
        type: "bar",
        yAxisIndex: 1,
        data: trend.map((t) => t.reports),
        itemStyle: { color: "#91caff" },
      },
    ],
  };
}

/** The last day of a "YYYY-MM" month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, "0")}`;
}
