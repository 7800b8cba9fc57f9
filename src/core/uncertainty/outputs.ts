/**
 * What one run contributes to the analysis' outputs, from its need ranks (1 = most need):
 * the mean absolute rank shift against the nominal ranks, (1/N) Σ |rank_i − nominal_i| over the N
 * areas in the measure (COINr's "MeanAbsDiff", Saisana et al. 2005's R̄_S), and each group's (LA's)
 * count of areas in the top 10% (decile 1: rank ≤ N/10, as decile() says: ⌈10 rank / N⌉ = 1).
 * Cost O(rows).
 */
export function runOutputs(
  rank: ArrayLike<number>,
  nominal: ArrayLike<number>,
  groupCodes: Int32Array,
  groups: number,
): { rankShift: number; top10: Float64Array } {
  const top10 = new Float64Array(groups);
  let n = 0;
  for (let i = 0; i < rank.length; i++) if (rank[i] === rank[i]) n++;
  let shift = 0;
  for (let i = 0; i < rank.length; i++) {
    const r = rank[i];
    if (r !== r) continue;
    shift += Math.abs(r - nominal[i]);
    if (10 * r <= n && groupCodes[i] >= 0) top10[groupCodes[i]]++;
  }
  return { rankShift: n > 0 ? shift / n : NaN, top10 };
}
