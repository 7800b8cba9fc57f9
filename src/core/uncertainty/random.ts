import gammaPkg from "@stdlib/random-base-gamma";
import mt19937 from "@stdlib/random-base-mt19937";

/** A seeded stream of uniform variates on [0, 1) and Gamma(α, 1) variates. */
export interface RandomStream {
  /** Uniform on [0, 1) (MT19937, 53-bit resolution). */
  uniform(): number;
  /** Gamma(shape α, rate 1) (Marsaglia–Tsang, driven by the same MT19937 stream). */
  gamma(shape: number): number;
  /** A whole number in 0 … k − 1. */
  integer(k: number): number;
}

/**
 * A reproducible random stream: MT19937 seeded with `seed` (a whole number 1 … 2³² − 1) and
 * stdlib's gamma sampler on top of it. The same seed gives the same sequence on every platform;
 * nothing in the uncertainty analysis uses Math.random. Cost O(1) per variate.
 */
export function randomStream(seed: number): RandomStream {
  const base = (mt19937 as unknown as { factory(o: { seed: number }): { normalized: () => number } }).factory({
    seed,
  });
  const uniform = base.normalized;
  const gamma = (
    gammaPkg as unknown as { factory(o: { prng: () => number }): (a: number, b: number) => number }
  ).factory({ prng: uniform });
  return {
    uniform,
    gamma: (shape) => gamma(shape, 1),
    integer: (k) => Math.min(k - 1, Math.floor(uniform() * k)),
  };
}
