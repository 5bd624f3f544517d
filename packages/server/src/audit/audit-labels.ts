import { REVEAL_AUDIT_ACTION, REVEAL_AUDIT_LABEL } from "@luoshi/contract";

/**
 * The audit trail in Chinese: what kind of record an event is about, and what was done. Codes
 * missing here show as they are (a test lists every code the server writes and fails on a gap).
 */
export const ENTITY_LABELS: Record<string, string> = {
  plan: "工作计划",
  plan_task: "任务",
  unit_mapping: "责任单位对应",
  org: "组织机构",
  org_alias: "单位别名",
  user: "用户",
  login_throttle: "登录限制",
  file: "附件",
  progress_report: "进展填报",
  indicator_actual: "指标实际值",
  placement_run: "均衡编班",
  backup: "数据备份",
  bulletin: "通报",
  notice: "督办单",
  supervision_notice: "督办单",
  notification: "提醒",
  webhook_endpoint: "机器人",
  supervision_rules: "预警规则",
  status_snapshot: "状态计算",
  evaluation_weights: "考核权重",
  bureau_profile: "公文设置",
  placement_commitment: "编班承诺",
};

export const ACTION_LABELS: Record<string, string> = {
  create: "新建",
  update: "修改",
  delete: "删除",
  rename: "重命名",
  upsert: "保存",
  restore: "恢复",
  remind: "提醒",
  import: "导入",
  reimport: "重新导入",
  read: "查看",
  publish: "发布",
  withdraw: "撤回",
  archive: "归档",
  password_change: "修改密码",
  generate: "生成",
  deny: "拒绝访问",
  correct: "更正",
  compute: "计算",
  clear: "解除",
  disable: "停用",
  enable: "启用",
  issue: "签发",
  reply: "回复",
  close: "办结",
  escalate: "升级督办",
  submit: "填报",
  review: "审核",
  [REVEAL_AUDIT_ACTION]: REVEAL_AUDIT_LABEL,
  test: "测试",
  send: "发送",
  commit: "承诺（冻结名单）",
  draw: "摇号",
  run: "编班",
  download: "下载",
  replied: "回复",
  closed: "办结",
};

export const entityLabel = (code: string): string => ENTITY_LABELS[code] ?? code;
export const actionLabel = (code: string): string => ACTION_LABELS[code] ?? code;
