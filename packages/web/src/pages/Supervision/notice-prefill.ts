import { S } from "./labels";

/** What a 督办单 is about: a warning row of the board, or a task's unit picked on task detail or the ledger. */
export interface NoticeTarget {
  /** Set when the notice is about a campus-safety hazard (taskId then empty). */
  hazardId?: string;
  taskId: string;
  taskNo: string;
  taskTitle: string;
  orgId: string;
  orgName: string;
  /** The warning's level: overdue (red), warning (yellow); absent when not issued from a warning. */
  status?: string;
  reasons?: string[];
  dueDate?: string | null;
  progress?: number | null;
  /** The warning's milestone or indicator, by kind and name (指标“学前三年毛入园率”); absent for an assignment. */
  subject?: string;
}

/** Days the unit has to answer, by the warning's level: red is urgent, yellow less so. */
export const REPLY_DAYS: Record<string, number> = { overdue: 3, warning: 5 };
const DEFAULT_REPLY_DAYS = 7;

export const REQUIREMENTS: Record<string, string> = {
  overdue: "请于反馈时限前书面说明逾期原因，提出整改措施和完成时间，并上传佐证材料。",
  warning: "请加快推进，于反馈时限前报告推进情况和下一步措施，并上传佐证材料。",
};
const DEFAULT_REQUIREMENT = "请于反馈时限前报告办理情况，并上传佐证材料。";

export const reasonText = (r: string) =>
  r.startsWith("missing_report:") ? `${r.slice(15)} ${S.reasons.missing_report}` : (S.reasons[r] ?? r);

/** Today in Asia/Shanghai (the bureau's day), as YYYY-MM-DD. */
export const shanghaiToday = (now = new Date()) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now);

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The form's first draft: the reason from the warning, the requirement and the reply date by its level. */
export function prefill(t: NoticeTarget, today = shanghaiToday()) {
  const level = t.status ?? "";
  const facts = [
    ...(t.reasons ?? []).map(reasonText),
    ...(t.dueDate ? [`完成时限${t.dueDate}`] : []),
    ...(t.progress !== undefined && t.progress !== null ? [`当前进度${t.progress}%`] : []),
  ];
  const state = S.status[level];
  const what = `“${t.taskNo} ${t.taskTitle}”${t.subject ? `的${t.subject}` : ""}`;
  const reason = facts.length
    ? `${what}${state && level !== "normal" ? `${state}：` : "："}${facts.join("，")}。`
    : `${what}需督促落实。`;
  return {
    reason,
    requirement: REQUIREMENTS[level] ?? DEFAULT_REQUIREMENT,
    replyDue: addDays(today, REPLY_DAYS[level] ?? DEFAULT_REPLY_DAYS),
  };
}
