import { HlnError } from "./errors";
import { normalQuantile } from "./normalQuantile";
import { mapRanked } from "./rankTable";

/**
 * Plotting-position offsets a for p = (rank − a) / (N + 1 − 2a).
 * vdw: Van der Waerden, rank/(N+1) (default, paper step 6); blom: a = 3/8; rankit: a = 1/2; tukey: a = 1/3.
 */
export const NORMAL_OFFSETS = { vdw: 0, blom: 3 / 8, rankit: 1 / 2, tukey: 1 / 3 } as const;
export type NormalOffset = keyof typeof NORMAL_OFFSETS;

export function isNormalOffset(x: unknown): x is NormalOffset {
  return typeof x === "string" && Object.prototype.hasOwnProperty.call(NORMAL_OFFSETS, x);
}

/**
 * Step 6 (Standardisation): rank the values (ties averaged) and transform to a standard normal
 * distribution, z = Φ⁻¹((rank − a)/(N + 1 − 2a)). Missing values stay NaN and are not counted in N.
 * `descending`: ranked from the largest — the normal scores of −values (polarity −1, step 5) without
 * forming −values. Cost O(N) (mapRanked).
 */
export function normalScore(values: ArrayLike<number>, offset: NormalOffset = "vdw", descending = false): Float64Array {
  if (!isNormalOffset(offset)) {
    throw new HlnError("OFFSET_INVALID", `unknown normal-score offset "${offset}": use vdw, blom, rankit or tukey`);
  }
  const a = NORMAL_OFFSETS[offset];
  // descending: the rank among −values is n + 1 − r (exact: r is a whole or half number)
  if (descending)
    return mapRanked(values, `normal|${offset}|desc`, (r, n) => normalQuantile((n + 1 - r - a) / (n + 1 - 2 * a)));
  return mapRanked(values, `normal|${offset}`, (r, n) => normalQuantile((r - a) / (n + 1 - 2 * a)));
}
