import { countFinite } from "./rank";

/**
 * Decile from a need rank (1 = most need): ceil(10 × rank / N), so decile 1 is the 10% of areas in
 * most need. This is the IoD convention; it reproduces every published IMD 2025 decile from its rank.
 * N defaults to the number of non-missing ranks.
 */
export function decile(ranks: ArrayLike<number>, n?: number): Float64Array {
  return quantileClass(ranks, 10, n);
}

/** Percentile (1 = most need): ceil(100 × rank / N). */
export function percentile(ranks: ArrayLike<number>, n?: number): Float64Array {
  return quantileClass(ranks, 100, n);
}

/** ceil(k × rank / N), clamped to 1..k; NaN stays NaN. */
export function quantileClass(ranks: ArrayLike<number>, k: number, n?: number): Float64Array {
  const total = n ?? countFinite(ranks);
  const out = new Float64Array(ranks.length);
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i];
    out[i] = Number.isFinite(r) && total > 0 ? Math.min(k, Math.max(1, Math.ceil((k * r) / total))) : NaN;
  }
  return out;
}
