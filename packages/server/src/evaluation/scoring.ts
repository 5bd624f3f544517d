import type { EvaluationWeights, OrgKind, RankGroup } from "@luoshi/contract";
import { type UnitFacts, type UnitRank, withRanks, withRates } from "../bulletins/unit-figures.js";
import { zhCompare } from "../zh-order.js";

/** The year-end evaluation (考核): scores from each unit's raw facts; plain data in, plain data out. */

export type { EvaluationWeights };

export const DEFAULT_WEIGHTS: EvaluationWeights = { completion: 40, timeliness: 30, attainment: 30, noticePenalty: 2 };

/** The formula as the page and the workbook print it. */
export const FORMULA =
  "总分 = 完成率 × 完成率权重 + 按时填报率 × 及时性权重 + 指标达成率 × 指标达成权重 − 收到督办单数 × 每件扣分。" +
  "完成率 = 已完成任务数 ÷ 任务数；按时填报率 = 按时报送次数 ÷ 应报次数（应报：报送期限已过的各期进度，" +
  "期限为下一周期第N日；逾期报送和未报送都不算按时）；指标达成率 = 已达标指标数 ÷ 指标数。" +
  "某项无从计算（尚无应报进度，或任务无指标）时，其权重按比例分摊到其余各项。股室、学校分别排名。";

type Component = "completion" | "timeliness" | "attainment";
const COMPONENTS: Component[] = ["completion", "timeliness", "attainment"];

export interface UnitScore extends Omit<UnitRank, "rank"> {
  score: number;
  rank: number;
  /** The weights applied to this unit after spreading those of components it has no data for. */
  appliedWeights: Record<Component, number>;
  breakdown: Record<Component | "noticePenalty", number>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function scoreUnit(facts: UnitFacts, w: EvaluationWeights): Omit<UnitScore, "rank"> {
  const u = withRates(facts);
  const all = w.completion + w.timeliness + w.attainment;
  const present = COMPONENTS.filter((c) => u[c] !== null);
  const available = present.reduce((s, c) => s + w[c], 0);
  const scale = available > 0 ? all / available : 0;
  const appliedWeights = { completion: 0, timeliness: 0, attainment: 0 };
  const breakdown = {
    completion: 0,
    timeliness: 0,
    attainment: 0,
    noticePenalty: round2(-w.noticePenalty * u.notices),
  };
  for (const c of present) {
    appliedWeights[c] = round2(w[c] * scale);
    breakdown[c] = round2(w[c] * scale * (u[c] ?? 0));
  }
  const score = round2(breakdown.completion + breakdown.timeliness + breakdown.attainment + breakdown.noticePenalty);
  return { ...u, score, appliedWeights, breakdown };
}

export const GROUP_LABELS: Record<RankGroup, string> = { department: "股室", school: "学校", other: "其他单位" };
export const rankGroupOf = (kind: OrgKind): RankGroup =>
  kind === "department" ? "department" : kind === "school" ? "school" : "other";

/** Departments and schools are ranked separately (units of other kinds apart from both). */
export function evaluateUnits(
  facts: readonly UnitFacts[],
  w: EvaluationWeights,
): { group: RankGroup; label: string; units: UnitScore[] }[] {
  return (Object.keys(GROUP_LABELS) as RankGroup[])
    .map((group) => {
      const scored = facts.filter((f) => rankGroupOf(f.orgKind) === group).map((f) => scoreUnit(f, w));
      scored.sort((a, b) => b.score - a.score || zhCompare(a.orgName, b.orgName));
      return { group, label: GROUP_LABELS[group], units: withRanks(scored, (s) => String(s.score)) };
    })
    .filter((g) => g.units.length > 0);
}
