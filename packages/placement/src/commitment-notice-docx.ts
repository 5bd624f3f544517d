import { beijingTime } from "./ceremony-messages.js";
import type { Commitment, Sealed } from "./ceremony-model.js";
import {
  blank,
  body,
  flushLeft,
  heading,
  noticeDate,
  noticeDocument,
  rightAligned,
  title,
} from "./public-notice-docx.js";

export interface CommitmentNoticeOptions {
  /** 成文日期; the commitment's day in Beijing when absent. */
  date?: string;
  /** The command a witness runs after the draw, quoted in the notice. */
  verifyCommand?: string;
}

/** The hashes and time of a commitment, one "label：value" line each (notice, CLI, web). */
export function commitmentLines(commitment: Sealed<Commitment>): string[] {
  const c = commitment.record;
  return [
    `承诺哈希（SHA-256）：${commitment.hash}`,
    `学生名单哈希（SHA-256）：${c.rosterHash}`,
    `编班参数哈希（SHA-256）：${c.paramsHash}`,
    `承诺时间（北京时间）：${beijingTime(c.committedAt)}`,
  ];
}

/**
 * 摇号前公告 — the printable commitment notice (A4, GB/T 9704 layout as the result notice): what is
 * frozen, its hashes and time, how the draw will be made, and how anyone checks the result afterwards.
 */
export async function commitmentNoticeDocx(
  commitment: Sealed<Commitment>,
  options: CommitmentNoticeOptions = {},
): Promise<Buffer> {
  const c = commitment.record;
  const capacities = [...new Set(c.capacities)].join("、");
  const of = c.supplementOf;
  const children = [
    title(`${c.name}摇号前公告`),
    blank(),
    flushLeft("各位家长、同学："),
    body(
      "为保证均衡编班公开、公平、可复核，学校在公开摇号之前固定学生名单和编班参数，并公布它们的哈希值（数字指纹）。本公告发布后名单和参数不再改动；摇号后只用下列名单、参数和公开摇出的号码编班。名单或参数的任何改动都会使哈希值不符，编班结果将无法通过验证。",
    ),
    heading("一、承诺内容"),
    body(
      `本次共 ${c.studentCount} 名学生编入 ${c.classCount} 个班，班额 ${capacities} 人${c.teacherTeams > 0 ? `，${c.teacherTeams} 个班主任（教师团队）随后抽签到班` : ""}；编班方法 ${c.algorithm}，随机起点 ${c.restarts} 个。`,
    ),
    ...(of
      ? [
          body(
            `本次为补录：只编排首次编班后新增的学生，编入各班剩余学位，不改变首次编班结果。首次编班承诺哈希 ${of.baseCommitmentHash}，首次编班结果哈希 ${of.baseResultHash}。`,
          ),
        ]
      : []),
    ...commitmentLines(commitment).map(body),
    heading("二、摇号安排"),
    body(c.drawPlan === "" ? "摇号时间、地点和方式另行通知。摇号号码须在本公告发布之后产生。" : c.drawPlan),
    body("摇号当天在见证人监督下录入摇出的号码，录入时间和见证人姓名一并记录并公布；号码只录入一次。"),
    heading("三、如何验证"),
    body("1. 保存本公告（或拍照），记下承诺哈希。"),
    body(
      "2. 编班结束后，学校公布承诺文件（commitment.json）、摇号记录（draw.json）和编班结果（result.json）；学生名单向有权查阅的见证人提供。",
    ),
    body(
      "3. 用平台的“验证”功能或下列命令重算。验证逐项检查：承诺哈希与本公告一致；名单和参数与承诺一致；摇号记录指向本承诺且录入时间晚于承诺时间；编班结果与重新计算的结果完全相同。",
    ),
    ...(options.verifyCommand ? [body(`复核命令：${options.verifyCommand}`)] : []),
    blank(),
    rightAligned(c.organization, 4),
    rightAligned(options.date ?? noticeDate(new Date(c.committedAt)), 4),
  ];
  return noticeDocument(children);
}
