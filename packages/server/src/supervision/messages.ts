import { registerErrors } from "../errors.js";
import { todayInShanghai } from "../progress/periods.js";

/** User-facing text of the supervision module, keyed by stable codes. */
export const SUPERVISION_MESSAGES = {
  NOTICE_NOT_FOUND: "督办单不存在",
  NOTICE_CLOSED: "督办单已办结，不能再操作",
  NOTICE_NOT_REPLIED: "承办单位尚未反馈，不能办结",
  NOT_NOTICE_UNIT: "该督办单不是发给您的单位的",
  UNIT_NOT_ASSIGNED: "该单位不是此任务的责任单位",
  NOTICE_SUBJECT_INVALID: "督办单须针对一项任务或一条隐患（二者选一）",
  UNIT_NOT_HAZARD_UNIT: "隐患督办单只能发给隐患所在学校或本局股室",
  REPLY_DUE_INVALID: "反馈时限不能早于今天",
  WEBHOOK_NOT_FOUND: "消息推送配置不存在",
  WEBHOOK_URL_FORBIDDEN: "机器人地址不被允许",
  BULLETIN_NOT_FOUND: "通报不存在",
  PERIOD_INVALID: "通报周期格式不正确，应为 2025-03 或 2025-Q1",
  PERIOD_NOT_STARTED: "通报周期尚未开始，不能生成通报",
  BULLETIN_NO_PLAN: "该周期内没有已发布的工作要点，不能生成通报",
  WEIGHTS_INVALID: "考核权重之和必须大于0",
} as const;

export type SupervisionCode = keyof typeof SUPERVISION_MESSAGES;

/** Errors of the supervision modules, registered with the shared AppError. */
export const supervisionError = registerErrors("supervision", SUPERVISION_MESSAGES);

export const STATUS_LABELS = { normal: "正常", warning: "预警", overdue: "逾期", done: "已完成" } as const;
export const NOTICE_STATUS_LABELS = {
  issued: "待反馈",
  replied: "已反馈",
  escalated: "升级督办",
  closed: "已办结",
} as const;
export const EVENT_LABELS = {
  due_soon: "即将到期",
  overdue: "任务逾期",
  missing_report: "未按时填报",
  new_notice: "新督办单",
} as const;

export const REASON_LABELS: Record<string, string> = {
  past_due: "已过完成时限",
  missing_report: "上期进度未填报",
  due_soon: "临近完成时限且进度不足",
  blocked: "推进受阻",
  behind_pace: "指标进度落后于时序进度",
  not_attained: "指标未达到目标值",
};

/** 督办〔2025〕第3号 */

/**
 * 2025年3月5日: Arabic numerals, no leading zeros (GB/T 9704 §7.3.5.4). A calendar date is printed
 * as it is; a timestamp (or Date) is first taken to its date in Asia/Shanghai, where documents are read.
 */
export const chineseDate = (at: string | Date) => {
  const d = typeof at === "string" && /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : todayInShanghai(new Date(at));
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
};

export const periodLabel = (period: string) => {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return `${q[1]}年第${"一二三四"[Number(q[2]) - 1]}季度`;
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
};
