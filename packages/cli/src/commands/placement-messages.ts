/** Chinese text of `luoshi placement`. */
export const placementHelp = {
  command: "均衡编班与电子派位：生成公示、班级名单和可复核的结果",
  run: "按学生名单均衡编班，抽签确定班主任，输出 result.json、classes.xlsx、notice.docx",
  verify: "用公示的名单、参数和摇号数字重新计算，逐字节核对公示结果",
  students: "学生名单（.xlsx 或 .csv）",
  classes: "班级数",
  capacity: "每班班额（各班相同）",
  capacities: "各班班额，逗号分隔，如 45,45,44",
  teachers: "班主任（教师团队）名单（.xlsx 或 .csv）",
  draw: "现场公开摇出的数字（原样录入）",
  out: "输出目录（默认当前目录）",
  title: "公示标题",
  school: "署名（学校或教育局）",
  date: "成文日期，如 2025年8月20日（默认今天）",
  result: "公示的 result.json",
} as const;

export const placementMsg = {
  badInteger: "应为正整数",
  badCapacities: "应为逗号分隔的正整数，如 45,45,44",
  inputErrors: (count: number, lines: string) => `输入有 ${count} 处问题：\n${lines}`,
  hashes: "哈希与随机种子：",
  balance: "均衡情况：",
  written: (files: string[]) => `已写入：${files.join("、")}`,
  verifyOk: (hash: string) => `验证通过（编班结果哈希 ${hash}）`,
  verifyFailed: (reasons: string[]) => `验证不通过：${reasons.join("；")}`,
} as const;
