import { argsortKeys, scratchOrder } from "./argsort";

/**
 * Need rank: 1 = the highest value (most need), as in the paper's top-20 table and the IoD.
 * Ties share the best rank, exactly like Excel's RANK.EQ(x, range, 0), so an auditor can check
 * any cell with a built-in function. Missing values stay NaN.
 */
export function needRank(values: ArrayLike<number>): Float64Array {
  return needRankFromSorted(argsortKeys(values, true, scratchOrder(values.length)), values.length);
}

/** needRank of `len` values from their argsortKeys (a caller that keeps the sort for other uses). */
export function needRankFromSorted(
  sorted: { order: Uint32Array; keys: Uint32Array; lows: Uint32Array },
  len: number,
): Float64Array {
  const { order, keys, lows } = sorted;
  const m = order.length;
  const out = new Float64Array(len);
  if (m < len) out.fill(NaN); // else every element is written below
  // walk from the highest value down; a tie group takes the rank of its first member
  for (let k = m - 1; k >= 0;) {
    let e = k - 1;
    // equal values have equal 64-bit keys: ties found without reading the values again
    while (e >= 0 && keys[e] === keys[k] && lows[e] === lows[k]) e--;
    const r = m - k;
    for (let t = k; t > e; t--) out[order[t]] = r;
    k = e;
  }
  return out;
}
