import { HlnError } from "./errors";
import { quantileClass } from "./decile";

/** Per area and per group differences between two rankings of the same areas (issue 18 "Compare"). */
export interface RankComparison {
  /** Per area (row order; NaN where either ranking has no rank). */
  shift: Float64Array;
  baseDecile: Float64Array;
  decile: Float64Array;
  /** +1 entered, −1 left, 0 neither, NaN missing: the top 10% (decile 1) and the top 20% (hotspots). */
  top10: Float64Array;
  top20: Float64Array;
  /** Per group (indexed like the group labels). */
  groups: {
    baseTop10: Float64Array;
    top10: Float64Array;
    entered10: Float64Array;
    left10: Float64Array;
    meanShift: Float64Array;
    meanAbsShift: Float64Array;
  };
  /** Over all areas ranked in both. */
  meanAbsShift: number;
  decileChanged: number;
  entered10: number;
  left10: number;
  entered20: number;
  left20: number;
}

/**
 * Compares a ranking (need ranks, 1 = most need) with a baseline ranking of the same areas: per area
 * the rank shift (rank − baseline rank: negative = moved towards more need), both deciles
 * (⌈10 rank / N⌉, as decile()), entering or leaving the top 10% and top 20% (rank ≤ N/10, N/5, N
 * each ranking's own count of ranked areas); per group (e.g. LA) the counts in the top 10% and of
 * areas entering and leaving it and the mean and mean absolute shift; overall the mean absolute
 * shift and the counts. `groupCodes` are dense codes 0 … groups − 1 (−1: no group). Cost O(rows).
 */
export function compareRankings(
  baseRank: ArrayLike<number>,
  rank: ArrayLike<number>,
  groupCodes: ArrayLike<number>,
  groups: number,
): RankComparison {
  const len = rank.length;
  if (baseRank.length !== len || groupCodes.length !== len)
    throw new HlnError(
      "LENGTH_MISMATCH",
      `the rankings and groups have ${baseRank.length}, ${len} and ${groupCodes.length} rows`,
    );
  const baseDecile = quantileClass(baseRank, 10);
  const decile = quantileClass(rank, 10);
  const base5 = quantileClass(baseRank, 5);
  const cur5 = quantileClass(rank, 5);
  const shift = new Float64Array(len).fill(NaN);
  const top10 = new Float64Array(len).fill(NaN);
  const top20 = new Float64Array(len).fill(NaN);
  const g = {
    baseTop10: new Float64Array(groups),
    top10: new Float64Array(groups),
    entered10: new Float64Array(groups),
    left10: new Float64Array(groups),
    meanShift: new Float64Array(groups),
    meanAbsShift: new Float64Array(groups),
  };
  const count = new Float64Array(groups);
  let abs = 0;
  let m = 0;
  const out = { decileChanged: 0, entered10: 0, left10: 0, entered20: 0, left20: 0 };
  for (let i = 0; i < len; i++) {
    const c = groupCodes[i];
    if (c >= 0 && baseDecile[i] === 1) g.baseTop10[c]++;
    if (c >= 0 && decile[i] === 1) g.top10[c]++;
    if (!(Number.isFinite(baseRank[i]) && Number.isFinite(rank[i]))) continue;
    const s = rank[i] - baseRank[i];
    shift[i] = s;
    abs += Math.abs(s);
    m++;
    const in10 = (decile[i] === 1 ? 1 : 0) - (baseDecile[i] === 1 ? 1 : 0);
    const in20 = (cur5[i] === 1 ? 1 : 0) - (base5[i] === 1 ? 1 : 0);
    top10[i] = in10;
    top20[i] = in20;
    if (decile[i] !== baseDecile[i]) out.decileChanged++;
    if (in10 > 0) out.entered10++;
    if (in10 < 0) out.left10++;
    if (in20 > 0) out.entered20++;
    if (in20 < 0) out.left20++;
    if (c >= 0) {
      count[c]++;
      g.meanShift[c] += s;
      g.meanAbsShift[c] += Math.abs(s);
      if (in10 > 0) g.entered10[c]++;
      if (in10 < 0) g.left10[c]++;
    }
  }
  for (let k = 0; k < groups; k++) {
    g.meanShift[k] = count[k] ? g.meanShift[k] / count[k] : NaN;
    g.meanAbsShift[k] = count[k] ? g.meanAbsShift[k] / count[k] : NaN;
  }
  return { shift, baseDecile, decile, top10, top20, groups: g, meanAbsShift: m ? abs / m : NaN, ...out };
}
