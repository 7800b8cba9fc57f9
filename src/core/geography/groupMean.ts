/**
 * Step 1 helper: the (optionally weighted) mean of a value over the small areas of each parent area,
 * skipping missing values — e.g. a district rate Σ numerator / Σ denominator when `values` are rates
 * and `weights` denominators, or a population-weighted LSOA → LA average. Parents with no valid
 * member are NaN. `weights` omitted = equal weights.
 */
export function groupMean(
  values: ArrayLike<number>,
  parent: ArrayLike<number>,
  nParents: number,
  weights?: ArrayLike<number>,
): Float64Array {
  const sum = new Float64Array(nParents);
  const wsum = new Float64Array(nParents);
  for (let i = 0; i < parent.length; i++) {
    const g = parent[i];
    const v = values[i];
    const w = weights ? weights[i] : 1;
    if (g < 0 || g >= nParents || !Number.isFinite(v) || !(w > 0)) continue;
    sum[g] += v * w;
    wsum[g] += w;
  }
  const out = new Float64Array(nParents);
  for (let g = 0; g < nParents; g++) out[g] = wsum[g] > 0 ? sum[g] / wsum[g] : NaN;
  return out;
}
