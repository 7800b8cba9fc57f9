/**
 * Need rank: 1 = the highest value (most need), as in the paper's top-20 table and the IoD.
 * Ties share the best rank, exactly like Excel's RANK.EQ(x, range, 0), so an auditor can check
 * any cell with a built-in function. Missing values stay NaN.
 */
export function needRank(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const sorted = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i])) sorted[m++] = values[i];
  const s = sorted.subarray(0, m).sort();
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = NaN;
      continue;
    }
    // count of values strictly greater than v, plus one
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= v) lo = mid + 1;
      else hi = mid;
    }
    out[i] = m - lo + 1;
  }
  return out;
}
