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

/** Scratch ranks of runOutputsSorted (reused: one call at a time). */
let rankOf = new Int32Array(0);

/** Where runOutputsSorted also puts each area's rank (a Monte Carlo draw); omit for Sobol runs. */
export interface RankSink {
  /** Ranks of every draw (draw-major); row `row` is this draw's, left 0 for areas not in the measure. */
  store: Uint16Array | Uint32Array;
  row: number;
  /** Per area: draws with the area in decile 1 (rank ≤ N/10) and as a hotspot (rank ≤ N/5). */
  dec1: Float64Array;
  hot: Float64Array;
}

/**
 * runOutputs from a run's sorted scores instead of its ranks: `sorted` is argsortKeys of the
 * combined score (ascending; ties share both key words), walked once from the highest score into
 * a reused scratch array of ranks, then one pass in area order adds each area's rank shift, its
 * group's top-10% count (added to `top` from `topAt`) and, for a Monte Carlo draw, writes the
 * rank store and the decile-1 / hotspot counts (rank ≤ N/10 ⇔ rank ≤ ⌊N/10⌋ for whole ranks). The same numbers as runOutputs of needRank
 * (the shift is a sum of whole numbers, exact in any order). Cost O(areas).
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
  if (rankOf.length < len) rankOf = new Int32Array(len);
  const rk = rankOf;
  rk.fill(0, 0, len);
  // the one pass in score order: each area's rank (a tie group takes its first member's, like needRank)
  for (let k = n - 1; k >= 0;) {
    let e = k - 1;
    while (e >= 0 && keys[e] === keys[k] && lows[e] === lows[k]) e--;
    const r = n - k;
    for (let t = k; t > e; t--) rk[order[t]] = r;
    k = e;
  }
  // the rest in area order (sequential reads and writes)
  let shift = 0;
  const top10 = Math.floor(n / 10);
  const hot5 = Math.floor(n / 5);
  for (let i = 0; i < len; i++) {
    const r = rk[i];
    if (r === 0) continue; // not in the measure
    shift += Math.abs(r - nominal[i]);
    if (r <= top10 && groupCodes[i] >= 0) top[topAt + groupCodes[i]]++;
  }
  if (sink) {
    const { store, row, dec1, hot } = sink;
    for (let i = 0; i < len; i++) {
      const r = rk[i];
      store[row + i] = r;
      if (r !== 0 && r <= top10) dec1[i]++;
      if (r !== 0 && r <= hot5) hot[i]++;
    }
  }
  return n > 0 ? shift / n : NaN;
}
