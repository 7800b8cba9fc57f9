/**
 * Ascending ranks with ties averaged (the "fractional" ranking used before the normal-score and
 * exponential transforms, paper steps 6 and 8). Missing values (NaN, ±Infinity) stay NaN and are
 * not counted. O(N log N): one native numeric sort and two binary searches per value.
 */
export function rank(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const sorted = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isFinite(v)) sorted[m++] = v;
  }
  const s = sorted.subarray(0, m).sort();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = NaN;
      continue;
    }
    const lo = lowerBound(s, v);
    const hi = upperBound(s, v, lo);
    // positions lo..hi-1 (0-based) hold v: average of the 1-based ranks lo+1..hi
    out[i] = (lo + 1 + hi) / 2;
  }
  return out;
}

/** Number of finite values (the N of every rank-based transform). */
export function countFinite(values: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) m++;
  return m;
}

function lowerBound(s: Float64Array, v: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(s: Float64Array, v: number, from: number): number {
  let lo = from;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
