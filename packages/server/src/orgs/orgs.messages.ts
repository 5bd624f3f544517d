import { registerErrors } from "../errors.js";

/** User-facing text of organisation management, keyed by stable codes. */
export const ORG_MESSAGES = {
  ORG_HAS_MEMBERS: "该单位下还有下级单位或在用账号，请先调整后再停用",
  ORG_IS_OWN: "不能停用或移动自己所在的单位",
  ORG_PARENT_INVALID: "上级单位无效：须在本县（区）内，且不能是该单位自己或其下级",
  ORG_KIND_FIXED: "教育局等区域单位不能移动",
  ALIAS_NOT_FOUND: "单位别名不存在",
} as const;

export type OrgCode = keyof typeof ORG_MESSAGES;

/** Errors of this module, registered with the shared AppError. */
export const orgError = registerErrors("orgs", ORG_MESSAGES);
