import { quantileSorted } from "./quantile";
import { randomStream } from "./random";

export interface SobolIndex {
  /** First-order index Sᵢ and total-effect index STᵢ (NaN when the output does not vary). */
  S: number;
  ST: number;
  /** Bootstrap percentile interval (5th, 95th percentile: 90%); NaN without resamples. */
  sLow: number;
  sHigh: number;
  stLow: number;
  stHigh: number;
}

/**
 * First-order and total-effect sensitivity indices from the radial-free "A, B, A_B^(i)" design of
 * Saltelli et al. 2010 (Comput. Phys. Commun. 181, 259–270), Table 2: with f_A, f_B the outputs of
 * the N rows of two independent sample matrices and f_ABi those of A with factor (group) i taken
 * from B, and V the variance of all 2N outputs of A and B,
 *
 *   Sᵢ  = (1/N) Σⱼ f_B(j) (f_ABi(j) − f_A(j)) / V                (Saltelli 2010, eq. b)
 *   STᵢ = (1/2N) Σⱼ (f_A(j) − f_ABi(j))² / V                      (Jansen 1999, eq. f)
 *
 * The 90% intervals are percentile bootstraps: `bootstrap` resamples of the rows j with
 * replacement (the same resamples for every factor), drawn from MT19937 seeded with `seed`.
 * Cost O(N d (1 + bootstrap)).
 */
export function sobolIndices(
  fA: ArrayLike<number>,
  fB: ArrayLike<number>,
  fAB: ArrayLike<number>[],
  options: { bootstrap?: number; seed?: number; resamples?: Uint32Array[] } = {},
): SobolIndex[] {
  const n = fA.length;
  const all = identity(n);
  const point = estimate(fA, fB, fAB, all);
  const resamples = options.resamples ?? bootstrapRows(n, options.bootstrap ?? 0, options.seed ?? 1);
  const boots = resamples.map((rows) => estimate(fA, fB, fAB, rows));
  return point.map((p, i) => {
    const s = Float64Array.from(boots, (b) => b[i].S).sort();
    const st = Float64Array.from(boots, (b) => b[i].ST).sort();
    const q = (x: Float64Array, pr: number) => (x.length && x.every(Number.isFinite) ? quantileSorted(x, pr) : NaN);
    return { ...p, sLow: q(s, 0.05), sHigh: q(s, 0.95), stLow: q(st, 0.05), stHigh: q(st, 0.95) };
  });
}

/** `count` bootstrap resamples of N row indices (with replacement), from a seeded MT19937 stream. */
export function bootstrapRows(n: number, count: number, seed: number): Uint32Array[] {
  const rng = randomStream(seed);
  const out: Uint32Array[] = [];
  for (let b = 0; b < count; b++) {
    const rows = new Uint32Array(n);
    for (let j = 0; j < n; j++) rows[j] = rng.integer(n);
    out.push(rows);
  }
  return out;
}

function identity(n: number): Uint32Array {
  const rows = new Uint32Array(n);
  for (let j = 0; j < n; j++) rows[j] = j;
  return rows;
}

function estimate(fA: ArrayLike<number>, fB: ArrayLike<number>, fAB: ArrayLike<number>[], rows: Uint32Array) {
  const n = rows.length;
  let s = 0;
  let ss = 0;
  for (let k = 0; k < n; k++) {
    const a = fA[rows[k]];
    const b = fB[rows[k]];
    s += a + b;
    ss += a * a + b * b;
  }
  const m = s / (2 * n);
  const V = ss / (2 * n) - m * m;
  const varies = V > 1e-12 * (m * m + 1);
  return fAB.map((ab) => {
    let first = 0;
    let total = 0;
    for (let k = 0; k < n; k++) {
      const j = rows[k];
      const d = ab[j] - fA[j];
      first += fB[j] * d;
      total += d * d;
    }
    return varies ? { S: first / n / V, ST: total / (2 * n) / V } : { S: NaN, ST: NaN };
  });
}

/**
 * The N·(d + 2) runs of the design: for each j, A_j, B_j, then A_j with group i from B_j for
 * i = 1 … d (consecutive runs differ in few groups, which the prepared measure's memo reuses).
 * `draw` gives one row (a value per group); `evaluate` the K outputs of a row. Returns, per output,
 * f_A, f_B and f_ABi. Rows are drawn in a fixed order, so the result depends only on `draw`.
 */
export function sobolDesign<T>(
  n: number,
  d: number,
  draw: () => T[],
  evaluate: (row: T[]) => ArrayLike<number>,
  onProgress?: (done: number, total: number) => void,
): { fA: Float64Array; fB: Float64Array; fAB: Float64Array[] }[] {
  const A: T[][] = [];
  const B: T[][] = [];
  for (let j = 0; j < n; j++) {
    A.push(draw());
    B.push(draw());
  }
  let out: { fA: Float64Array; fB: Float64Array; fAB: Float64Array[] }[] = [];
  const total = n * (d + 2);
  let done = 0;
  const put = (y: ArrayLike<number>, set: (o: (typeof out)[number], v: number) => void) => {
    if (out.length === 0)
      out = Array.from({ length: y.length }, () => ({
        fA: new Float64Array(n),
        fB: new Float64Array(n),
        fAB: Array.from({ length: d }, () => new Float64Array(n)),
      }));
    for (let o = 0; o < y.length; o++) set(out[o], y[o]);
    onProgress?.(++done, total);
  };
  for (let j = 0; j < n; j++) {
    put(evaluate(A[j]), (o, v) => (o.fA[j] = v));
    put(evaluate(B[j]), (o, v) => (o.fB[j] = v));
    for (let i = 0; i < d; i++) {
      const row = A[j].slice();
      row[i] = B[j][i];
      put(evaluate(row), (o, v) => (o.fAB[i][j] = v));
    }
  }
  return out;
}
