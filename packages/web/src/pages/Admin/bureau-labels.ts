/** Text of the 公文设置 tab (系统管理 › 公文设置). */
export const BUL = {
  tab: "公文设置",
  intro:
    "通报和督办单按《党政机关公文格式》（GB/T 9704—2012）生成：首页红色发文机关标志和红色分隔线，其下居中标注发文字号；落款为署名和成文日期，联系人信息作为附注；末页版记印抄送机关、印发机关和印发日期。",
  fullName: "发文机关全称",
  shortName: "发文机关简称",
  mark: "发文机关标志（红头）",
  markHelp: "印在首页顶端的红色大字，一般为“机关全称＋文件”",
  noticePattern: "督办单发文字号",
  bulletinPattern: "通报发文字号",
  patternHelp:
    "用 {year} 表示年份、{n} 表示序号，如 青教体督〔{year}〕{n}号；年份用六角括号，序号前不加“第”，每年每类从1号起编",
  signature: "署名（落款）",
  contactLine: "联系人及电话（附注）",
  contactPlaceholder: "如：联系人：教育督导室 李明，联系电话：0739-5321234",
  ccLine: "抄送机关（版记）",
  ccPlaceholder: "如：县委教育工委，县政府督查室；留空则不印抄送",
  printingOffice: "印发机关（版记）",
  printingOfficePlaceholder: "如：青山县教育和体育局办公室；留空则用发文机关全称",
  nextNumbers: (notice: string, bulletin: string) => `下一份督办单：${notice}；下一份通报：${bulletin}`,
  defaults: "尚未保存，当前使用按单位名称生成的默认设置",
  save: "保存",
  saved: "公文设置已保存",
  required: "必填",
} as const;
