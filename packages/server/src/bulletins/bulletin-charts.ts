import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { SUPERVISION_STATUS_LABELS as STATUS_LABELS } from "@luoshi/contract";
import * as echarts from "echarts";
import type { UnitRank } from "./unit-figures.js";

/** Charts rendered on the server: ECharts SSR to SVG, and a PNG of it through resvg when available. */

export interface Chart {
  svg: string;
  png: Uint8Array | null;
  width: number;
  height: number;
}

const CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const FONT_FAMILY = "Noto Sans CJK SC, sans-serif";

function renderSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FONT_FAMILY }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

type Render = typeof import("@resvg/resvg-js").renderAsync;
let resvg: Render | null | undefined;

/** resvg-js ships a native binary per platform; where none loads, charts go out as SVG only. */
function loadResvg(): Render | null {
  if (resvg === undefined) {
    try {
      resvg = (createRequire(import.meta.url)("@resvg/resvg-js") as { renderAsync: Render }).renderAsync;
    } catch {
      resvg = null;
    }
  }
  return resvg;
}

/** Rendered off the main thread (libuv pool), so a bulletin's charts rasterise in parallel. */
export async function toPng(svg: string, width: number): Promise<Uint8Array | null> {
  const render = loadResvg();
  if (!render) return null;
  const fontFiles = existsSync(CJK_FONT) ? [CJK_FONT] : [];
  const image = await render(svg, {
    fitTo: { mode: "width", value: width * 2 },
    font: { fontFiles, loadSystemFonts: fontFiles.length === 0, defaultFontFamily: "Noto Sans CJK SC" },
  });
  return new Uint8Array(image.asPng());
}

async function chart(option: echarts.EChartsCoreOption, width: number, height: number): Promise<Chart> {
  const svg = renderSvg(option, width, height);
  return { svg, png: await toPng(svg, width), width, height };
}

/** Completion rate per unit, best first (at most 20 bars). */
export function completionChart(units: readonly UnitRank[]): Promise<Chart> {
  const top = units.slice(0, 20);
  return chart(
    {
      title: { text: "各单位任务完成率", left: "center", textStyle: { fontSize: 14 } },
      grid: { left: 120, right: 40, top: 40, bottom: 30 },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: { type: "category", inverse: true, data: top.map((u) => u.orgName) },
      series: [
        {
          type: "bar",
          data: top.map((u) => Math.round(u.completion * 1000) / 10),
          label: { show: true, position: "right", formatter: "{c}%" },
          itemStyle: { color: "#1677ff" },
        },
      ],
    },
    560,
    Math.max(200, 60 + top.length * 22),
  );
}

/** Assignments by status on the bulletin's day. */
export function statusChart(counts: Record<keyof typeof STATUS_LABELS, number>): Promise<Chart> {
  const colors = { normal: "#52c41a", warning: "#faad14", overdue: "#f5222d", done: "#1677ff" };
  return chart(
    {
      title: { text: "任务状态分布", left: "center", textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      series: [
        {
          type: "pie",
          radius: ["35%", "65%"],
          label: { formatter: "{b} {c}" },
          data: (Object.keys(STATUS_LABELS) as (keyof typeof STATUS_LABELS)[]).map((k) => ({
            name: STATUS_LABELS[k],
            value: counts[k],
            itemStyle: { color: colors[k] },
          })),
        },
      ],
    },
    480,
    300,
  );
}
