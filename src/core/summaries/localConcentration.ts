import { argsort } from "../argsort";

/**
 * IoD local concentration per group: the population-weighted mean IoD rank (most deprived = N,
 * see iodRank) of the group's most deprived areas that together hold 10% of its population, the
 * last of them counted only in part:
 *
 *   LC_g = Σ_k q_k · iodRank_k / (0.1 · P_g),   areas k of g taken in order of need (need rank 1 first),
 *   q_k = min(pop_k, 0.1 · P_g − Σ_{j<k} q_j).
 *
 * Source: IoD 2019 Technical report (MHCLG), the LA summary measures (local
 * concentration). `needRanks` order the areas (1 = most need; ties in input order); `include[i]` = 0
 * leaves area i out; `groupPop` is each group's total population over included areas.
 * Reproduces IoD 2025 File 10 within 170 rank places (Census 2021 populations; counting the last
 * area whole instead is 968 places out). O(N) after one radix argsort.
 */
export function localConcentration(
  needRanks: Float64Array,
  iodRanks: Float64Array,
  groups: ArrayLike<number>,
  pop: Float64Array,
  include: Uint8Array,
  groupPop: Float64Array,
): Float64Array {
  const g = groupPop.length;
  const sum = new Float64Array(g);
  const taken = new Float64Array(g);
  const order = argsort(needRanks);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (!include[i]) continue;
    const gi = groups[i];
    const q = Math.min(pop[i], 0.1 * groupPop[gi] - taken[gi]);
    if (!(q > 0)) continue;
    sum[gi] += q * iodRanks[i];
    taken[gi] += q;
  }
  const out = new Float64Array(g);
  for (let j = 0; j < g; j++) out[j] = groupPop[j] > 0 ? sum[j] / taken[j] : NaN;
  return out;
}
