import { argsortKeys, fixedPointRanks, scratchOrder } from "./argsort";

/**
 * Memo of f(rank) for the ranks 1, 1.5, 2, …, N that averaged-tie ranking can produce, so a
 * rank-based transform evaluates its (costly) formula once per distinct rank and N rather than once
 * per area and indicator. Pure: the same key always gives the same table. A handful of tables are
 * kept (one per N × option in use; at most 16, and at most 8 M entries in all).
 */
const tables = new Map<string, Float64Array>();
const LIMIT = 16;
/** At most this many cached entries in all (64 MB): 16 tables of 1 M-area builds would hold 256 MB. */
const BUDGET = 8 << 20;
let cached = 0;

export function rankTable(key: string, n: number, f: (rank: number) => number): Float64Array {
  const k = `${key}|${n}`;
  let t = tables.get(k);
  if (!t) {
    t = new Float64Array(2 * n + 1);
    for (let h = 2; h <= 2 * n; h++) t[h] = f(h / 2);
    while (tables.size > 0 && (tables.size >= LIMIT || cached + t.length > BUDGET)) {
      const oldest = tables.keys().next().value as string;
      cached -= tables.get(oldest)!.length;
      tables.delete(oldest);
    }
    tables.set(k, t);
    cached += t.length;
  }
  return t;
}

/**
 * f(ascending rank with ties averaged, N) for every value in one pass over the sorted order — the
 * shared body of the rank-based transforms (steps 6 and 8). Missing values stay NaN and are not
 * counted in N. `key` names f (with its options) for the memo. fixedPointRanks writes the results
 * where it applies (a column of runs of any length; else up to 65,536 values); otherwise one walk over
 * the sorted order.
 */
export function mapRanked(
  values: ArrayLike<number>,
  key: string,
  f: (rank: number, n: number) => number,
): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (fixedPointRanks(values, out, (m) => rankTable(key, m, (r) => f(r, m)))) return out;
  const { order, keys, lows } = argsortKeys(values, true, scratchOrder(n)); // all three read here only
  const m = order.length;
  if (m < n) out.fill(NaN); // else every element is written below
  const table = rankTable(key, m, (r) => f(r, m));
  for (let k = 0; k < m;) {
    let e = k + 1;
    // equal values have equal 64-bit keys: ties found without reading the values again
    while (e < m && keys[e] === keys[k] && lows[e] === lows[k]) e++;
    const x = table[k + 1 + e]; // 2 × average rank (k+1 … e)
    for (let t = k; t < e; t++) out[order[t]] = x;
    k = e;
  }
  return out;
}

/** Entries held by the memo (tests: the 8 M budget). */
export function rankTableEntries(): number {
  return cached;
}
