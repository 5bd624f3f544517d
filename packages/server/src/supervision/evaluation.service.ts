import { recordAudit } from "../audit/audit.repository.js";
import type { Actor } from "../auth/actor.js";
import type { Database } from "../db/database.js";
import { json } from "../ids.js";
import { todayInShanghai } from "../progress/periods.js";
import type { Clock } from "../status/status.service.js";
import * as figures from "./figures.repository.js";
import { chineseDate, supervisionError } from "./messages.js";
import { sdb, shared } from "./schema.js";
import { DEFAULT_WEIGHTS, type EvaluationWeights, evaluateUnits, percent } from "./unit-ranking.js";
import { tablesToXlsx } from "./xlsx-table.js";

async function weightsOf(database: Database, regionId: string, year: number): Promise<EvaluationWeights> {
  const row = await sdb(database)
    .selectFrom("evaluation_weights")
    .select("weights")
    .where("region_id", "=", regionId)
    .where("year", "=", year)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return { ...DEFAULT_WEIGHTS, ...(row?.weights ?? {}) };
}

/** Year-end evaluation (考核) of the actor's region: a score, a rank and the breakdown per unit. */
export async function evaluation(database: Database, actor: Actor, year: number, now: Clock) {
  const db = sdb(database);
  const regionId = actor.regionId;
  const today = todayInShanghai(now());
  const end = [`${year}-12-31`, today].sort()[0] ?? today;
  const day = (await figures.asOfDay(db, regionId, end)) ?? end;
  const weights = await weightsOf(database, regionId, year);
  const units = evaluateUnits(await figures.unitFigures(db, regionId, `${year}-01-01`, end, day), weights);
  return { year, asOf: day, weights, units, issuer: await figures.regionName(db, regionId) };
}

export async function setWeights(database: Database, actor: Actor, year: number, weights: EvaluationWeights) {
  if (weights.completion + weights.timeliness + weights.attainment <= 0) throw supervisionError("WEIGHTS_INVALID", 400);
  return sdb(database)
    .transaction()
    .execute(async (trx) => {
      const before = await weightsOf(shared(trx), actor.regionId, year);
      await trx
        .insertInto("evaluation_weights")
        .values({ region_id: actor.regionId, year, weights: json(weights), updated_by: actor.userId })
        .onConflict((oc) =>
          oc
            .columns(["region_id", "year"])
            .doUpdateSet({ weights: json(weights), updated_by: actor.userId, deleted_at: null }),
        )
        .execute();
      await recordAudit(shared(trx), {
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

export async function evaluationXlsx(database: Database, actor: Actor, year: number, now: Clock) {
  const e = await evaluation(database, actor, year, now);
  const w = e.weights;
  return tablesToXlsx([
    {
      name: `${year}年度考核`,
      title: `${e.issuer}${year}年度工作任务落实考核结果（截至${chineseDate(e.asOf)}）`,
      header: [
        "名次",
        "单位",
        "总分",
        `完成率得分（权重${w.completion}）`,
        `及时性得分（权重${w.timeliness}）`,
        `指标达成得分（权重${w.attainment}）`,
        `督办扣分（每件${w.noticePenalty}分）`,
        "完成率",
        "按时填报率",
        "指标达成率",
        "收到督办单",
      ],
      rows: e.units.map((u) => [
        u.rank,
        u.orgName,
        u.score,
        u.breakdown.completion,
        u.breakdown.timeliness,
        u.breakdown.attainment,
        u.breakdown.noticePenalty,
        percent(u.completion),
        percent(u.timeliness),
        percent(u.attainment),
        u.notices,
      ]),
      widths: [8, 26, 10, 16, 16, 16, 16, 10, 12, 12, 12],
    },
  ]);
}
