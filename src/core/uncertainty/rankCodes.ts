import { argsortKeys } from "../argsort";
import { checkConstant, expScore } from "../expTransform";
import { normalQuantile } from "../normalQuantile";
import { isNormalOffset, normalScore, NORMAL_OFFSETS, type NormalOffset } from "../normalScore";
import { scaleRank, type RankScaling } from "../rankScaling";
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
 * expTransform(values, constant, scaling) from the values' rank codes. The formula is the one
 * expTransform tabulates, expScore(scaleRank(rank, N, scaling), C), so the result is identical to
 * the last bit; here it is evaluated only for the ranks that occur (a draw of C makes a new table
 * each time, and about half the 2N + 1 entries of expTransform's full table are never read), in
 * tables kept for the last few (C, scaling, N). Cost O(N).
 */
export function expFromCodes(rc: RankCodes, constant: number, scaling: RankScaling): Float64Array {
  checkConstant(constant);
  const { codes, n } = rc;
  const key = `${constant}|${scaling}|${n}`;
  let table = tables.get(key);
  if (!table) {
    table = new Float64Array(2 * n + 1).fill(NaN);
    if (tables.size >= TABLES) tables.delete(tables.keys().next().value as string);
    tables.set(key, table);
  }
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const h = codes[i];
    if (h === 0) {
      out[i] = NaN;
      continue;
    }
    let x = table[h];
    if (x !== x) x = table[h] = expScore(scaleRank(h / 2, n, scaling), constant);
    out[i] = x;
  }
  return out;
}

/** Lazily filled transform tables by (C, scaling, N): the last few only (a Sobol row's C values). */
const tables = new Map<string, Float64Array>();
const TABLES = 8;

/**
 * normalScore(values, offset) from the values' rank codes (step 6 without sorting again): the same
 * memo table as normalScore (key `normal|offset`, the same formula Φ⁻¹((rank − a)/(N + 1 − 2a))),
 * so the result is identical to the last bit. Each indicator column is sorted once and every
 * offset reads its codes. Cost O(N).
 */
export function normalFromCodes(rc: RankCodes, offset: NormalOffset): Float64Array {
  if (!isNormalOffset(offset)) normalScore([], offset); // throws the core's message
  const a = NORMAL_OFFSETS[offset];
  const { codes, n } = rc;
  const table = rankTable(`normal|${offset}`, n, (r) => normalQuantile((r - a) / (n + 1 - 2 * a)));
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] === 0 ? NaN : table[codes[i]];
  return out;
}
