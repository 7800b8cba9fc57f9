import { type DualOptions, type DualResult, dualFlag } from "./dualFlag";
import { assertSameLength } from "./errors";

export interface GroupDualResult extends DualResult {
  /** Population-weighted mean of each index per group (NaN where a group has no valued area). */
  valueA: Float64Array;
  valueB: Float64Array;
  /** Areas and population of each group that count (a value in both indices, population > 0). */
  areas: Float64Array;
  population: Float64Array;
}

/** Σ p·x / Σ p per group over the areas of `use` (valued in both indices, p > 0). */
function weightedMean(
  x: ArrayLike<number>,
  codes: Int32Array,
  pop: ArrayLike<number>,
  k: number,
  use: Uint8Array,
): Float64Array {
  const num = new Float64Array(k);
  const den = new Float64Array(k);
  for (let i = 0; i < x.length; i++) {
    const g = codes[i];
    if (g < 0 || !use[i]) continue;
    num[g] += pop[i] * x[i];
    den[g] += pop[i];
  }
  return Float64Array.from(num, (s, g) => (den[g] > 0 ? s / den[g] : NaN));
}

/**
 * Dual disadvantage at group level (wards, as the published 'left-behind' areas are): each index is
 * summarised to the groups as a population-weighted average over the areas valued in both (a score stays
 * a score, a rank an average rank, so the direction carries over), the groups are ranked and flagged
 * with dualFlag's rule; a group with no such area is missing.
 * `codes` are group indices (groupIndex), −1 = no group; `k` the number of groups.
 * Cost O(N + k log k).
 */
export function groupDual(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  codes: Int32Array,
  k: number,
  population: ArrayLike<number>,
  options: DualOptions = {},
): GroupDualResult {
  assertSameLength([a, b, codes, population], ["index A", "index B", "groups", "population"]);
  const use = Uint8Array.from(codes, (_, i) =>
    Number.isFinite(a[i]) && Number.isFinite(b[i]) && population[i] > 0 ? 1 : 0,
  );
  const valueA = weightedMean(a, codes, population, k, use);
  const valueB = weightedMean(b, codes, population, k, use);
  const areas = new Float64Array(k);
  const pop = new Float64Array(k);
  for (let i = 0; i < a.length; i++) {
    const g = codes[i];
    if (g < 0 || !Number.isFinite(a[i]) || !Number.isFinite(b[i]) || !(population[i] > 0)) continue;
    areas[g]++;
    pop[g] += population[i];
  }
  return { ...dualFlag(valueA, valueB, options), valueA, valueB, areas, population: pop };
}
