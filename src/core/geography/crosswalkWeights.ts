import { HlnError } from "../errors";

/**
 * Step 1 (convert to LSOA 2021): the share of each source area given to each target area of a
 * many-to-many lookup (e.g. LSOA 2011 → LSOA 2021 with ONS change codes U, S, M, X, or MSOA 2011 →
 * MSOA 2021). Pair p links `from[p]` to `to[p]`. A source's share to each of its targets is
 * proportional to `targetSize[to]` (e.g. the target's Census 2021 population); the shares of one
 * source sum to 1. If all of a source's targets have size 0 or NaN, its share is split equally.
 * U (unchanged) and M (merged) pairs get share 1; S (split) and X (irregular) pairs are split by
 * target size — an approximation where no output-area data is available.
 */
export function crosswalkWeights(
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  targetSize: ArrayLike<number>,
  nSource: number,
): Float64Array {
  const m = from.length;
  if (to.length !== m) throw new HlnError("LENGTH_MISMATCH", `from has ${m} pairs but to has ${to.length}`);
  const total = new Float64Array(nSource);
  const count = new Int32Array(nSource);
  for (let p = 0; p < m; p++) {
    const s = from[p];
    if (s < 0 || s >= nSource) throw new HlnError("BAD_INDEX", `pair ${p}: source index ${s} out of range`);
    const size = targetSize[to[p]];
    count[s]++;
    if (Number.isFinite(size) && size > 0) total[s] += size;
  }
  const out = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    const s = from[p];
    const size = targetSize[to[p]];
    if (total[s] > 0) out[p] = Number.isFinite(size) && size > 0 ? size / total[s] : 0;
    else out[p] = 1 / count[s];
  }
  return out;
}
