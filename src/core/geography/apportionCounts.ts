import { HlnError } from "../errors";

/**
 * Step 1: moves counts (people, households, claimants) from source areas to target areas along a
 * lookup: target[t] = Σ over pairs p with to[p] = t of values[from[p]] × share[p]. With shares from
 * {@link crosswalkWeights} the total is preserved. A target that receives any missing (NaN) source
 * value is NaN; a target no pair reaches is NaN.
 */
export function apportionCounts(
  values: ArrayLike<number>,
  from: ArrayLike<number>,
  to: ArrayLike<number>,
  share: ArrayLike<number>,
  nTarget: number,
): Float64Array {
  const m = from.length;
  if (to.length !== m || share.length !== m) {
    throw new HlnError("LENGTH_MISMATCH", `from, to and share must have the same length (${m})`);
  }
  const out = new Float64Array(nTarget);
  const reached = new Uint8Array(nTarget);
  for (let p = 0; p < m; p++) {
    const t = to[p];
    if (t < 0 || t >= nTarget) throw new HlnError("BAD_INDEX", `pair ${p}: target index ${t} out of range`);
    const w = share[p];
    if (w === 0) continue;
    reached[t] = 1;
    out[t] += values[from[p]] * w;
  }
  for (let t = 0; t < nTarget; t++) if (!reached[t]) out[t] = NaN;
  return out;
}
