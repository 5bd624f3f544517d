import type { PlacementIssue } from "@luoshi/placement";

/** Every user-facing text of the placement endpoints, keyed by stable code where it is an error. */
export const PLACEMENT_ERRORS = {
  PLACEMENT_NOT_FOUND: "编班记录不存在",
  PLACEMENT_INPUT_INVALID: (count: number) => `学生名单或编班参数有 ${count} 处问题，请按行修改后重新上传`,
  PLACEMENT_FILE_REQUIRED: "请上传学生名单（CSV 或 XLSX）",
  PLACEMENT_FILE_TYPE: (field: string) => `${FIELD_NAMES[field] ?? field}的文件类型不支持，请上传 CSV 或 XLSX`,
  PLACEMENT_RESULT_TYPE: "编班结果文件应为 result.json",
  PLACEMENT_FILE_UNREADABLE: (field: string) => `${FIELD_NAMES[field] ?? field}无法读取，请确认文件未损坏`,
  PLACEMENT_NAME_REQUIRED: "请填写编班名称",
  PLACEMENT_SCHOOL_INVALID: "所选学校不存在或不在本单位管辖范围内",
  FILE_NAME_INVALID: "文件名不合法",
} as const;

export type PlacementErrorCode = keyof typeof PLACEMENT_ERRORS;

export const FIELD_NAMES: Record<string, string> = {
  roster: "学生名单",
  teachers: "教师名单",
  result: "编班结果",
};

export const VERIFY_TEXT = {
  ok: "验证通过",
  legacyOk: "验证通过（旧版/未承诺：此结果由单步编班产生，重算一致，但无法证明名单在摇号前已固定）",
  failed: "验证未通过",
} as const;

export const FILE_LABELS = {
  result: "编班结果.json",
  classes: "分班名单.xlsx",
  notice: "编班结果公示.docx",
} as const;

/** The issue as one Chinese line, with the spreadsheet row when there is one (as the CLI prints it). */
export const issueLine = (issue: PlacementIssue): string =>
  `${issue.row === undefined ? "" : `第 ${issue.row} 行：`}${issue.message}`;
