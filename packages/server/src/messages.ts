import { ROLE_LABELS } from "@luoshi/contract";

/** Every user-facing message of the server, keyed by its stable error code. */
export const MESSAGES = {
  VALIDATION_FAILED: "请求参数不符合要求",
  MALFORMED_JSON: "请求内容不是有效的 JSON",
  UNSUPPORTED_MEDIA_TYPE: "不支持的请求内容类型",
  PAYLOAD_TOO_LARGE: "上传内容超过大小限制",
  NOT_FOUND: "请求的资源不存在",
  ROUTE_NOT_FOUND: "请求的接口不存在",
  UNAUTHENTICATED: "请先登录",
  FORBIDDEN: "没有执行此操作的权限",
  CSRF_INVALID: "安全校验失败，请刷新页面后重试",
  INVALID_CREDENTIALS: "用户名或密码错误",
  LOGIN_THROTTLED: "登录尝试过于频繁，请稍后再试",
  CURRENT_PASSWORD_WRONG: "当前密码不正确",
  THROTTLE_NOT_FOUND: "该登录限制已解除或不存在",
  RATE_LIMITED: "请求过于频繁，请稍后再试",
  CONFLICT: "数据已存在或与现有数据冲突",
  USERNAME_TAKEN: "用户名已被使用",
  ORG_NOT_FOUND: "组织机构不存在",
  PLAN_NOT_FOUND: "工作计划不存在",
  TASK_NOT_FOUND: "任务不存在",
  FILE_NOT_FOUND: "文件不存在",
  FILE_REQUIRED: "请上传文件",
  UNEXPECTED_PART: "上传表单含有未约定的内容，每次只能上传一个文件",
  INVALID_TEXT: "请求含有无效字符（空字符或非 UTF-8 编码）",
  PERIOD_OUT_OF_PLAN: "填报周期不在计划年度内或尚未到来",
  STATUS_PERCENT_MISMATCH: "完成状态与完成进度不一致：已完成须为100%，100%须标记为已完成",
  FILE_TYPE_NOT_ALLOWED: "文件类型不允许或与扩展名不符",
  FILE_NAME_INVALID: "文件名不合法",
  PLAN_HAS_NO_TASKS: "文件中没有识别到工作任务，请确认上传的是工作计划文件",
  PLAN_NOT_DRAFT: "计划已发布，不能再修改草稿",
  PLAN_ALREADY_PUBLISHED: "计划已发布",
  UNRESOLVED_UNITS: "存在未匹配的责任单位，请先完成单位映射或标记忽略",
  NOT_ASSIGNED: "该任务未分派给您的单位",
  INDICATOR_NOT_IN_TASK: "指标不属于该任务",
  INVALID_PERIOD: "填报周期格式不正确",
  INTERNAL_ERROR: "服务器内部错误，请稍后再试",
  DATABASE_UNAVAILABLE: "数据库暂时无法访问（可能正在重启或切换），请稍后重试",
  DISK_FULL: "服务器磁盘空间已满，本次提交未保存；请联系管理员清理空间后重试",
  SERVER_BUSY: "服务器正忙（排队处理的文件过多），请稍后再试",
  EXPORT_TIMEOUT: "生成文件超时，请稍后再试；如反复出现，请联系管理员",
  EXPORT_FAILED: "生成文件失败，请稍后再试；如反复出现，请联系管理员",
} as const;

export type ErrorCode = keyof typeof MESSAGES;

/** Labels shown to people (CLI output, demo). */
export const LABELS = {
  serverListening: "落实服务已启动",
  demoLogins: "演示账号（用户名 / 密码 / 角色）",
  roles: ROLE_LABELS,
} as const;
