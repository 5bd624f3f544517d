/** Only unreadable input is an error; irregular documents give diagnostics instead. */
export type PlanErrorCode =
  | "EMPTY_DOCUMENT"
  | "UNSUPPORTED_FORMAT"
  | "NOT_A_DOCUMENT"
  | "CORRUPT_DOCUMENT"
  | "ENCRYPTED_DOCUMENT"
  | "NO_TEXT_LAYER";

const MESSAGES: Record<PlanErrorCode, string> = {
  EMPTY_DOCUMENT: "文件为空，没有可识别的内容",
  UNSUPPORTED_FORMAT: "不支持的文件格式，请上传 .docx、.pdf、.html、.txt 或 .xlsx 文件",
  NOT_A_DOCUMENT: "文件内容不是可识别的文档",
  CORRUPT_DOCUMENT: "文件已损坏，无法读取",
  ENCRYPTED_DOCUMENT: "文件已加密，请先取消密码保护后再上传",
  NO_TEXT_LAYER: "PDF 没有文字层（可能是扫描件），无法提取文字",
};

export class PlanParseError extends Error {
  readonly code: PlanErrorCode;
  /** Chinese message for people. */
  readonly messageZh: string;

  constructor(code: PlanErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${code}: ${detail}` : code, options);
    this.name = "PlanParseError";
    this.code = code;
    this.messageZh = MESSAGES[code];
  }
}

export function isPlanParseError(e: unknown): e is PlanParseError {
  return e instanceof PlanParseError;
}
