import type { RandomStream } from "./random";

/**
 * The Dirichlet concentration α that gives weights `nominal` (scaled to shares p_j over the k
 * non-zero weights) a root-mean-square coefficient of variation `cv`.
 *
 * For W ~ Dirichlet(α p_1, …, α p_k): E[W_j] = p_j, Var[W_j] = p_j (1 − p_j) / (α + 1), so
 * CV_j² = (1 − p_j) / (p_j (α + 1)). Setting the mean of CV_j² over the k weights to cv² gives
 *
 *   α = Σ_j (1 − p_j) / p_j / (k cv²) − 1,
 *
 * which for k equal weights is α = (k − 1) / cv² − 1 and every weight has CV exactly `cv` (five
 * equal dimensions at 25%: α = 63). A smaller weight varies relatively more than a larger one
 * (CV_j ∝ √((1 − p_j)/p_j)), as in any Dirichlet. Returns NaN when fewer than two weights are
 * non-zero (nothing to vary). Domain: cv > 0; the result is floored at a tiny positive α so a very
 * large cv still gives a valid (very spread) distribution. Cost O(k).
 */
export function dirichletConcentration(nominal: ArrayLike<number>, cv: number): number {
  let total = 0;
  let k = 0;
  for (let j = 0; j < nominal.length; j++) {
    if (nominal[j] > 0) {
      total += nominal[j];
      k++;
    }
  }
  if (k < 2) return NaN;
  let s = 0;
  for (let j = 0; j < nominal.length; j++) {
    if (nominal[j] > 0) {
      const p = nominal[j] / total;
      s += (1 - p) / p;
    }
  }
  return Math.max(1e-6, s / (k * cv * cv) - 1);
}

/**
 * One draw of weights around `nominal`: W = total × G / ΣG with G_j ~ Gamma(α p_j, 1) for the
 * non-zero weights (a Dirichlet(α p) draw scaled to the nominal total), so E[W_j] = w_j. A weight
 * that is 0 stays 0; with fewer than two non-zero weights (or α not finite) the nominal weights
 * are returned unchanged and no variate is drawn. Cost O(k) gamma variates.
 */
export function dirichletDraw(nominal: ArrayLike<number>, alpha: number, rng: RandomStream): Float64Array {
  const out = Float64Array.from(nominal);
  let total = 0;
  let k = 0;
  for (let j = 0; j < out.length; j++) {
    if (out[j] > 0) {
      total += out[j];
      k++;
    }
  }
  if (k < 2 || !Number.isFinite(alpha)) return out;
  let sum = 0;
  for (let j = 0; j < out.length; j++) {
    if (out[j] > 0) {
      // a gamma variate can underflow to 0 for a tiny shape: keep the weight positive
      out[j] = Math.max(rng.gamma((alpha * out[j]) / total), Number.MIN_VALUE);
      sum += out[j];
    }
  }
  for (let j = 0; j < out.length; j++) out[j] = (out[j] / sum) * total;
  return out;
}
