import { assertSameLength } from "../errors";
import { groupCount } from "../groupIndex";
import { needRank } from "../needRank";
import { countFinite } from "../rank";
import { extentWeight } from "./extentWeight";
import { iodRank } from "./iodRank";
import { localConcentration } from "./localConcentration";
import { SUMMARY_PROBLEMS, type SummaryProblem } from "./problems";

/** The summary measures, each larger = more need (so `ranks` rank every one of them the same way). */
export const SUMMARY_MEASURES = ["score", "rank", "extent", "concentration", "top10", "top20"] as const;
export type SummaryMeasure = (typeof SUMMARY_MEASURES)[number];

export function isSummaryMeasure(x: unknown): x is SummaryMeasure {
  return typeof x === "string" && (SUMMARY_MEASURES as readonly string[]).includes(x);
}

export interface AreaSummary {
  /** Scored areas counted, per group (areas left out are listed in `problems`). */
  areas: Float64Array;
  population: Float64Array;
  /** Average score: Σ pop · score / Σ pop. */
  score: Float64Array;
  /** Average rank: Σ pop · (N + 1 − needRank) / Σ pop (most deprived area = N; larger = more need). */
  rank: Float64Array;
  /** Extent: Σ pop · extentWeight(ceil(100 · needRank / N)) / Σ pop. */
  extent: Float64Array;
  /** Local concentration: mean rank (most deprived = N) of the group's neediest areas holding 10% of its people. */
  concentration: Float64Array;
  /** Share of the group's areas in the most deprived 10% nationally: ceil(10 · needRank / N) = 1. */
  top10: Float64Array;
  /** Share of the group's areas in the most deprived 20% nationally (the HLN paper's 'hotspots'). */
  top20: Float64Array;
  /** Rank of each group on each measure: 1 = most need, ties share the best rank (File 10's convention). */
  ranks: Record<SummaryMeasure, Float64Array>;
  /** Areas and groups left out, each with a message naming the row or group. */
  problems: SummaryProblem[];
  /** N: areas with a score (the national ranking base). */
  n: number;
}

/**
 * Summaries of area scores for any grouping (district, UTLA, region, MSOA, ward, a user column),
 * as the English Indices of Deprivation publish them for districts (IoD 2025 File 10; definitions in
 * the IoD 2019 Technical report (MHCLG), the LA summary measures; docs/method.md).
 *
 * `groups` are dense codes 0..G−1 (groupIndex), −1 = no group. National need ranks (1 = most need)
 * are over all N areas with a score, whatever their group. Without `population` every area counts
 * as one person. An area is left out of its group — and reported in `problems` — when it has no
 * score, no group, or a missing or negative population; a group with no scored areas with people
 * gets NaN population-weighted measures (the area shares top10/top20 stay defined when it
 * has areas) and a ZERO_POPULATION problem. Never a silent 0. O(N + G) after two radix sorts.
 */
export function areaSummary(
  scores: ArrayLike<number>,
  groups: ArrayLike<number>,
  population?: ArrayLike<number>,
  /** The scores' need ranks, when the caller has them already (= needRank(scores)). */
  precomputedRanks?: Float64Array,
): AreaSummary {
  assertSameLength(population ? [scores, groups, population] : [scores, groups], ["scores", "groups", "population"]);
  const len = scores.length;
  const g = groupCount(groups);
  const need = precomputedRanks ?? needRank(scores);
  const n = countFinite(need);
  const problems: SummaryProblem[] = [];
  const pop = new Float64Array(len);
  const include = new Uint8Array(len);
  const iod = new Float64Array(len);
  const acc = { areas: new Float64Array(g), population: new Float64Array(g) };
  const sums: Record<SummaryMeasure, Float64Array> = {
    score: new Float64Array(g),
    rank: new Float64Array(g),
    extent: new Float64Array(g),
    concentration: new Float64Array(g),
    top10: new Float64Array(g),
    top20: new Float64Array(g),
  };
  for (let i = 0; i < len; i++) {
    const r = need[i];
    const gi = groups[i];
    const p = population ? population[i] : 1;
    if (!Number.isFinite(r)) {
      problems.push({ code: "NO_SCORE", row: i, message: `row ${i + 1}: ${SUMMARY_PROBLEMS.NO_SCORE}; left out` });
      continue;
    }
    if (!(gi >= 0)) {
      problems.push({ code: "NO_GROUP", row: i, message: `row ${i + 1}: ${SUMMARY_PROBLEMS.NO_GROUP}; left out` });
      continue;
    }
    if (!Number.isFinite(p) || p < 0) {
      const code = p < 0 ? "NEGATIVE_POPULATION" : "MISSING_POPULATION";
      problems.push({ code, row: i, message: `row ${i + 1}: ${SUMMARY_PROBLEMS[code]} (${p}); left out` });
      continue;
    }
    include[i] = 1;
    pop[i] = p;
    iod[i] = iodRank(r, n);
    acc.areas[gi] += 1;
    acc.population[gi] += p;
    sums.score[gi] += p * scores[i];
    sums.rank[gi] += p * iod[i];
    sums.extent[gi] += p * extentWeight(Math.ceil((100 * r) / n));
    if (Math.ceil((10 * r) / n) === 1) sums.top10[gi] += 1;
    if (Math.ceil((5 * r) / n) === 1) sums.top20[gi] += 1;
  }
  const concentration = localConcentration(need, iod, groups, pop, include, acc.population);
  for (let j = 0; j < g; j++) {
    const P = acc.population[j];
    const k = acc.areas[j];
    if (!(P > 0)) {
      problems.push({
        code: "ZERO_POPULATION",
        group: j,
        message: `group ${j + 1}: ${SUMMARY_PROBLEMS.ZERO_POPULATION}`,
      });
    }
    sums.score[j] = P > 0 ? sums.score[j] / P : NaN;
    sums.rank[j] = P > 0 ? sums.rank[j] / P : NaN;
    sums.extent[j] = P > 0 ? sums.extent[j] / P : NaN;
    sums.top10[j] = k > 0 ? sums.top10[j] / k : NaN;
    sums.top20[j] = k > 0 ? sums.top20[j] / k : NaN;
  }
  sums.concentration = concentration;
  const ranks = {} as Record<SummaryMeasure, Float64Array>;
  for (const m of SUMMARY_MEASURES) ranks[m] = needRank(sums[m]);
  return { ...acc, ...sums, ranks, problems, n };
}
