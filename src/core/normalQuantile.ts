import quantile from "@stdlib/stats-base-dists-normal-quantile";

/**
 * Standard normal inverse CDF Φ⁻¹(p), from stdlib (Boost-derived inverse error function, accurate to
 * about 1e-15 relative). Returns NaN outside (0, 1).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return NaN;
  return quantile(p, 0, 1);
}
