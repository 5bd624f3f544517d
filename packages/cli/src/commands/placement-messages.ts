/** Chinese text of `luoshi placement`. */
export const placementHelp = {
  command: "均衡编班与电子派位，分三步：commit（承诺）→ draw（摇号）→ run（编班），verify 复核",
  commit: "第一步 承诺：固定学生名单和编班参数，写入承诺目录，生成摇号前公告（哈希、时间、验证方法）",
  drawStep: "第二步 摇号：在承诺之后录入公开摇号号码、来源和见证人（只能录入一次）",
  run: "第三步 编班：只用承诺目录中的名单、参数和摇号记录计算，输出 result.json、classes.xlsx、notice.docx",
  verify:
    "复核：检查承诺哈希、名单与参数、摇号在承诺之后、结果可重算；旧版单步结果用 --classes … --draw … 复核（标为旧版/未承诺）",
  dir: "承诺目录（每次编班一个目录，各步骤的文件都写在这里，不覆盖）",
  name: "编班名称，如 2025级七年级新生均衡编班",
  drawPlan: "摇号安排（印在摇号前公告上），如：8月20日9时由5名家长代表现场各写一个两位数",
  supplementTo: "补录：首次编班的承诺目录；只编排新增学生，编入剩余学位",
  witness: "见证人“姓名:身份”，可重复，如 --witness 李明:家长代表 --witness 王红:纪检监察",
  source: "摇号号码来源，如 家长代表现场书写 / 福彩3D 第2025220期",
  commitmentFile: "承诺文件 commitment.json",
  drawRecord: "摇号记录 draw.json",
  baseResult: "补录复核：首次编班的 result.json",
  baseDir: "补录复核：首次编班的承诺目录",
  expectCommitment: "摇号前公告上印的承诺哈希（核对承诺文件未被替换）",
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
  retiredStudents: "（已停用）单步编班的学生名单",
  retiredDraw: "（已停用）单步编班的摇号号码；复核旧版结果时使用",
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
  legacy: "注意：这是旧版单步编班结果（未承诺），重算一致，但无法证明名单在摇号前已固定",
} as const;

export const ceremonyMsg = {
  committed: "已承诺（名单和参数已固定）：",
  publishNotice: (file: string) => `请在摇号前打印并公布摇号前公告：${file}`,
  alreadyCommitted: (dir: string) =>
    `目录 ${dir} 中已有承诺，不能再次承诺；新一轮编班请用新目录，补录请用 --supplement-to`,
  notCommitted: (dir: string) => `目录 ${dir} 中没有承诺（先运行 luoshi placement commit）`,
  alreadyDrawn: (dir: string) => `目录 ${dir} 中已有摇号记录，号码只能录入一次`,
  notDrawn: (dir: string) => `目录 ${dir} 中还没有摇号记录（先运行 luoshi placement draw）`,
  alreadyRun: (dir: string) => `目录 ${dir} 中已有编班结果；补录学生请新建补录承诺（--supplement-to）`,
  drawn: (draw: string, at: string, hash: string) => `已录入摇号号码「${draw}」，时间 ${at}，摇号记录哈希 ${hash}`,
  classesRequired: "请用 --classes 给出班级数（补录时用 --supplement-to）",
  supplementTeachers: "补录不抽签班主任，请不要给出 --teachers",
  baseNotVerified: (dir: string, reasons: string[]) =>
    `首次编班目录 ${dir} 未通过验证，不能在其上补录：${reasons.join("；")}`,
  singleStepRetired:
    "单步编班已停用：请依次运行 luoshi placement commit（承诺）、draw（摇号）、run --dir <承诺目录>（编班）",
  verifyNeeds: (missing: string[]) =>
    `复核需要 --dir，或同时给出 ${missing.map((m) => `--${m.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join("、")}`,
  verifyOk: (hash: string) => `验证通过（编班结果哈希 ${hash}）：`,
  verifyFailed: "验证不通过：",
  compareWithNotice: "未给出 --expect-commitment：请将上面的承诺哈希与摇号前公告上印的核对",
  hashes: "哈希与随机种子：",
  balance: "均衡情况：",
  written: (files: string[]) => `已写入：${files.join("、")}`,
} as const;
