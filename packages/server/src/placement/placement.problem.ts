import { CEREMONY_ERRORS } from "@luoshi/placement";
import { registerErrors } from "../errors.js";
import { CEREMONY_PROBLEMS } from "./ceremony.messages.js";
import { PLACEMENT_ERRORS } from "./placement.messages.js";

/**
 * The placement module's error codes with their messages, registered with the shared AppError:
 * the endpoints', the three-step lottery's and the placement library's ceremony refusals.
 */
const PLACEMENT_MESSAGES = {
  PLACEMENT_NOT_FOUND: PLACEMENT_ERRORS.PLACEMENT_NOT_FOUND,
  PLACEMENT_INPUT_INVALID: "学生名单或编班参数有问题，请按行修改后重新上传",
  PLACEMENT_FILE_REQUIRED: PLACEMENT_ERRORS.PLACEMENT_FILE_REQUIRED,
  PLACEMENT_FILE_TYPE: "文件类型不支持，请上传 CSV 或 XLSX",
  PLACEMENT_FILE_UNREADABLE: "文件无法读取，请确认文件未损坏",
  PLACEMENT_NAME_REQUIRED: PLACEMENT_ERRORS.PLACEMENT_NAME_REQUIRED,
  PLACEMENT_SCHOOL_INVALID: PLACEMENT_ERRORS.PLACEMENT_SCHOOL_INVALID,
  FILE_NAME_INVALID: PLACEMENT_ERRORS.FILE_NAME_INVALID,
  ...CEREMONY_PROBLEMS,
  COMMITMENT_UNREADABLE: CEREMONY_ERRORS.COMMITMENT_UNREADABLE,
  DRAW_UNREADABLE: CEREMONY_ERRORS.DRAW_UNREADABLE,
  DRAW_EMPTY: CEREMONY_ERRORS.DRAW_EMPTY,
  WITNESS_MISSING: CEREMONY_ERRORS.WITNESS_MISSING,
  DRAW_BEFORE_COMMITMENT: CEREMONY_ERRORS.DRAW_BEFORE_COMMITMENT,
  CEREMONY_MISMATCH: "输入与承诺不一致，不能编班",
  SUPPLEMENT_ALREADY_PLACED: "补录名单中的学生已在首次编班中编排，补录只编排新增学生",
  SUPPLEMENT_NO_SEATS: "首次编班后各班剩余学位少于补录学生人数",
  SUPPLEMENT_BASE_INVALID: CEREMONY_ERRORS.SUPPLEMENT_BASE_INVALID,
} as const satisfies Record<string, string>;

export const placementError = registerErrors("placement", PLACEMENT_MESSAGES);

export const placementNotFound = () => placementError("PLACEMENT_NOT_FOUND", 404);
