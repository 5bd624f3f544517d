import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { type CSSProperties, useEffect, useRef } from "react";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;
export interface ChartClick {
  name: string;
  seriesName?: string;
  dataIndex: number;
  data: unknown;
}

interface Props {
  option: ChartOption;
  onClick?: (p: ChartClick) => void;
  onRendered?: () => void;
  style?: CSSProperties;
  label: string;
}

/** A small ECharts wrapper: one instance per element, resized with it; marks itself rendered on 'finished'. */
export function EChart({ option, onClick, onRendered, style, label }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const handlers = useRef({ onClick, onRendered });
  handlers.current = { onClick, onRendered };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (p) => handlers.current.onClick?.(p as unknown as ChartClick));
    instance.on("finished", () => {
      if (el.dataset.rendered !== "true") {
        el.dataset.rendered = "true";
        handlers.current.onRendered?.();
      }
    });
    // Resize only when the box really changes: the observer's first call is the size it already has.
    let size = `${el.clientWidth}x${el.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const next = `${el.clientWidth}x${el.clientHeight}`;
      if (next !== size) {
        size = next;
        instance.resize();
      }
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return (
    <div
      ref={ref}
      role="img"
      aria-label={label}
      className="echart"
      style={{ height: 300, width: "100%", cursor: onClick ? "pointer" : undefined, ...style }}
    />
  );
}
