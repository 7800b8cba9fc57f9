import { HlnError } from "../errors";

/**
 * Step 1: moves rates, scores and averages (a value per person, not a count) from source areas to
 * target areas along a lookup: target[t] is the weighted mean of values[from[p]] over the pairs
 * reaching t, with pair weights `weight[p]` (e.g. share × source population, the people the pair
 * moves). A split (S) target inherits its source's value; a merged (M) or irregular (X) target gets
 * the population-weighted mean. A target that receives any missing source value, or no positive
 * weight, is NaN.
 */
export function apportionRates(
  values: ArrayLike<number>,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  weight: ArrayLike<number>,
  nTarget: number,
): Float64Array {
  const m = from.length;
  if (to.length !== m || weight.length !== m) {
    throw new HlnError("LENGTH_MISMATCH", `from, to and weight must have the same length (${m})`);
  }
  const sum = new Float64Array(nTarget);
  const wsum = new Float64Array(nTarget);
  for (let p = 0; p < m; p++) {
    const t = to[p];
    if (t < 0 || t >= nTarget) throw new HlnError("BAD_INDEX", `pair ${p}: target index ${t} out of range`);
    const w = weight[p];
    if (!(w > 0)) continue;
    sum[t] += values[from[p]] * w;
    wsum[t] += w;
  }
  const out = new Float64Array(nTarget);
  for (let t = 0; t < nTarget; t++) out[t] = wsum[t] > 0 ? sum[t] / wsum[t] : NaN;
  return out;
}
