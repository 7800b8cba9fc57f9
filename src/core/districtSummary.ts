import { argsort } from "./argsort";
import { assertSameLength } from "./errors";
import { groupCount } from "./groupIndex";
import { needRank } from "./needRank";
import { countFinite } from "./rank";

export const DISTRICT_MEASURES = ["score", "rank", "extent", "concentration", "top10", "top20"] as const;
export type DistrictMeasure = (typeof DISTRICT_MEASURES)[number];

export function isDistrictMeasure(x: unknown): x is DistrictMeasure {
  return typeof x === "string" && (DISTRICT_MEASURES as readonly string[]).includes(x);
}

export interface DistrictSummary {
  /** Areas with a score, per district code. */
  areas: Float64Array;
  population: Float64Array;
  /** Population-weighted average score (higher = more need). */
  score: Float64Array;
  /** Population-weighted average need rank (1 = most need nationally; lower = more need). */
  rank: Float64Array;
  /** Share of the population in the nationally most-needy 30%, sliding weight 1 (top 10%) → 0 (30%). */
  extent: Float64Array;
  /** Population-weighted average rank of the district's most-needy areas holding 10% of its people. */
  concentration: Float64Array;
  /** Share of the district's areas in the most-needy 10% nationally (decile 1). */
  top10: Float64Array;
  /** Share of the district's areas in the most-needy 20% nationally (the paper's 'hotspots'). */
  top20: Float64Array;
}

/**
 * Local-authority summaries in the style of the English Indices of Deprivation, per district code
 * (index = code from groupIndex). Ranks are national need ranks (1 = most need) over all areas
 * with a score. Areas with a missing score are left out; a missing population counts as 0 people
 * (without `population` every area counts as one person).
 */
export function districtSummary(
  scores: ArrayLike<number>,
  groups: ArrayLike<number>,
  population?: ArrayLike<number>,
  /** The scores' need ranks, when the caller has them already (= needRank(scores)). */
  precomputedRanks?: Float64Array,
): DistrictSummary {
  assertSameLength(population ? [scores, groups, population] : [scores, groups], ["scores", "groups", "population"]);
  const len = scores.length;
  const g = groupCount(groups);
  const ranks = precomputedRanks ?? needRank(scores);
  const n = countFinite(ranks);
  const out: DistrictSummary = {
    areas: new Float64Array(g),
    population: new Float64Array(g),
    score: new Float64Array(g),
    rank: new Float64Array(g),
    extent: new Float64Array(g),
    concentration: new Float64Array(g),
    top10: new Float64Array(g),
    top20: new Float64Array(g),
  };
  const pop = new Float64Array(len);
  for (let i = 0; i < len; i++) {
    const p = population ? population[i] : 1;
    pop[i] = Number.isFinite(p) && p > 0 ? p : 0;
  }
  for (let i = 0; i < len; i++) {
    const gi = groups[i];
    const r = ranks[i];
    if (!(gi >= 0) || r !== r) continue;
    const p = pop[i];
    const share = r / n;
    out.areas[gi] += 1;
    out.population[gi] += p;
    out.score[gi] += p * scores[i];
    out.rank[gi] += p * r;
    out.extent[gi] += p * (share <= 0.1 ? 1 : share < 0.3 ? (0.3 - share) / 0.2 : 0);
    if (Math.ceil((10 * r) / n) === 1) out.top10[gi] += 1;
    if (Math.ceil((5 * r) / n) === 1) out.top20[gi] += 1;
  }
  // local concentration: walk all areas from most need down, filling each district to 10% of its people
  const taken = new Float64Array(g);
  const order = argsort(ranks);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const gi = groups[i];
    if (!(gi >= 0)) continue;
    const p = Math.min(pop[i], 0.1 * out.population[gi] - taken[gi]);
    if (p <= 0) continue;
    out.concentration[gi] += p * ranks[i];
    taken[gi] += p;
  }
  for (let j = 0; j < g; j++) {
    const P = out.population[j];
    const k = out.areas[j];
    out.score[j] = P > 0 ? out.score[j] / P : NaN;
    out.rank[j] = P > 0 ? out.rank[j] / P : NaN;
    out.extent[j] = P > 0 ? out.extent[j] / P : NaN;
    out.top10[j] = k > 0 ? out.top10[j] / k : NaN;
    out.top20[j] = k > 0 ? out.top20[j] / k : NaN;
    out.concentration[j] = P > 0 ? out.concentration[j] / taken[j] : NaN;
  }
  return out;
}
