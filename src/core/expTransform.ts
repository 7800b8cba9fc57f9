import { HlnError } from "./errors";
import { DEFAULT_OPTIONS, OPTION_RULES } from "./options";
import { isRankScaling, scaleRank, type RankScaling } from "./rankScaling";
import { mapRanked } from "./rankTable";

export { RANK_SCALINGS, isRankScaling, scaleRank, type RankScaling } from "./rankScaling";

/** ln(e^x + e^y) without overflow or cancellation; −∞ when both are −∞. */
function logAddExp(x: number, y: number): number {
  const m = Math.max(x, y);
  if (m === -Infinity) return -Infinity;
  return m + Math.log1p(Math.exp(-Math.abs(x - y)));
}

/**
 * Appendix C: X = −C ln(1 − R (1 − e^(−100/C))). X runs from 0 (least need) to 100 (R = 1).
 * The constant C (23 in the paper) sets the cancellation between dimensions (~10% at 23).
 *
 * Computed in a form that is exact over the whole domain R ∈ [0, 1], C > 0 finite:
 * 1 − R(1 − e^(−a)) = (1 − R) + R e^(−a) with a = 100/C, so
 * - a ≤ 1 (C ≥ 100, up to 1e308): X = −C log1p(R expm1(−a)) — no loss when 1 − e^(−a) is tiny;
 * - 1 < a < 700: X = −C ln((1 − R) + R e^(−a)) — both terms positive, e^(−a) a normal number;
 * - a ≥ 700 (C < 0.143): X = −C logaddexp(log1p(−R), ln R − a) — no underflow of e^(−a) (C < 0.1345
 *   made the top area log(0) = ∞);
 * - R = 1: X = 100 exactly. Cost O(1).
 */
export function expScore(r: number, constant: number = DEFAULT_OPTIONS.constant): number {
  if (r >= 1) return 100;
  if (!(r > 0)) return 0;
  const a = 100 / constant;
  let x: number;
  if (a <= 1) x = -constant * Math.log1p(r * Math.expm1(-a));
  // (1 − R) + R e^(−a): no cancellation and no underflow while e^(−a) is a normal number (a < 700)
  else if (a < 700) x = -constant * Math.log(1 - r + r * Math.exp(-a));
  else x = -constant * logAddExp(Math.log1p(-r), Math.log(r) - a);
  return x + 0; // no −0
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
export function expTransform(
  values: ArrayLike<number>,
  constant: number = DEFAULT_OPTIONS.constant,
  scaling: RankScaling = DEFAULT_OPTIONS.scaling,
): Float64Array {
  checkConstant(constant);
  if (!isRankScaling(scaling))
    throw new HlnError("SCALING_INVALID", `rank scaling ${OPTION_RULES.scaling}, got "${scaling}"`);
  return mapRanked(values, `exp|${constant}|${scaling}`, (r, n) => expScore(scaleRank(r, n, scaling), constant));
}
