import { argsort } from "./argsort";

/**
 * Ascending ranks with ties averaged (the "fractional" ranking used before the normal-score and
 * exponential transforms, paper steps 6 and 8). Missing values (NaN, ±Infinity) stay NaN and are
 * not counted. O(N) after the radix argsort.
 */
export function rank(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const order = argsort(values);
  const m = order.length;
  for (let k = 0; k < m;) {
    const v = values[order[k]];
    let e = k + 1;
    while (e < m && values[order[e]] === v) e++;
    const r = (k + 1 + e) / 2; // average of the 1-based ranks k+1..e
    for (let t = k; t < e; t++) out[order[t]] = r;
    k = e;
  }
  return out;
}

/** Number of finite values (the N of every rank-based transform). */
export function countFinite(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) m++;
  return m;
}
