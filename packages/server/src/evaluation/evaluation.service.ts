import { type SheetSpec, tablesToXlsx } from "@luoshi/ledger-export";
import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import { statesAsOf } from "../bulletins/as-of.js";
import { recordsAsOf } from "../bulletins/records.js";
import { regionName } from "../bulletins/records.repository.js";
import { percent, unitFacts } from "../bulletins/unit-figures.js";
import type { Database } from "../db/database.js";
import { json } from "../ids.js";
import { todayInShanghai } from "../progress/periods.js";
import type { Clock } from "../status/status.service.js";
import { chineseDate, supervisionError } from "../supervision/messages.js";
import { saveWeights, storedWeights } from "./evaluation.repository.js";
import { DEFAULT_WEIGHTS, type EvaluationWeights, evaluateUnits, FORMULA, type UnitScore } from "./scoring.js";

async function weightsOf(database: Database, regionId: string, year: number): Promise<EvaluationWeights> {
  return { ...DEFAULT_WEIGHTS, ...((await storedWeights(database, regionId, year)) ?? {}) };
}

/**
 * Year-end evaluation (考核) of the actor's region as of the year's end (or today): each unit's raw
 * facts, computed from the records by the status engine's rules like the bulletins, its score with
 * the breakdown, and its rank among units of its kind (departments and schools apart).
 */
export async function evaluation(database: Database, actor: Actor, year: number, now: Clock) {
  const db = database;
  const regionId = actor.regionId;
  const today = todayInShanghai(now());
  const yearEnd = `${year}-12-31`;
  const asOf = [yearEnd, today].sort()[0] ?? yearEnd;
  const weights = await weightsOf(database, regionId, year);
  const base = { year, asOf, weights, formula: FORMULA, issuer: await regionName(db, regionId) };
  if (`${year}-01-01` > today) return { ...base, groups: [] };
  const records = await recordsAsOf(db, { regionId, year, asOf, from: `${year}-01-01` });
  const { assignments, indicators } = statesAsOf(records);
  return { ...base, groups: evaluateUnits(unitFacts(assignments, indicators, records.notices), weights) };
}

export async function setWeights(database: Database, actor: Actor, year: number, weights: EvaluationWeights) {
  if (weights.completion + weights.timeliness + weights.attainment <= 0) throw supervisionError("WEIGHTS_INVALID", 400);
  return database.transaction().execute(async (trx) => {
    const before = await weightsOf(trx, actor.regionId, year);
    await saveWeights(trx, { regionId: actor.regionId, year, weights: json(weights), userId: actor.userId });
    await recordAudit(trx, {
      regionId: actor.regionId,
      actorId: actor.userId,
      entity: "evaluation_weights",
      entityId: String(year),
      action: "update",
      before,
      after: weights,
    });
    return weights;
  });
}

const SCORE_HEADER = [
  "名次",
  "单位",
  "总分",
  "完成率得分",
  "及时性得分",
  "指标达成得分",
  "督办扣分",
  "任务数",
  "已完成",
  "完成率",
  "应报次数",
  "按时报送",
  "逾期报送",
  "未报送",
  "按时填报率",
  "指标数",
  "已达标",
  "指标达成率",
  "收到督办单",
  "实际权重（完成/及时/指标）",
];

const scoreRow = (u: UnitScore) => [
  u.rank,
  u.orgName,
  u.score,
  u.breakdown.completion,
  u.breakdown.timeliness,
  u.breakdown.attainment,
  u.breakdown.noticePenalty,
  u.total,
  u.done,
  percent(u.completion),
  u.expectedReports,
  u.onTime,
  u.late,
  u.missing,
  percent(u.timeliness),
  u.indicators,
  u.indicatorsDone,
  percent(u.attainment),
  u.notices,
  `${u.appliedWeights.completion}/${u.appliedWeights.timeliness}/${u.appliedWeights.attainment}`,
];

/** One sheet per ranking (股室, 学校), each unit's raw facts beside its score, and a sheet with the formula. */
export async function evaluationXlsx(database: Database, actor: Actor, year: number, now: Clock) {
  const e = await evaluation(database, actor, year, now);
  const w = e.weights;
  const sheets: SheetSpec[] = e.groups.map((g) => ({
    name: `${g.label}考核`,
    title: `${e.issuer}${year}年度工作任务落实考核结果（${g.label}，截至${chineseDate(e.asOf)}）`,
    header: SCORE_HEADER,
    rows: g.units.map(scoreRow),
    widths: [6, 24, 8, 10, 10, 10, 9, 7, 7, 9, 8, 8, 8, 7, 10, 7, 7, 10, 9, 14],
  }));
  sheets.push({
    name: "计分说明",
    title: `${year}年度考核计分说明`,
    header: ["项目", "内容"],
    rows: [
      ["计分公式", e.formula],
      ["完成率权重", w.completion],
      ["及时性权重", w.timeliness],
      ["指标达成权重", w.attainment],
      ["督办单每件扣分", w.noticePenalty],
      ["数据截至", chineseDate(e.asOf)],
    ],
    widths: [18, 100],
  });
  return tablesToXlsx(sheets);
}
