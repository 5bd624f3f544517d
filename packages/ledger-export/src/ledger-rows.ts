import type { Deadline, LedgerPlan, LedgerTask, Target } from "./input.js";
import { messages } from "./messages.js";

/** One row of the 任务分解表, every cell already a display string. */
export interface LedgerRow {
  no: string;
  section: string;
  title: string;
  body: string;
  leadUnits: string;
  coUnits: string;
  deadlines: string;
  targets: string;
}

/** Cell order matches LEDGER_COLUMNS. */
export function rowCells(row: LedgerRow): string[] {
  return [row.no, row.section, row.title, row.body, row.leadUnits, row.coUnits, row.deadlines, row.targets];
}

const str = (x: unknown): string => (x === null || x === undefined ? "" : String(x));
const list = <T>(x: readonly T[] | null | undefined): readonly T[] => (Array.isArray(x) ? x : []);

function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "";
  return String(Number(n.toPrecision(12)));
}

/** Splits units into lead and co-operating ones; a missing or odd leadCount means all lead. */
export function splitUnits(task: Pick<LedgerTask, "units" | "leadCount">): { lead: string[]; co: string[] } {
  const units = list(task.units).map(str);
  const raw = task.leadCount;
  const n = typeof raw === "number" && Number.isInteger(raw) ? Math.min(Math.max(raw, 0), units.length) : units.length;
  return { lead: units.slice(0, n), co: units.slice(n) };
}

/** "6月底前完成（2024-06-30）"; "贯穿全年" stays as printed. */
export function formatDeadline(d: Deadline): string {
  const text = str(d.text) || (d.kind === "throughout" ? messages.throughout : "");
  return d.date ? `${text}（${d.date}）` : text;
}

function span(t: Target): string {
  const min = formatNumber(t.min);
  const max = formatNumber(t.max);
  if (min && max) return `${min}–${max}`;
  return formatNumber(t.value) || min || max;
}

/** "学前三年毛入园率 ≥ 94.5%", "700–800人", "提升3–5个百分点"; falls back to the printed text. */
export function formatTarget(t: Target): string {
  const subject = str(t.subject).trim();
  const amount = span(t);
  if (!amount) return str(t.text);
  const unit = str(t.unit);
  const prefix = subject ? `${subject} ` : "";
  switch (t.op) {
    case ">=":
      return `${prefix}≥ ${amount}${unit}`;
    case "<=":
      return `${prefix}≤ ${amount}${unit}`;
    case "increase_by":
      return `${prefix}${messages.increaseBy}${amount}${unit}`;
    case "decrease_by":
      return `${prefix}${messages.decreaseBy}${amount}${unit}`;
    default:
      return `${prefix}${amount}${unit}`;
  }
}

export function toLedgerRow(task: LedgerTask, index: number): LedgerRow {
  const { lead, co } = splitUnits(task);
  return {
    no: str(task.no) || String(index + 1),
    section: list(task.path).map(str).join(" / "),
    title: str(task.title),
    body: str(task.body) || str(task.title),
    leadUnits: lead.join("、"),
    coUnits: co.join("、"),
    deadlines: list(task.deadlines).map(formatDeadline).join("\n"),
    targets: list(task.targets).map(formatTarget).join("\n"),
  };
}

export function ledgerRows(plan: LedgerPlan): LedgerRow[] {
  return list(plan.tasks).map(toLedgerRow);
}

export function planTitle(plan: LedgerPlan): string {
  return str(plan.title).trim() || messages.untitledPlan;
}
