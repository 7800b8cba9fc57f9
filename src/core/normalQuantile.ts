import erfcinv from "@stdlib/math-base-special-erfcinv";

/**
 * Standard normal inverse CDF Φ⁻¹(p) = −√2 erfcinv(2p), with stdlib's inverse complementary error
 * function (Boost-derived rational approximations, ~1e-16 relative). Each tail is taken from its
 * own side (p < 0.5 via 2p, p ≥ 0.5 via 2(1 − p), exact by Sterbenz), which avoids the
 * cancellation in 2p − 1 that costs ~5e-9 at p = 1e-9 with the erfinv form. NaN outside (0, 1).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return NaN;
  return p < 0.5 ? -Math.SQRT2 * erfcinv(2 * p) : Math.SQRT2 * erfcinv(2 * (1 - p));
}
