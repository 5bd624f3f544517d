/** Chinese text of the three-step lottery (承诺 → 摇号 → 编班); codes are stable for programs. */

export type CeremonyErrorCode =
  | "COMMITMENT_UNREADABLE"
  | "DRAW_UNREADABLE"
  | "DRAW_EMPTY"
  | "WITNESS_MISSING"
  | "DRAW_BEFORE_COMMITMENT"
  | "CEREMONY_MISMATCH"
  | "SUPPLEMENT_ALREADY_PLACED"
  | "SUPPLEMENT_NO_SEATS"
  | "SUPPLEMENT_BASE_INVALID";

export const CEREMONY_ERRORS = {
  COMMITMENT_UNREADABLE: "承诺文件（commitment.json）无法读取或格式不对",
  DRAW_UNREADABLE: "摇号记录（draw.json）无法读取或格式不对",
  DRAW_EMPTY: "现场公开摇号数字为空",
  WITNESS_MISSING: "请至少登记一名见证人（姓名和身份）",
  DRAW_BEFORE_COMMITMENT: "摇号时间不晚于承诺时间：摇号必须在名单和参数承诺公布之后进行",
  CEREMONY_MISMATCH: (reasons: string[]) => `输入与承诺不一致，不能编班：${reasons.join("；")}`,
  SUPPLEMENT_ALREADY_PLACED: (ids: string[]) =>
    `补录名单中的学生已在首次编班中编排（${ids.slice(0, 5).join("、")}${ids.length > 5 ? ` 等 ${ids.length} 人` : ""}），补录只编排新增学生`,
  SUPPLEMENT_NO_SEATS: (seats: number, students: number) =>
    `首次编班后各班剩余学位共 ${seats} 个，少于补录学生 ${students} 人`,
  SUPPLEMENT_BASE_INVALID: "补录所依据的首次编班结果无法读取，或不是经承诺的编班结果",
} as const;

/** One line per check of `verifyCommitted`, for people. */
export const CHECK_TEXT = {
  commitmentRead: (hash: string) => `承诺文件可读，承诺哈希 ${hash}`,
  commitmentExpected: (expected: string, actual: string) =>
    actual === expected
      ? `承诺哈希与公告一致（${actual}）`
      : `承诺哈希与公告不一致（公告 ${expected}，文件 ${actual}），承诺文件可能被替换`,
  roster: (committed: string, actual: string) =>
    committed === actual
      ? `学生名单与承诺一致（名单哈希 ${actual}）`
      : `学生名单与承诺不一致（承诺 ${committed}，本次 ${actual}），名单在承诺后被改动`,
  params: (committed: string, actual: string) =>
    committed === actual
      ? `编班参数与承诺一致（参数哈希 ${actual}）`
      : `编班参数（班级数、班额、教师名单）与承诺不一致（承诺 ${committed}，本次 ${actual}）`,
  drawLinked: (ok: boolean) =>
    ok ? "摇号记录指向本次承诺" : "摇号记录指向另一份承诺（摇号记录中的承诺哈希与本次承诺不符）",
  drawIncomplete: "摇号记录缺少摇号数字或见证人",
  order: (committedAt: string, drawnAt: string, ok: boolean) =>
    ok
      ? `摇号（${drawnAt}）在承诺（${committedAt}）之后`
      : `摇号时间（${drawnAt}）不晚于承诺时间（${committedAt}），摇号号码可能在名单固定前已知`,
  resultLinked: (ok: boolean) =>
    ok
      ? "编班结果指向本次承诺和摇号记录"
      : "编班结果指向另一份承诺或摇号记录（结果中的承诺哈希、摇号记录哈希或摇号号码不符）",
  resultOk: (hash: string) => `编班结果可由承诺的名单、参数和摇号数字完全重算（结果哈希 ${hash}）`,
  resultUnreadable: "编班结果文件无法读取或不是经承诺的编班结果（旧版单步编班结果请用旧版验证）",
  supplementBase: (ok: boolean) =>
    ok ? "补录所依据的首次编班结果与承诺中记载的哈希和各班人数一致" : "补录所依据的首次编班结果与承诺中记载的不一致",
  supplementBaseMissing: "本次为补录：未提供首次编班结果，未核对首次结果（可另行提供后核对）",
} as const;

/** Beijing time as the notices print it: 2025年8月20日 09:30:05. */
export function beijingTime(iso: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}年${part("month")}月${part("day")}日 ${part("hour")}:${part("minute")}:${part("second")}`;
}
