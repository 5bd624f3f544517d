import type { BatchAssignment, Target, TaskDetail } from "../../api/types";
import { formatTarget } from "../../components/format";
import { CADENCES, type Cadence, CHG } from "../../labels";

/** An indicator as the change form edits it; `id` keeps a published indicator (and its actuals). */
export interface IndicatorDraft {
  id?: string;
  subject: string;
  op: Target["op"];
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
  text?: string;
}

/** What a manager may change on a published task. */
export interface TaskState {
  lead: string[];
  co: string[];
  /** The final deadline (YYYY-MM-DD), or null when the task has none. */
  dueDate: string | null;
  cadence: Cadence | null;
  indicators: IndicatorDraft[];
}

export function initialState(d: TaskDetail): TaskState {
  const dates = d.milestones.map((m) => m.dueDate).filter((x): x is string => Boolean(x));
  return {
    lead: d.assignees.filter((a) => a.role === "lead").map((a) => a.orgId),
    co: d.assignees.filter((a) => a.role === "co").map((a) => a.orgId),
    dueDate: dates.length ? dates.sort().at(-1)!.slice(0, 10) : null,
    cadence: d.task.cadence ?? null,
    indicators: d.indicators.map((i) => ({
      id: i.id,
      subject: i.subject,
      op: i.op,
      value: i.targetValue,
      min: i.targetMin,
      max: i.targetMax,
      unit: i.unit,
      text: i.text,
    })),
  };
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const indicatorKey = (i: IndicatorDraft) =>
  JSON.stringify([i.id ?? null, i.subject.trim(), i.op, i.value, i.min, i.max, i.unit.trim()]);
const indicatorText = (i: IndicatorDraft) =>
  `${i.subject.trim()} ${formatTarget({ op: i.op, value: i.value, min: i.min, max: i.max, unit: i.unit.trim() })}`;
const cadenceText = (c: Cadence | null) => (c ? CADENCES[c] : CHG.followPlan);

export interface ChangeLine {
  field: string;
  /** Absent for unit lists, which say who is added and who removed instead. */
  before?: string;
  after: string;
}

/** "新增：甲；移除：乙" for a list of units, however long the lists are. */
function unitDelta(a: string[], b: string[], name: (orgId: string) => string): string {
  const added = b.filter((x) => !a.includes(x)).map(name);
  const removed = a.filter((x) => !b.includes(x)).map(name);
  return [
    added.length ? `${CHG.added}：${added.join("、")}` : "",
    removed.length ? `${CHG.removed}：${removed.join("、")}` : "",
  ]
    .filter(Boolean)
    .join("；");
}

export interface TaskChange {
  lines: ChangeLine[];
  units: boolean;
  due: boolean;
  cadence: boolean;
  indicators: boolean;
}

/** What differs between the task as it is and as the form now states it, worded for the confirmation. */
export function changeOf(a: TaskState, b: TaskState, name: (orgId: string) => string): TaskChange {
  const lines: ChangeLine[] = [];
  const units = !sameSet(a.lead, b.lead) || !sameSet(a.co, b.co);
  if (!sameSet(a.lead, b.lead)) lines.push({ field: CHG.field.lead!, after: unitDelta(a.lead, b.lead, name) });
  if (!sameSet(a.co, b.co)) lines.push({ field: CHG.field.co!, after: unitDelta(a.co, b.co, name) });
  const due = Boolean(b.dueDate) && a.dueDate !== b.dueDate;
  if (due) lines.push({ field: CHG.field.due!, before: a.dueDate ?? CHG.none, after: b.dueDate! });
  const cadence = a.cadence !== b.cadence;
  if (cadence) lines.push({ field: CHG.field.cadence!, before: cadenceText(a.cadence), after: cadenceText(b.cadence) });
  const indicators =
    a.indicators.length !== b.indicators.length ||
    a.indicators.some((x, i) => indicatorKey(x) !== indicatorKey(b.indicators[i]!));
  if (indicators)
    lines.push({
      field: CHG.field.indicators!,
      before: a.indicators.map(indicatorText).join("；") || CHG.none,
      after: b.indicators.map(indicatorText).join("；") || CHG.none,
    });
  return { lines, units, due, cadence, indicators };
}

/** Every unit told of the change: those assigned before and after, each marked added or removed. */
export function notifiedUnits(a: TaskState, b: TaskState, name: (orgId: string) => string) {
  const before = [...a.lead, ...a.co];
  const after = [...b.lead, ...b.co];
  return [...new Set([...before, ...after])].map((id) => ({
    orgId: id,
    name: name(id),
    tag: !before.includes(id) ? ("added" as const) : !after.includes(id) ? ("removed" as const) : null,
  }));
}

/** The requests that make the change: one assignment (units, deadline, cadence) and one indicator edit. */
export function changeRequests(a: TaskState, b: TaskState, taskId: string, change: TaskChange) {
  let assign: BatchAssignment | undefined;
  if (change.units || change.due || change.cadence) {
    assign = { taskIds: [taskId] };
    if (change.units) Object.assign(assign, { lead: b.lead, co: b.co });
    if (change.due && b.dueDate) assign.dueDate = b.dueDate;
    if (change.cadence) assign.cadence = b.cadence;
  }
  const kept = new Map(a.indicators.map((i) => [i.id, i]));
  const indicators = change.indicators
    ? b.indicators.map((i): Target & { id?: string } => {
        const was = i.id ? kept.get(i.id) : undefined;
        const same = was && indicatorKey(was) === indicatorKey(i);
        return {
          ...(i.id && { id: i.id }),
          text: same && was.text ? was.text : indicatorText(i).replace(" ", ""),
          subject: i.subject.trim(),
          op: i.op,
          value: i.op === "range" ? null : i.value,
          min: i.op === "range" ? i.min : null,
          max: i.op === "range" ? i.max : null,
          unit: i.unit.trim(),
        };
      })
    : undefined;
  return { assign, indicators };
}
