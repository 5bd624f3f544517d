/** Every piece of user-facing CLI text, in one place. Help texts are Chinese with English beside. */
export const help = {
  program:
    "落实（Luoshi）命令行：解析计划文档、导出任务台账\nLuoshi command line: parse plan documents, export task ledgers",
  helpOption: "显示帮助 / display help",
  helpCommand: "显示命令帮助 / display help for a command",
  version: "显示版本号 / output the version number",
  parse:
    "解析计划文档（.docx .doc .wps .rtf .odt .pdf .html .txt，表格 .xlsx .xls .et .ods），输出 JSON、xlsx、docx 或 Markdown\nParse a plan document into JSON (default), xlsx, docx or Markdown",
  parseFile: "计划文档路径 / path of the plan document",
  format: "输出格式 / output format",
  year: "计划年度（1990–2100），覆盖标题中的年份 / plan year, overrides the title's",
  out: "输出文件；缺省写到标准输出 / output file (default: stdout)",
  eval: "按标准答案评测解析结果（与 score.mjs 相同的指标）\nScore the parser on a folder of documents against gold JSON files",
  evalDocs: "文档目录 / folder of documents",
  evalGold: "标准答案目录（<同名>.json）/ folder of gold files named <document base name>.json",
  json: "以 JSON 输出评测结果 / print the results as JSON",
} as const;

export const msg = {
  errorLine: (text: string) => `错误：${text}`,
  parseError: (messageZh: string, code: string) => `错误：${messageZh}（${code}）`,
  usageHint: (command: string) => `运行 ${command} --help 查看用法。`,
  fileNotFound: (path: string) => `找不到文件：${path}`,
  notAFile: (path: string) => `不是文件：${path}`,
  dirNotFound: (path: string) => `找不到目录：${path}`,
  cannotRead: (path: string, reason: string) => `无法读取文件：${path}（${reason}）`,
  cannotWrite: (path: string, reason: string) => `无法写入文件：${path}（${reason}）`,
  badYear: "年份须为 1990 至 2100 之间的整数",
  binaryToTerminal: (format: string) =>
    `不向终端输出二进制的 ${format} 内容：请用 -o 指定输出文件，或用管道重定向（如 > 台账.${format}）。`,
  parsing: (file: string) => `正在解析 ${file} …`,
  parsed: (plans: number, tasks: number) => `解析完成：${plans} 个计划，${tasks} 项任务。`,
  written: (path: string) => `已写入 ${path}`,
  noDocuments: (dir: string) =>
    `目录中没有可评测的文档（.txt .html .htm .docx .doc .wps .rtf .odt .pdf .xlsx .xls .et .ods）：${dir}`,
  unexpected: (detail: string) => `内部错误：${detail}`,
} as const;

/** Chinese wording for commander's usage errors; q are the quoted names in its English message. */
export const usageErrors: Record<string, (q: string[], choices?: string, why?: string) => string> = {
  "commander.unknownOption": (q) => `未知选项：${q[0]}`,
  "commander.unknownCommand": (q) => `未知命令：${q[0]}`,
  "commander.missingArgument": (q) => `缺少参数：${q[0]}`,
  "commander.optionMissingArgument": (q) => `选项 ${q[0]} 缺少取值`,
  "commander.missingMandatoryOptionValue": (q) => `缺少必填选项：${q[0]}`,
  "commander.invalidArgument": (q, choices, why) =>
    `选项 ${q[0]} 的取值“${q[1]}”无效${choices ? `，可选值：${choices}` : why ? `：${why}` : ""}`,
  "commander.excessArguments": () => "参数过多",
  "commander.conflictingOption": (q) => `选项冲突：${q.join("、")}`,
};
export const usageErrorFallback = (message: string) => `用法错误：${message}`;

export const evalText = {
  columns: ["文档", "计划F1", "任务F1", "路径", "单位全对", "单位F1", "时限F1", "指标F1", "指标op"],
  overall: (n: number) => `总体（${n} 篇，微平均）`,
  skipped: "跳过（无标准答案）：",
  failed: "无法读取（按空结果计分）：",
  goldUnreadable: (file: string) => `${file}（标准答案无法读取）`,
  progress: "评测 {bar} {value}/{total} {file}",
} as const;
