import { beijingTime } from "./ceremony-messages.js";
import { LABELS } from "./messages.js";
import type { PlacementResult } from "./placement.js";

/** Figures as published: two decimals. */
const fixed = (n: number) => n.toFixed(2);

export interface TextTable {
  header: string[];
  rows: string[][];
}

/** Per-class statistics as one table, shared by the summary sheet and the public notice. */
export function statisticsTable(result: PlacementResult): TextTable {
  const first = result.statistics[0];
  const scoreNames = first?.scores.map((s) => s.name) ?? [];
  const tagNames = first?.tags.map((t) => t.name) ?? [];
  const withTeachers = result.classes.some((c) => c.headTeacher);
  const header = [
    "班级",
    ...(withTeachers ? [LABELS.headTeacher] : []),
    LABELS.size,
    LABELS.male,
    LABELS.female,
    ...scoreNames.flatMap((n) => [`${n}${LABELS.mean}`, `${n}${LABELS.sd}`]),
    ...tagNames,
  ];
  const rows = result.statistics.map((s) => {
    const placed = result.classes[s.classNo - 1];
    return [
      LABELS.className(s.classNo),
      ...(withTeachers ? [placed?.headTeacher?.name ?? ""] : []),
      String(s.size),
      String(s.male),
      String(s.female),
      ...s.scores.flatMap((x) => [fixed(x.mean), fixed(x.sd)]),
      ...s.tags.map((t) => String(t.count)),
    ];
  });
  return { header, rows };
}

/** The balance report in Chinese sentences, for the CLI and the notice. */
export function balanceLines(result: PlacementResult): string[] {
  const b = result.balance;
  const c = b.constraints;
  const ok = (flag: boolean) => (flag ? LABELS.constraintsOk : LABELS.constraintsBroken);
  return [
    ...b.scores.map(
      (s) =>
        `${s.name}：${LABELS.maxMeanDiff} ${fixed(s.maxMeanDiff)} 分（占全体分数极差 ${fixed(s.range)} 分的 ${s.maxMeanDiffPercent.toFixed(3)}%），${LABELS.maxSdDiff} ${fixed(s.maxSdDiff)} 分`,
    ),
    `各班人数最大差 ${b.maxSizeDiff} 人；${LABELS.maxGenderDiff} ${b.maxGenderDiff} 人`,
    ...b.tags.map((t) => `${t.name}：${LABELS.maxTagDiff} ${t.maxDiff} 人`),
    `约束检查：每名学生编入且仅编入一个班 ${ok(c.allPlacedOnce)}；各班不超班额 ${ok(c.capacitiesRespected)}；同班组同班 ${ok(c.groupsTogether)}；“分开”要求 ${ok(c.apartRespected)}`,
  ];
}

/** Hashes and seed inputs, one "label：value" line each. */
export function hashLines(result: PlacementResult, resultHash: string): string[] {
  const i = result.inputs;
  const committed = i.commitmentHash
    ? [
        `承诺哈希（SHA-256）：${i.commitmentHash}`,
        `承诺时间：${beijingTime(i.committedAt!)}`,
        `摇号记录哈希（SHA-256）：${i.drawHash}`,
        `摇号时间：${beijingTime(i.drawnAt!)}`,
      ]
    : [];
  return [
    `学生名单哈希（SHA-256）：${i.rosterHash}`,
    `编班参数哈希（SHA-256）：${i.paramsHash}`,
    ...committed,
    `现场公开摇号数字：${i.draw}`,
    `随机种子（SHA-256）：${i.seed}`,
    `编班结果哈希（SHA-256）：${resultHash}`,
  ];
}
