/**
 * The p-quantile of ascending sorted values by linear interpolation between order statistics
 * (Hyndman & Fan type 7, R's and COINr's default): h = (n − 1) p, Q = x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋).
 * NaN for no values. Domain p ∈ [0, 1]. Cost O(1).
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}
