/** Only unreadable input is an error; irregular documents give diagnostics instead. */
export type PlanErrorCode =
  | "EMPTY_DOCUMENT"
  | "UNSUPPORTED_FORMAT"
  | "NOT_A_DOCUMENT"
  | "CORRUPT_DOCUMENT"
  | "ENCRYPTED_DOCUMENT"
  | "NO_TEXT_LAYER"
  | "CONVERTER_MISSING"
  | "CONVERSION_FAILED"
  // Limits (readers/limits.ts); their messages name the limit, so they come with the error.
  | "DOCUMENT_TOO_LARGE"
  | "TOO_MANY_PAGES"
  | "TOO_MANY_SHEETS"
  | "TOO_MANY_ROWS"
  | "TOO_MANY_PARAGRAPHS"
  | "TOO_DEEPLY_NESTED"
  | "ZIP_BOMB"
  | "PARSE_TIMEOUT"
  | "PARSE_OUT_OF_MEMORY"
  | "PARSE_CRASHED";

const MESSAGES: Record<PlanErrorCode, string> = {
  EMPTY_DOCUMENT: "文件为空，没有可识别的内容",
  UNSUPPORTED_FORMAT:
    "不支持的文件格式，请上传 .docx、.doc、.wps、.rtf、.odt、.pdf、.html、.txt，或表格 .xlsx、.xls、.et、.ods 文件",
  NOT_A_DOCUMENT: "文件内容不是可识别的文档",
  CORRUPT_DOCUMENT: "文件已损坏，无法读取",
  ENCRYPTED_DOCUMENT: "文件已加密，请先取消密码保护后再上传",
  NO_TEXT_LAYER: "PDF 没有文字层（可能是扫描件），无法提取文字",
  CONVERTER_MISSING:
    "内置读取器无法读取该文件，且服务器未安装转换工具 LibreOffice（soffice）；请安装 LibreOffice，或在 Word/WPS 中另存为 .docx（表格另存为 .xlsx）后再上传",
  CONVERSION_FAILED:
    "LibreOffice（soffice）未能转换该文件，文件可能已损坏或加密；请在 Word/WPS 中另存为 .docx（表格另存为 .xlsx）后再上传",
  DOCUMENT_TOO_LARGE: "文件内容超过解析上限，请拆分后再上传",
  TOO_MANY_PAGES: "PDF 页数超过解析上限，请拆分后再上传",
  TOO_MANY_SHEETS: "工作表数量超过解析上限，请删去无关工作表后再上传",
  TOO_MANY_ROWS: "表格行数超过解析上限，请拆分后再上传",
  TOO_MANY_PARAGRAPHS: "文档段落数超过解析上限，请拆分后再上传",
  TOO_DEEPLY_NESTED: "网页嵌套层级过深，请另存为 Word 文档或纯文本后再上传",
  ZIP_BOMB: "文件解压后过大或压缩比异常，请用 Office 或 WPS 另存后再上传",
  PARSE_TIMEOUT: "解析文件超时，请拆分文件后再上传",
  PARSE_OUT_OF_MEMORY: "解析文件所需内存超过上限，请拆分文件后再上传",
  PARSE_CRASHED: "解析文件时出错，请稍后重试；如反复出现，请联系管理员",
};

export class PlanParseError extends Error {
  readonly code: PlanErrorCode;
  /** Chinese message for people. */
  readonly messageZh: string;

  constructor(code: PlanErrorCode, detail?: string, options?: { cause?: unknown; messageZh?: string }) {
    super(detail ? `${code}: ${detail}` : code, options);
    this.name = "PlanParseError";
    this.code = code;
    this.messageZh = options?.messageZh ?? MESSAGES[code];
  }
}

export function isPlanParseError(e: unknown): e is PlanParseError {
  return e instanceof PlanParseError;
}
