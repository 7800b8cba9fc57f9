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

/** R for an ascending rank (1 = least need) of n areas: rank / rankDivisor(n, scaling). */
export function scaleRank(rank: number, n: number, scaling: RankScaling = "hln"): number {
  return rank / rankDivisor(n, scaling);
}

/** What a rank of n areas is divided by: N (iod) or N + 1 (hln); hot loops take it once. */
export function rankDivisor(n: number, scaling: RankScaling = "hln"): number {
  return scaling === "iod" ? n : n + 1;
}
