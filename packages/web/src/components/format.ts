import type { Target } from "../api/types";
import { OPS } from "../labels";

const num = (n: number | null | undefined) => (n === null || n === undefined ? "—" : String(n));

/** A target as people write it: "不低于 93%", "区间 3–5个百分点". */
export function formatTarget(t: Pick<Target, "op" | "value" | "min" | "max" | "unit">): string {
  if (t.op === "range") return `${OPS.range} ${num(t.min)}–${num(t.max)}${t.unit}`;
  return `${OPS[t.op]} ${num(t.value ?? t.min)}${t.unit}`;
}

export const formatDate = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : "—");
export const formatTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString("zh-CN") : "—");
export const formatPercent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
