/**
 * What one run contributes to the analysis' outputs, from its need ranks (1 = most need):
 * the mean absolute rank shift against the nominal ranks, (1/N) Σ |rank_i − nominal_i| over the N
 * areas in the measure (COINr's "MeanAbsDiff", Saisana et al. 2005's R̄_S), and each group's (LA's)
 * count of areas in the top 10% (decile 1: rank ≤ N/10, as decile() says: ⌈10 rank / N⌉ = 1).
 * Cost O(rows).
 */
export function runOutputs(
  rank: ArrayLike<number>,
  nominal: ArrayLike<number>,
  groupCodes: Int32Array,
  groups: number,
): { rankShift: number; top10: Float64Array } {
  const top10 = new Float64Array(groups);
  let n = 0;
  for (let i = 0; i < rank.length; i++) if (rank[i] === rank[i]) n++;
  let shift = 0;
  for (let i = 0; i < rank.length; i++) {
    const r = rank[i];
    if (r !== r) continue;
    shift += Math.abs(r - nominal[i]);
    if (10 * r <= n && groupCodes[i] >= 0) top10[groupCodes[i]]++;
  }
  return { rankShift: n > 0 ? shift / n : NaN, top10 };
}

/** Scratch ranks of runOutputsSorted when no store row is given (reused: one call at a time). */
let rankOf = new Uint32Array(0);

/** Where runOutputsSorted also puts each area's rank (a Monte Carlo draw); omit for Sobol runs. */
export interface RankSink {
  /** Ranks of every draw (draw-major); row `row` is this draw's, 0 for areas not in the measure. */
  store: Uint16Array | Uint32Array;
  row: number;
  /** Per area: draws with the area in decile 1 (rank ≤ N/10) and as a hotspot (rank ≤ N/5). */
  dec1: Float64Array;
  hot: Float64Array;
}

/**
 * runOutputs from a run's sorted scores instead of its ranks: `sorted` is argsortKeys of the
 * combined score (ascending; ties share both key words). One walk from the highest score writes
 * each area's rank (a tie group takes its first member's, like needRank) into the sink's store row
 * (or a reused scratch array) and, for the first N/5 places only, adds the group top-10% counts
 * (to `top` from `topAt`) and the decile-1 / hotspot counts (rank ≤ N/10 ⇔ rank ≤ ⌊N/10⌋ for whole
 * ranks); one pass in area order then sums the rank shift. The same numbers as runOutputs of
 * needRank (the shift is a sum of whole numbers, exact in any order). Cost O(areas).
 */
export function runOutputsSorted(
  sorted: { order: Uint32Array; keys: Uint32Array; lows: Uint32Array },
  nominal: ArrayLike<number>,
  groupCodes: Int32Array,
  top: Float64Array,
  topAt: number,
  sink?: RankSink,
): number {
  const { order, keys, lows } = sorted;
  const n = order.length;
  const len = nominal.length;
  if (!sink && rankOf.length < len) rankOf = new Uint32Array(len);
  const rk = sink ? sink.store : rankOf;
  const base = sink ? sink.row : 0;
  if (n < len) rk.fill(0, base, base + len); // areas not in the measure stay 0
  const top10 = Math.floor(n / 10);
  const hot5 = Math.floor(n / 5);
  const dec1 = sink?.dec1;
  const hot = sink?.hot;
  // from the highest score down: a new (key, low) pair starts a tie group, which takes the rank of
  // its first member; the places up to N/5 also count, the rest only write their rank
  let r = 0;
  let pk = -1; // no key is −1
  let pl = -1;
  let t = n - 1;
  for (; t >= 0; t--) {
    const key = keys[t];
    const low = lows[t];
    if (key !== pk || low !== pl) {
      r = n - t;
      if (r > hot5) break;
      pk = key;
      pl = low;
    }
    const i = order[t];
    rk[base + i] = r;
    if (hot) hot[i]++;
    if (r <= top10) {
      if (dec1) dec1[i]++;
      const g = groupCodes[i];
      if (g >= 0) top[topAt + g]++;
    }
  }
  for (; t >= 0; t--) {
    const key = keys[t];
    const low = lows[t];
    if (key !== pk || low !== pl) {
      r = n - t;
      pk = key;
      pl = low;
    }
    rk[base + order[t]] = r;
  }
  let shift = 0;
  for (let i = 0; i < len; i++) {
    const r = rk[base + i];
    if (r !== 0) shift += Math.abs(r - nominal[i]);
  }
  return n > 0 ? shift / n : NaN;
}
