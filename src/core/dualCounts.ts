/**
 * Per group, the areas of a dual-disadvantage flag (dualFlag) and their population: areas and people
 * with a flag (both indices valued), and those flagged 1 — the counts and shares of the Dual sheet's
 * district table and of the LA map. `codes` are group indices (groupIndex), −1 = no group; without a
 * population array each area counts 1 person; an area whose population is missing (NaN) counts as an
 * area but adds no people (as SUMIFS skips a blank cell), so one unknown population does not blank its
 * district's totals. Cost O(N).
 */
export interface DualCounts {
  areas: Float64Array;
  flagged: Float64Array;
  population: Float64Array;
  populationFlagged: Float64Array;
}

export function dualCounts(
  flag: ArrayLike<number>,
  codes: Int32Array,
  k: number,
  population?: ArrayLike<number> | null,
): DualCounts {
  const out: DualCounts = {
    areas: new Float64Array(k),
    flagged: new Float64Array(k),
    population: new Float64Array(k),
    populationFlagged: new Float64Array(k),
  };
  for (let i = 0; i < flag.length; i++) {
    const g = codes[i];
    if (g < 0 || !Number.isFinite(flag[i])) continue;
    const p = population ? (Number.isFinite(population[i]) ? population[i] : 0) : 1;
    out.areas[g]++;
    out.population[g] += p;
    if (flag[i] === 1) {
      out.flagged[g]++;
      out.populationFlagged[g] += p;
    }
  }
  return out;
}
