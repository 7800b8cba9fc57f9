import { argsortKeys } from "../argsort";
import { checkConstant, expScore } from "../expTransform";
import { normalQuantile } from "../normalQuantile";
import { isNormalOffset, normalScore, NORMAL_OFFSETS, type NormalOffset } from "../normalScore";
import { rankDivisor, type RankScaling } from "../rankScaling";
import { rankTable } from "../rankTable";

/**
 * Each value's ascending rank with ties averaged, kept in sorted order: `order` the positions of
 * the N finite values ascending, `codes[t]` 2 × the average rank of order[t] (so ascending too);
 * `len` the number of values, missing ones included.
 */
export interface RankCodes {
  order: Uint32Array;
  codes: Uint32Array;
  n: number;
  len: number;
}

/**
 * The ranks every rank-based transform reads (steps 6 and 8), computed once: h = 2 × the average
 * ascending rank of each value among the N finite values (ties averaged, exactly as mapRanked
 * ranks), in sorted order. A transform with another constant or rank scaling is then one pass in
 * that order (table entries read in ascending order, each area written once) instead of a sort.
 * Cost O(N) (radix argsort). `into` (each at least values.length long): order and codes are views
 * of these buffers instead of fresh arrays (a caller that recycles them).
 */
export function rankCodes(values: ArrayLike<number>, into?: { order: Uint32Array; codes: Uint32Array }): RankCodes {
  const { order, keys, lows } = argsortKeys(values, true, into?.order); // keys and lows read here only
  const m = order.length;
  const codes = into ? into.codes.subarray(0, m) : new Uint32Array(m);
  for (let k = 0; k < m;) {
    let e = k + 1;
    while (e < m && keys[e] === keys[k] && lows[e] === lows[k]) e++;
    const h = k + 1 + e; // 2 × average rank (k+1 … e)
    for (let t = k; t < e; t++) codes[t] = h;
    k = e;
  }
  return { order, codes, n: m, len: values.length };
}

/** table[codes[t]] at order[t], NaN for the missing values (not in `order`). */
function fromTable(rc: RankCodes, table: Float64Array): Float64Array {
  const { order, codes, n, len } = rc;
  const out = new Float64Array(len);
  if (n < len) out.fill(NaN);
  for (let t = 0; t < n; t++) out[order[t]] = table[codes[t]];
  return out;
}

/**
 * expTransform(values, constant, scaling) from the values' rank codes. The formula is the one
 * expTransform tabulates, expScore(scaleRank(rank, N, scaling), C), so the result is identical to
 * the last bit; here it is evaluated only for the ranks that occur (a draw of C makes a new table
 * each time, and about half the 2N + 1 entries of expTransform's full table are never read), in
 * tables kept for the last few (C, scaling, N). Cost O(N). `into` (rc.len long): written (every
 * element) and returned instead of a fresh array.
 */
export function expFromCodes(rc: RankCodes, constant: number, scaling: RankScaling, into?: Float64Array): Float64Array {
  checkConstant(constant);
  const { codes, n } = rc;
  const key = `${constant}|${scaling}|${n}`;
  let table = tables.get(key);
  if (!table) {
    table = new Float64Array(2 * n + 1).fill(NaN);
    if (tables.size >= TABLES) tables.delete(tables.keys().next().value as string);
    tables.set(key, table);
  }
  // the ranks that occur, evaluated in ascending order (ties share an entry) as the one pass in
  // sorted order reaches them; for 1 < 100/C < 700 expScore's own branch with e^(−100/C) taken once
  // per table (the same operations, the same bits)
  const a = 100 / constant;
  const ea = Math.exp(-a);
  const inline = a > 1 && a < 700;
  const { order, len } = rc;
  const div = rankDivisor(n, scaling); // scaleRank(h / 2, n, scaling) = (h / 2) / div
  const out = into ?? new Float64Array(len);
  if (n < len) out.fill(NaN);
  for (let t = 0; t < n; t++) {
    const h = codes[t];
    let x = table[h];
    if (x !== x) {
      const r = h / 2 / div;
      table[h] = x = inline && r > 0 && r < 1 ? -constant * Math.log(1 - r + r * ea) + 0 : expScore(r, constant);
    }
    out[order[t]] = x;
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
  const { n } = rc;
  const table = rankTable(`normal|${offset}`, n, (r) => normalQuantile((r - a) / (n + 1 - 2 * a)));
  return fromTable(rc, table);
}
