import { HlnError } from "./errors";
import { OPTION_RULES } from "./options";
import { isRankScaling, scaleRank, type RankScaling } from "./rankScaling";
import { mapRanked } from "./rankTable";

export { RANK_SCALINGS, isRankScaling, scaleRank, type RankScaling } from "./rankScaling";

/**
 * Appendix C: X = −C ln(1 − R (1 − e^(−100/C))). X runs from 0 (least need) to 100 (R = 1).
 * The constant C (23 in the paper) sets the cancellation between dimensions (~10% at 23).
 */
export function expScore(r: number, constant = 23): number {
  // (1 − R) + R e^(−100/C) is the same quantity without the cancellation at R = 1 for small C
  return -constant * Math.log(1 - r + r * Math.exp(-100 / constant));
}

/** Throws HlnError("CONSTANT_INVALID") unless C is a finite number > 0. */
export function checkConstant(constant: number): void {
  if (typeof constant !== "number" || !Number.isFinite(constant) || constant <= 0) {
    throw new HlnError("CONSTANT_INVALID", `the exponential constant ${OPTION_RULES.constant} (got ${constant})`);
  }
}

/**
 * Step 8 (Standardising dimensions): rank the scores (ascending, ties averaged; missing stay NaN and
 * are not counted in N), scale the ranks to R and apply the exponential transform.
 */
export function expTransform(values: ArrayLike<number>, constant = 23, scaling: RankScaling = "hln"): Float64Array {
  checkConstant(constant);
  if (!isRankScaling(scaling))
    throw new HlnError("SCALING_INVALID", `rank scaling ${OPTION_RULES.scaling}, got "${scaling}"`);
  return mapRanked(values, `exp|${constant}|${scaling}`, (r, n) => expScore(scaleRank(r, n, scaling), constant));
}
