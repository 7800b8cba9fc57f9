import { argsortKeys } from "../argsort";
import { checkConstant, expScore, scaleRank, type RankScaling } from "../expTransform";
import { rankTable } from "../rankTable";

/** Each value's ascending rank with ties averaged, as 2 × rank (0 = missing), and N. */
export interface RankCodes {
  codes: Uint32Array;
  n: number;
}

/**
 * The ranks every rank-based transform reads (steps 6 and 8), computed once: h_i = 2 × the
 * average ascending rank of value i among the N finite values (ties averaged, exactly as
 * mapRanked ranks), 0 for a missing value. A transform with another constant or rank scaling is
 * then one table look-up per area (expFromCodes) instead of a sort. Cost O(N) (radix argsort).
 */
export function rankCodes(values: ArrayLike<number>): RankCodes {
  const codes = new Uint32Array(values.length);
  const { order, keys, lows } = argsortKeys(values);
  const m = order.length;
  for (let k = 0; k < m;) {
    let e = k + 1;
    while (e < m && keys[e] === keys[k] && lows[e] === lows[k]) e++;
    const h = k + 1 + e; // 2 × average rank (k+1 … e)
    for (let t = k; t < e; t++) codes[order[t]] = h;
    k = e;
  }
  return { codes, n: m };
}

/**
 * expTransform(values, constant, scaling) from the values' rank codes: the same memo table (the
 * same key and formula as expTransform), so the result is identical to the last bit. Cost O(N).
 */
export function expFromCodes(rc: RankCodes, constant: number, scaling: RankScaling): Float64Array {
  checkConstant(constant);
  const { codes, n } = rc;
  const table = rankTable(`exp|${constant}|${scaling}`, n, (r) => expScore(scaleRank(r, n, scaling), constant));
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const h = codes[i];
    out[i] = h === 0 ? NaN : table[h];
  }
  return out;
}
