import { HlnError } from "./errors";
import { mapRanked } from "./rankTable";

/**
 * How a rank (1 = least need … N = most need) is scaled to R in (0, 1] for the exponential transform.
 * - iod: R = rank/N — the formula printed in Appendix C and used by the English Indices of
 *   Deprivation (reproduces every published IMD 2025 score from its domain ranks to 0.001).
 * - hln: R = rank/(N + 1) — reproduces the paper's published top-20 overall scores
 *   (99.95 … 98.98 for ranks 1–20 of 33,754); the HLN default. (R = (rank − 1)/N also
 *   reproduces the table to two decimals; rank/(N + 1) is chosen because it keeps both ends
 *   strictly inside (0, 1), so no area scores exactly 100.)
 */
export const RANK_SCALINGS = ["hln", "iod"] as const;
export type RankScaling = (typeof RANK_SCALINGS)[number];

export function isRankScaling(x: unknown): x is RankScaling {
  return typeof x === "string" && (RANK_SCALINGS as readonly string[]).includes(x);
}

/** R for an ascending rank (1 = least need) of n areas. */
export function scaleRank(rank: number, n: number, scaling: RankScaling = "hln"): number {
  return scaling === "iod" ? rank / n : rank / (n + 1);
}

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
 * - a > 1 (small C): X = −C logaddexp(log1p(−R), ln R − a) — no underflow of e^(−a) (C < 0.1345
 *   made the top area log(0) = ∞);
 * - R = 1: X = 100 exactly. Cost O(1).
 */
export function expScore(r: number, constant = 23): number {
  if (r >= 1) return 100;
  if (!(r > 0)) return 0;
  const a = 100 / constant;
  const x =
    a <= 1 ? -constant * Math.log1p(r * Math.expm1(-a)) : -constant * logAddExp(Math.log1p(-r), Math.log(r) - a);
  return x + 0; // no −0
}

/** Throws HlnError("CONSTANT_INVALID") unless C is a finite number > 0. */
export function checkConstant(constant: number): void {
  if (typeof constant !== "number" || !Number.isFinite(constant) || constant <= 0) {
    throw new HlnError(
      "CONSTANT_INVALID",
      `the exponential constant must be a number greater than 0 (got ${constant})`,
    );
  }
}

/**
 * Step 8 (Standardising dimensions): rank the scores (ascending, ties averaged; missing stay NaN and
 * are not counted in N), scale the ranks to R and apply the exponential transform.
 */
export function expTransform(values: ArrayLike<number>, constant = 23, scaling: RankScaling = "hln"): Float64Array {
  checkConstant(constant);
  if (!isRankScaling(scaling))
    throw new HlnError("SCALING_INVALID", `unknown rank scaling "${scaling}": use "hln" or "iod"`);
  return mapRanked(values, `exp|${constant}|${scaling}`, (r, n) => expScore(scaleRank(r, n, scaling), constant));
}
