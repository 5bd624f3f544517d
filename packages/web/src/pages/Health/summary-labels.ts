/** Texts of the school summary (学校晨午检汇总). */
export const S = {
  title: "学校汇总",
  classes: "已报班级",
  present: "实到/应到",
  illAbsent: "因病缺课",
  submit: "提交学校汇总",
  resubmit: "重新提交学校汇总",
  submitted: "已提交学校汇总",
  notYet: "学校汇总未提交",
  stale: "提交后有班级新报或更正，请重新提交",
  done: (v: number) => (v > 1 ? `学校汇总已提交（第${v}版）` : "学校汇总已提交"),
  missing: (names: string[]) => ` 未报：${names.join("、")}`,
  bureauTitle: "各校晨午检汇总",
  school: "学校",
  slot: "时段",
  submittedAt: "提交时间",
  none: "未提交",
};
