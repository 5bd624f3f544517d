/** Every piece of text people read in the web app, in Simplified Chinese. */

import {
  ASSIGNMENT_ROLE_LABELS,
  CADENCE_LABELS,
  DEADLINE_KIND_LABELS,
  ORG_KIND_LABELS,
  PLAN_STATUS_LABELS,
  ROLE_LABELS,
  SUPERVISION_STATUS_LABELS,
  TARGET_OP_LABELS,
  TASK_STATUS_LABELS,
  type TaskStatus,
  WARNING_LEVEL_LABELS,
} from "@luoshi/contract/vocabulary";

export type { Cadence, Role, SupervisionStatus, TargetOp, TaskStatus } from "@luoshi/contract/vocabulary";

export const APP_NAME = "落实";
export const APP_SUBTITLE = "年度工作计划落实平台";

export const STATUS = TASK_STATUS_LABELS;
export const STATUS_COLOR: Record<TaskStatus, string> = {
  not_started: "default",
  in_progress: "processing",
  done: "success",
  blocked: "error",
};

/** The status engine's verdict on a task (the warnings board's statuses). */
export const SUPERVISION = SUPERVISION_STATUS_LABELS;

export const ROLES = ROLE_LABELS;

export const OPS = TARGET_OP_LABELS;

export const CADENCES = CADENCE_LABELS;

export const ORG_KINDS: Record<string, string> = ORG_KIND_LABELS;

export const WARNINGS = WARNING_LEVEL_LABELS;
export const PLAN_STATUS = PLAN_STATUS_LABELS;
export const ASSIGNMENT_ROLE = ASSIGNMENT_ROLE_LABELS;
export const DEADLINE_KIND = DEADLINE_KIND_LABELS;

export const NAV = {
  dashboard: "驾驶舱",
  ledger: "任务台账",
  myTasks: "我的任务",
  plans: "计划导入",
  admin: "系统管理",
  placements: "均衡编班",
  notifications: "消息中心",
  logout: "退出登录",
};

export const L = {
  // common
  loading: "加载中…",
  empty: "暂无数据",
  retry: "重试",
  save: "保存",
  saved: "已保存",
  cancel: "取消",
  submit: "提交",
  submitted: "已提交",
  edit: "编辑",
  back: "返回",
  all: "全部",
  none: "无",
  yes: "是",
  no: "否",
  download: "下载",
  loadFailed: "加载失败",
  networkError: "网络连接失败，请检查网络后重试",
  unknownError: "操作失败，请稍后再试",
  notFoundTitle: "页面不存在",
  forbiddenTitle: "没有访问权限",
  // login
  loginTitle: "登录",
  username: "用户名",
  password: "密码",
  usernameRequired: "请输入用户名",
  passwordRequired: "请输入密码",
  loginButton: "登 录",
  loginFailed: "登录失败",
  // ledger
  ledgerTitle: "任务台账",
  plan: "工作计划",
  section: "部分",
  unit: "责任单位",
  status: "状态",
  dueRange: "完成时限",
  overdueOnly: "仅看逾期",
  supervision: "预警状态",
  exportXlsx: "导出任务分解表（Excel）",
  exportDocx: "导出任务分解表（Word）",
  gridHelp: "方向键移动，回车编辑，Esc 取消",
  colNo: "序号",
  colTitle: "任务",
  colSection: "部分",
  colUnits: "责任单位",
  colLead: "牵头单位",
  colStatus: "状态",
  colNextDue: "下一时限",
  colOverdue: "逾期",
  overdue: "逾期",
  noPublishedPlan: "还没有已发布的工作计划",
  taskCount: (n: number) => `共 ${n} 项任务`,
  andMore: (n: number) => ` 等 ${n} 个单位`,
  // task detail
  taskDetail: "任务详情",
  body: "任务内容",
  measures: "工作措施",
  assignments: "分工",
  milestones: "时间节点",
  indicators: "量化指标",
  target: "目标",
  actual: "实际",
  attained: "达成",
  notAttained: "未达成",
  notJudged: "待填报",
  reports: "进度报告",
  evidence: "佐证材料",
  percent: "完成比例",
  period: "填报周期",
  submittedAt: "提交时间",
  noReports: "尚未提交进度报告",
  // my tasks
  myTasksTitle: "我的任务",
  myOverdue: (n: number) => `逾期任务 ${n} 项`,
  dueSoon: "近期到期",
  report: "填报进度",
  narrative: "进展情况",
  narrativePlaceholder: "简要说明本期工作进展、取得成效和存在问题",
  narrativeRequired: "受阻时请说明原因",
  indicatorActuals: "指标实际值",
  uploadEvidence: "上传佐证材料",
  evidenceHint: "支持图片、PDF、Word、Excel，单个文件不超过 20MB",
  reportSaved: "进度已提交",
  periodRequired: "请填写填报周期",
  periodInvalid: "填报周期格式应为 2024-05、2024-Q2、2024-H1 或 2024",
  noTasks: "暂无分派给本单位的任务",
  // plans
  plansTitle: "工作计划",
  importTitle: "导入工作计划",
  dropHint: "点击或将计划文件拖到此处上传",
  dropSubHint:
    "支持 Word/WPS（.docx .doc .wps .rtf .odt）、.pdf、网页 .html、.txt 和表格（.xlsx .xls .et .ods），上传后自动识别任务、责任单位、时限和指标",
  uploading: "正在上传并解析…",
  uploadDone: "解析完成，请核对",
  review: "核对",
  year: "年度",
  cadence: "填报周期",
  createdAt: "导入时间",
  // review
  reviewTitle: "计划核对",
  sourceText: "原文",
  extracted: "识别结果",
  warnings: "解析提示",
  doubtful: "待核对",
  noWarnings: "没有解析提示",
  taskTitle: "任务名称",
  taskNo: "编号",
  units: "责任单位",
  leadCount: "牵头单位数",
  deadlines: "完成时限",
  deadlineText: "原文",
  deadlineDate: "日期",
  deadlineKind: "类型",
  targets: "指标",
  subject: "指标名称",
  op: "关系",
  value: "目标值",
  min: "下限",
  max: "上限",
  measureUnit: "单位",
  add: "添加",
  remove: "删除",
  unitMapping: "未匹配的责任单位",
  unitMappingHint: "为每个名称选择对应的组织机构，或标记为忽略",
  pickOrg: "选择组织机构",
  ignore: "忽略",
  allResolved: "所有责任单位均已匹配",
  saveMappings: "保存映射",
  publish: "发布计划",
  publishConfirm: "发布后将生成分工、时间节点和指标，草稿不能再修改。确认发布？",
  published: "计划已发布",
  selectTask: "请在左侧原文或列表中选择一项任务",
  // dashboard
  dashboardTitle: "驾驶舱",
  completionBySection: "各部分完成情况",
  completionByUnit: "各单位完成率",
  warningLights: "预警",
  overdueList: "逾期任务",
  indicatorAttainment: "指标达成",
  monthlyTrend: "月度趋势",
  completionRate: "完成率",
  reportCount: "报告数",
  totalTasks: "任务总数",
  doneTasks: "已完成",
  overdueTasks: "逾期",
  blockedTasks: "受阻",
  // admin
  adminTitle: "系统管理",
  orgs: "组织机构",
  aliases: "别名",
  addAlias: "添加别名",
  addOrg: "新建下级机构",
  orgName: "机构名称",
  orgKind: "类型",
  users: "用户与角色",
  addUser: "新建用户",
  displayName: "姓名",
  role: "角色",
  org: "所属机构",
  audit: "审计记录",
  auditAt: "时间",
  auditActor: "操作人",
  auditEntity: "对象",
  auditAction: "操作",
  auditChange: "变更内容",
  auditNoChange: "无字段变化",
  exportFiltered: "导出（按当前筛选）",
  created: "已创建",
  required: "必填",
} as const;

/** Messages for error codes, used when the server's own message is not at hand. */
export const ERROR_FALLBACK: Record<number, string> = {
  400: "请求参数不符合要求",
  401: "请先登录",
  403: "没有执行此操作的权限",
  404: "请求的资源不存在",
  409: "数据已存在或与现有数据冲突",
  413: "上传内容超过大小限制",
  415: "不支持的文件类型",
  422: "无法识别的内容",
  429: "请求过于频繁，请稍后再试",
  500: "服务器内部错误，请稍后再试",
};

/** Why the parser doubts a task (the codes of the parser's TaskDoubt). */
export const TASK_DOUBT: Record<string, string> = {
  NUMBERING_GAP: "编号不连续",
  YEAR_INFERRED: "年度取自正文",
  YEAR_UNKNOWN: "缺少年度",
  TABLE_HEADER_GUESSED: "表头为推测",
  JOINED_LINE: "跨行拼接",
  INLINE_ITEM: "从同一段中拆出",
  UNITS_UNSPLIT: "责任单位难以拆分",
  NO_UNITS: "未识别到责任单位",
};
