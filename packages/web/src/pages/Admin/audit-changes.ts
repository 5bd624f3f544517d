import { CADENCE_LABELS, PLAN_STATUS_LABELS } from "@luoshi/contract/vocabulary";

/** One field of an audited record that differs between before and after, as display text. */
export interface ChangedField {
  field: string;
  before?: string;
  after?: string;
}

/** Deadlines and targets are lists of objects with their own wording: show the wording. */
const worded = (v: unknown): v is { text: string }[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === "object" && typeof x.text === "string");

const text = (v: unknown): string | undefined =>
  v === undefined
    ? undefined
    : v === null
      ? "（空）"
      : typeof v === "string"
        ? v
        : worded(v)
          ? v.map((x) => x.text).join("；")
          : Array.isArray(v) && v.every((x) => typeof x === "string")
            ? v.join("、") || "（空）"
            : JSON.stringify(v);

/** Coded values of some fields, in Chinese. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  cadence: CADENCE_LABELS,
  planStatus: PLAN_STATUS_LABELS,
};

/** Field names of audited records in Chinese; others show as they are. */
const FIELD_LABELS: Record<string, string> = {
  title: "标题",
  name: "名称",
  display_name: "姓名",
  displayName: "姓名",
  username: "用户名",
  role: "角色",
  org_id: "单位",
  orgId: "单位",
  status: "状态",
  units: "责任单位",
  lead_count: "牵头单位数",
  deadlines: "完成时限",
  targets: "目标指标",
  percent: "完成进度",
  narrative: "进展情况",
  period: "填报期",
  reason: "原因",
  requirement: "要求",
  deleted_at: "停用/删除时间",
  published_at: "发布时间",
  passwordReset: "已重置密码",
  alias: "别名",
  kind: "类型",
  year: "年度",
  cadence: "填报周期",
  planStatus: "计划状态",
  indicators: "指标",
  summary: "变更内容",
};

const HIDDEN = new Set(["region_id", "id", "password_hash", "updated_at", "created_at"]);

/** Fields that changed (both sides given), or every field of the one side there is. */
export function changedFields(before: unknown, after: unknown): ChangedField[] {
  const b = before && typeof before === "object" ? (before as Record<string, unknown>) : undefined;
  const a = after && typeof after === "object" ? (after as Record<string, unknown>) : undefined;
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((k) => !HIDDEN.has(k));
  const out: ChangedField[] = [];
  for (const field of keys) {
    const coded = VALUE_LABELS[field];
    const show = (v: unknown) => text(coded && typeof v === "string" ? (coded[v] ?? v) : v);
    const was = show(b?.[field]);
    const now = show(a?.[field]);
    if (b && a && was === now) continue;
    out.push({ field: FIELD_LABELS[field] ?? field, ...(b && { before: was }), ...(a && { after: now }) });
  }
  return out;
}
