/**
 * The shared vocabulary of Luoshi: every enumerated value the server stores or answers and the web
 * shows, each with its Chinese label, in one place. Plain data (no TypeBox), so the web can import it
 * without the schema library. The lists are the label records' keys, in display order; the SQL CHECK
 * lists of the migrations are tested against them (server: db/vocabulary-checks.test.ts).
 */

const keysOf = <K extends string>(labels: Record<K, string>): readonly K[] => Object.keys(labels) as K[];

// --- people -------------------------------------------------------------------------------------

export const ROLE_LABELS = {
  admin: "系统管理员",
  supervisor: "督查",
  dept_head: "股室负责人",
  school_reporter: "学校填报员",
  leader: "局领导（只读）",
} as const satisfies Record<string, string>;
export type Role = keyof typeof ROLE_LABELS;
export const ROLES = keysOf(ROLE_LABELS);

/** Who may do what, by role. */
export const ROLE_GROUPS = {
  /** Import, correct and publish plans; run the status engine; issue notices and bulletins. */
  planManagers: ["admin", "supervisor"],
  /** Report progress for their unit's tasks. */
  reporters: ["admin", "dept_head", "school_reporter"],
  /** Upload evidence files. */
  uploaders: ["admin", "supervisor", "dept_head", "school_reporter"],
  /** Read the supervision board, bulletins and evaluation. */
  leadersAndManagers: ["admin", "supervisor", "leader"],
  /** Roles bound to one unit: they see that unit's tasks and notices only. */
  unitRoles: ["dept_head", "school_reporter"],
} as const satisfies Record<string, readonly Role[]>;
export type RoleGroup = keyof typeof ROLE_GROUPS;

/** Whether a role belongs to a group. */
export const roleIn = (group: RoleGroup, role: Role): boolean => (ROLE_GROUPS[group] as readonly Role[]).includes(role);

export const ORG_KIND_LABELS = {
  province: "省",
  city: "市",
  county: "县",
  bureau: "教育和体育局",
  department: "股室",
  school: "学校",
  other: "其他",
} as const satisfies Record<string, string>;
export type OrgKind = keyof typeof ORG_KIND_LABELS;
export const ORG_KINDS = keysOf(ORG_KIND_LABELS);

// --- plans and tasks ----------------------------------------------------------------------------

export const PLAN_STATUS_LABELS = {
  draft: "草稿",
  published: "已发布",
  withdrawn: "已撤回",
  archived: "已归档",
} as const satisfies Record<string, string>;
export type PlanStatus = keyof typeof PLAN_STATUS_LABELS;
export const PLAN_STATUSES = keysOf(PLAN_STATUS_LABELS);

/** The status a unit reports for a task, and a task's status drawn from its units' reports. */
export const TASK_STATUS_LABELS = {
  not_started: "未启动",
  in_progress: "推进中",
  done: "已完成",
  blocked: "受阻",
} as const satisfies Record<string, string>;
export type TaskStatus = keyof typeof TASK_STATUS_LABELS;
export const TASK_STATUSES = keysOf(TASK_STATUS_LABELS);

export const ASSIGNMENT_ROLE_LABELS = { lead: "牵头", co: "配合" } as const satisfies Record<string, string>;
export type AssignmentRole = keyof typeof ASSIGNMENT_ROLE_LABELS;
export const ASSIGNMENT_ROLES = keysOf(ASSIGNMENT_ROLE_LABELS);

export const DEADLINE_KIND_LABELS = { by: "限期完成", throughout: "贯穿全年" } as const satisfies Record<
  string,
  string
>;
export type DeadlineKind = keyof typeof DEADLINE_KIND_LABELS;
export const DEADLINE_KINDS = keysOf(DEADLINE_KIND_LABELS);

export const TARGET_OP_LABELS = {
  ">=": "不低于",
  "<=": "不高于",
  range: "区间",
  increase_by: "提高",
  decrease_by: "降低",
} as const satisfies Record<string, string>;
export type TargetOp = keyof typeof TARGET_OP_LABELS;
export const TARGET_OPS = keysOf(TARGET_OP_LABELS);

// --- periods ------------------------------------------------------------------------------------

export const CADENCE_LABELS = {
  monthly: "按月",
  quarterly: "按季度",
  half_year: "按半年",
  yearly: "按年",
} as const satisfies Record<string, string>;
export type Cadence = keyof typeof CADENCE_LABELS;
export const CADENCES = keysOf(CADENCE_LABELS);

/** Reporting periods as stable strings, one shape per cadence: "2024-06", "2024-Q2", "2024-H1", "2024". */
export const PERIOD_PATTERNS: Record<Cadence, RegExp> = {
  monthly: /^(\d{4})-(0[1-9]|1[0-2])$/,
  quarterly: /^(\d{4})-Q([1-4])$/,
  half_year: /^(\d{4})-H([12])$/,
  yearly: /^(\d{4})$/,
};
/** A period of any cadence. */
export const PERIOD_PATTERN = /^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/;
/** The same, as a JSON-schema pattern string. */
export const PERIOD_PATTERN_SOURCE = PERIOD_PATTERN.source;

export const isValidPeriod = (period: string, cadence: Cadence): boolean => PERIOD_PATTERNS[cadence].test(period);

/** The period of a cadence containing an ISO date (which "today" is the caller's business). */
export function periodOf(isoDate: string, cadence: Cadence): string {
  const year = isoDate.slice(0, 4);
  const month = Number(isoDate.slice(5, 7));
  switch (cadence) {
    case "monthly":
      return isoDate.slice(0, 7);
    case "quarterly":
      return `${year}-Q${Math.ceil(month / 3)}`;
    case "half_year":
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case "yearly":
      return year;
  }
}

/** A period in words: 2024年5月, 2024年第2季度, 2024年上半年, 2024年. */
export function periodLabel(period: string): string {
  const [year, part] = period.split("-");
  if (part === undefined) return `${year}年`;
  if (part.startsWith("Q")) return `${year}年第${part.slice(1)}季度`;
  if (part.startsWith("H")) return `${year}年${part === "H1" ? "上" : "下"}半年`;
  return `${year}年${Number(part)}月`;
}

// --- supervision --------------------------------------------------------------------------------

/** What the status engine judges. */
export const ENTITY_KIND_LABELS = {
  assignment: "任务",
  milestone: "节点",
  indicator: "指标",
} as const satisfies Record<string, string>;
export type EntityKind = keyof typeof ENTITY_KIND_LABELS;
export const ENTITY_KINDS = keysOf(ENTITY_KIND_LABELS);

/** The status engine's verdict on an assignment, milestone or indicator. */
export const SUPERVISION_STATUS_LABELS = {
  normal: "正常",
  warning: "预警",
  overdue: "逾期",
  done: "已完成",
} as const satisfies Record<string, string>;
export type SupervisionStatus = keyof typeof SUPERVISION_STATUS_LABELS;
export const SUPERVISION_STATUSES = keysOf(SUPERVISION_STATUS_LABELS);

/** Why the engine flagged an item (reason codes; missing_report carries ":<period>"). */
export const STATUS_REASON_LABELS = {
  past_due: "已过完成时限",
  missing_report: "上期未填报",
  due_soon: "临近时限进度不足",
  blocked: "推进受阻",
  behind_pace: "落后于时序进度",
  not_attained: "指标未达标",
} as const satisfies Record<string, string>;
export type StatusReason = keyof typeof STATUS_REASON_LABELS;
export const STATUS_REASONS = keysOf(STATUS_REASON_LABELS);

/** The dashboard's traffic lights: a task's status-engine verdict (red overdue, yellow warning, green the rest). */
export const WARNING_LEVEL_LABELS = { green: "正常", yellow: "预警", red: "逾期" } as const satisfies Record<
  string,
  string
>;
export type WarningLevel = keyof typeof WARNING_LEVEL_LABELS;
export const WARNING_LEVELS = keysOf(WARNING_LEVEL_LABELS);

export const NOTICE_STATUS_LABELS = {
  issued: "待反馈",
  replied: "已反馈",
  escalated: "升级督办",
  closed: "已办结",
} as const satisfies Record<string, string>;
export type NoticeStatus = keyof typeof NOTICE_STATUS_LABELS;
export const NOTICE_STATUSES = keysOf(NOTICE_STATUS_LABELS);

export const REMINDER_EVENT_LABELS = {
  due_soon: "临近时限",
  overdue: "逾期",
  missing_report: "未按期填报",
  new_notice: "新督办单",
} as const satisfies Record<string, string>;
export type ReminderEvent = keyof typeof REMINDER_EVENT_LABELS;
export const REMINDER_EVENTS = keysOf(REMINDER_EVENT_LABELS);

/** What an in-app notification is about: the reminder events, the 督办 loop's steps and @mentions. */
export const NOTIFICATION_EVENT_LABELS = {
  ...REMINDER_EVENT_LABELS,
  notice_reply: "督办反馈",
  notice_escalated: "升级督办",
  notice_closed: "督办办结",
  mention: "提到了我",
  task_changed: "任务调整",
  major_hazard: "重大隐患",
} as const satisfies Record<string, string>;
export type NotificationEvent = keyof typeof NOTIFICATION_EVENT_LABELS;
export const NOTIFICATION_EVENTS = keysOf(NOTIFICATION_EVENT_LABELS);

export const WEBHOOK_KIND_LABELS = { wecom: "企业微信", dingtalk: "钉钉" } as const satisfies Record<string, string>;
export type WebhookKind = keyof typeof WEBHOOK_KIND_LABELS;
export const WEBHOOK_KINDS = keysOf(WEBHOOK_KIND_LABELS);

export const DELIVERY_STATUS_LABELS = {
  pending: "待发送",
  delivered: "已送达",
  failed: "失败",
} as const satisfies Record<string, string>;
export type DeliveryStatus = keyof typeof DELIVERY_STATUS_LABELS;
export const DELIVERY_STATUSES = keysOf(DELIVERY_STATUS_LABELS);

// --- backups ------------------------------------------------------------------------------------

export const BACKUP_KIND_LABELS = { manual: "手动", scheduled: "定时", cli: "命令行" } as const satisfies Record<
  string,
  string
>;
export type BackupKind = keyof typeof BACKUP_KIND_LABELS;
export const BACKUP_KINDS = keysOf(BACKUP_KIND_LABELS);

export const BACKUP_STATUS_LABELS = { running: "进行中", done: "已完成", failed: "失败" } as const satisfies Record<
  string,
  string
>;
export type BackupStatus = keyof typeof BACKUP_STATUS_LABELS;
export const BACKUP_STATUSES = keysOf(BACKUP_STATUS_LABELS);

export const BACKUP_VERIFY_LABELS = { pending: "待校验", ok: "通过", failed: "未通过" } as const satisfies Record<
  string,
  string
>;
export type BackupVerify = keyof typeof BACKUP_VERIFY_LABELS;
export const BACKUP_VERIFIES = keysOf(BACKUP_VERIFY_LABELS);
