/** Chinese text of the three-step lottery endpoints (承诺 → 摇号 → 编班), keyed by stable code. */
export const CEREMONY_PROBLEMS = {
  PLACEMENT_SINGLE_STEP_RETIRED:
    "单步编班已停用：请先“承诺”固定名单和参数并打印摇号前公告，摇号后录入号码和见证人，再据此编班",
  PLACEMENT_COMMITMENT_NOT_FOUND: "承诺记录不存在",
  PLACEMENT_ALREADY_DRAWN: "本次承诺已录入摇号号码，号码只能录入一次",
  PLACEMENT_NOT_DRAWN: "尚未录入摇号号码，不能编班",
  PLACEMENT_ALREADY_RUN: "本次承诺已完成编班；补录学生请新建补录承诺",
  PLACEMENT_BASE_NOT_RUN: "补录所依据的编班尚未完成",
  PLACEMENT_BASE_HAS_SUPPLEMENT: "该轮编班已有补录承诺，请在最近一轮补录的基础上补录",
  PLACEMENT_SUPPLEMENT_TEACHERS: "补录不抽签班主任：各班已有教师团队，请不要上传教师名单",
} as const;

export type CeremonyProblemCode = keyof typeof CEREMONY_PROBLEMS;

export const CEREMONY_FILE_LABELS = {
  notice: "摇号前公告.docx",
  commitment: "承诺文件.json",
  draw: "摇号记录.json",
} as const;

export const CEREMONY_STATUS = {
  committed: "已承诺，待摇号",
  drawn: "已摇号，待编班",
  done: "已完成",
} as const;
