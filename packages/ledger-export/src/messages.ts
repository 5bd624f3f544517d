/** Every piece of user-facing text the ledger exporters write, in one place. */
export const LEDGER_COLUMNS = [
  "序号",
  "所属板块",
  "重点任务",
  "具体内容",
  "牵头单位",
  "配合单位",
  "完成时限",
  "量化指标",
] as const;

export const messages = {
  untitledPlan: "未命名计划",
  untitledSheet: "计划",
  documentTitle: "任务分解表",
  throughout: "贯穿全年",
  yearSuffix: (year: number) => `${year}年度`,
  increaseBy: "提升",
  decreaseBy: "下降",
  noTasks: "（本计划未识别出任务）",
  noPlans: "（未识别出计划）",
  md: {
    year: "年度",
    unknownYear: "未注明",
    taskCount: "任务数",
    unitCount: "责任单位",
    deadlineCount: "完成时限",
    targetCount: "量化指标",
    noSection: "（未分板块）",
    noUnit: "未注明",
    lead: "牵头",
    co: "配合",
  },
} as const;

/** Excel header/footer codes: &P page, &N pages. */
export const XLSX_FOOTER = "&C第 &P 页，共 &N 页";
