import { HlnError } from "../errors";
import { sampler, type Sample, type Sampler } from "./draw";
import { validateUncertaintyOptions, type UncertaintyOptions } from "./factors";
import { runOutputsSorted, type RankSink } from "./outputs";
import type { PreparedMeasure } from "./prepare";
import { quantileSorted } from "./quantile";
import { randomStream } from "./random";

/** Per-run rank storage may use at most this many bytes (draws × rows × 2 or 4). */
export const RANK_STORE_BYTES = 512 * 2 ** 20;

export interface UncertaintyResult {
  options: UncertaintyOptions;
  /** Dirichlet concentrations used (NaN: a group with fewer than two non-zero weights, not varied). */
  alphas: { weights: number; inner: number[] };
  /** Per area (row order; NaN for areas not in the measure). */
  nominalRank: Float64Array;
  median: Float64Array;
  p05: Float64Array;
  p95: Float64Array;
  /** Share of the draws with the area in decile 1 (rank ≤ N/10) and a hotspot (rank ≤ N/5). */
  pDecile1: Float64Array;
  pHotspot: Float64Array;
  /** Per group (LA), indexed like prepared.nominal.groups.labels: count of areas in the top 10%. */
  groups: {
    labels: string[];
    nominal: Float64Array;
    mean: Float64Array;
    p05: Float64Array;
    p50: Float64Array;
    p95: Float64Array;
  };
  /** Mean absolute rank shift of each draw against the nominal ranks, and its mean over the draws. */
  rankShift: Float64Array;
  meanRankShift: number;
}

/** The draws of a Monte Carlo analysis, fixed before any run (so runs can be split across threads). */
export interface McPlan {
  options: UncertaintyOptions;
  sampler: Sampler;
  samples: Sample[];
  /** Bytes per stored rank: 2 (up to 65,535 rows) or 4. */
  bytes: 2 | 4;
}

/**
 * The per-run results, in arrays a caller may allocate on shared memory: `store` the ranks of
 * every draw (draw-major, 0 = missing), `rankShift` and `top` (draw × group) per draw, and per area
 * the counts of draws in decile 1 and as a hotspot (summed over however the draws were split).
 */
export interface McArrays {
  store: Uint16Array | Uint32Array;
  rankShift: Float64Array;
  top: Float64Array;
  dec1: Float64Array;
  hot: Float64Array;
  median: Float64Array;
  p05: Float64Array;
  p95: Float64Array;
}

/** Checks the options and the memory, and draws every sample from MT19937 seeded with options.seed. */
export function mcPlan(prepared: PreparedMeasure, options: Partial<UncertaintyOptions> = {}): McPlan {
  const opts = validateUncertaintyOptions(options);
  const len = prepared.len;
  const bytes = len <= 65535 ? 2 : 4;
  if (opts.draws * len * bytes > RANK_STORE_BYTES) {
    const most = Math.floor(RANK_STORE_BYTES / (len * bytes));
    throw new HlnError(
      "OPTION_INVALID",
      `at most ${most.toLocaleString("en-GB")} draws for ${len.toLocaleString("en-GB")} areas (the per-area ranks of every draw are kept for the percentiles), got ${opts.draws}`,
      "draws",
    );
  }
  const sm = sampler(prepared, opts);
  const rng = randomStream(opts.seed);
  const samples: Sample[] = [];
  for (let k = 0; k < opts.draws; k++) samples.push(sm.sample(rng));
  return { options: opts, sampler: sm, samples, bytes };
}

/** Fresh (unshared) arrays for a plan. */
export function mcArrays(prepared: PreparedMeasure, plan: McPlan): McArrays {
  const { draws } = plan.options;
  const len = prepared.len;
  const G = prepared.nominal.groups.labels.length;
  return {
    store: plan.bytes === 2 ? new Uint16Array(draws * len) : new Uint32Array(draws * len),
    rankShift: new Float64Array(draws),
    top: new Float64Array(draws * G),
    dec1: new Float64Array(len),
    hot: new Float64Array(len),
    median: new Float64Array(len),
    p05: new Float64Array(len),
    p95: new Float64Array(len),
  };
}

/**
 * Runs draws [from, to) of a plan: each draw's ranks into `store`, its outputs (runOutputsSorted) into
 * `rankShift` and `top`, and adds its decile-1 and hotspot memberships to `dec1` and `hot`. Each
 * draw's numbers depend only on its sample, so any split of the draws gives the same arrays.
 */
export function mcEvaluate(
  prepared: PreparedMeasure,
  plan: McPlan,
  a: McArrays,
  from: number,
  to: number,
  onDraw?: () => void,
): void {
  const len = prepared.len;
  const { codes, labels } = prepared.nominal.groups;
  const G = labels.length;
  const nominalRank = prepared.nominal.rank;
  const sink: RankSink = { store: a.store, row: 0, dec1: a.dec1, hot: a.hot };
  for (let k = from; k < to; k++) {
    const sorted = prepared.sortedOnce(plan.sampler.run(plan.samples[k]));
    sink.row = k * len;
    a.top.fill(0, k * G, (k + 1) * G);
    a.rankShift[k] = runOutputsSorted(sorted, nominalRank, codes, a.top, k * G, sink);
    onDraw?.();
  }
}

/**
 * Median and 5th/95th percentile rank (type-7 quantiles) of areas [i0, i1) over every draw in
 * `store`; NaN for areas not in the measure. Areas are taken in blocks, so each draw's row is read
 * in runs rather than one value at a time. The ranks are whole numbers, so nothing is sorted: an
 * area whose ranks span a range r no wider than 2 × draws is counted rank by rank (countStats),
 * a wider one in about draws / 2 coarse buckets first (coarseStats); the order statistics are
 * the same as sorting. Cost O(areas × draws) (about four passes over each area's draws).
 */
export function mcQuantiles(
  store: Uint16Array | Uint32Array,
  draws: number,
  nominalRank: ArrayLike<number>,
  a: Pick<McArrays, "median" | "p05" | "p95">,
  i0: number,
  i1: number,
): void {
  const len = nominalRank.length;
  const B = 256;
  const block = store instanceof Uint16Array ? new Uint16Array(B * draws) : new Uint32Array(B * draws);
  const scratch = { counts: new Uint32Array(2 * draws + 1), slot: new Int32Array(0) };
  const ps = [0.05, 0.5, 0.95];
  // the order statistics type-7 reads: x[⌊h⌋] and x[⌊h⌋ + 1] for h = (draws − 1) p
  const at = ps.flatMap((p) => {
    const lo = Math.floor((draws - 1) * p);
    return [lo, Math.min(lo + 1, draws - 1)];
  });
  const want = [...new Set(at)].sort((x, y) => x - y);
  const stat = new Float64Array(draws); // x[k] for k in want (sparse)
  for (let b0 = i0; b0 < i1; b0 += B) {
    const m = Math.min(B, i1 - b0);
    for (let k = 0; k < draws; k++) {
      const row = k * len + b0;
      for (let b = 0; b < m; b++) block[b * draws + k] = store[row + b];
    }
    for (let b = 0; b < m; b++) {
      const i = b0 + b;
      if (nominalRank[i] !== nominalRank[i]) {
        a.median[i] = a.p05[i] = a.p95[i] = NaN;
        continue;
      }
      const xs = block.subarray(b * draws, (b + 1) * draws);
      let mn = xs[0];
      let mx = xs[0];
      for (let k = 1; k < draws; k++) {
        const v = xs[k];
        if (v < mn) mn = v;
        else if (v > mx) mx = v;
      }
      const r = mx - mn;
      if (r <= 2 * draws) countStats(xs, mn, r, scratch.counts, want, stat);
      else coarseStats(xs, mn, r, scratch, want, stat);
      const q = (p: number) => {
        const h = (draws - 1) * p;
        const lo = Math.floor(h);
        return lo >= draws - 1 ? stat[draws - 1] : stat[lo] + (h - lo) * (stat[lo + 1] - stat[lo]);
      };
      a.p05[i] = q(0.05);
      a.median[i] = q(0.5);
      a.p95[i] = q(0.95);
    }
  }
}

/**
 * The order statistics x[k] (k in `want`, ascending) of xs, whose values lie in [mn, mn + r]:
 * one count per value, then one cumulative scan, O(draws + r).
 */
function countStats(
  xs: ArrayLike<number>,
  mn: number,
  r: number,
  counts: Uint32Array,
  want: number[],
  stat: Float64Array,
): void {
  counts.fill(0, 0, r + 1);
  for (let k = 0; k < xs.length; k++) counts[xs[k] - mn]++;
  let seen = 0;
  let w = 0;
  for (let v = 0; v <= r && w < want.length; v++) {
    seen += counts[v];
    while (w < want.length && want[w] < seen) stat[want[w++]] = v + mn;
  }
}

/**
 * countStats for a wide range: the values counted in buckets of 2^s ranks (at most about draws / 2
 * buckets), the buckets holding a wanted order statistic found by one scan, then one more pass
 * counting only those buckets' values exactly (2^s counters each). O(draws) whatever r is.
 */
function coarseStats(
  xs: Uint16Array | Uint32Array,
  mn: number,
  r: number,
  scratch: { counts: Uint32Array; slot: Int32Array },
  want: number[],
  stat: Float64Array,
): void {
  const D = xs.length;
  let s = 0;
  while (r >>> s > D >>> 1) s++;
  const B = (r >>> s) + 1;
  const W = 1 << s;
  // counters: B coarse, then W fine per wanted bucket (at most want.length of them)
  const size = B + want.length * W;
  if (scratch.counts.length < size) scratch.counts = new Uint32Array(size);
  const counts = scratch.counts;
  counts.fill(0, 0, B);
  for (let k = 0; k < D; k++) counts[(xs[k] - mn) >>> s]++;
  if (scratch.slot.length < B) scratch.slot = new Int32Array(B);
  const slot = scratch.slot; // bucket → 1 + its fine counters' slot, 0 if none is wanted
  slot.fill(0, 0, B);
  const buckets: { b: number; seen: number; sub: number[] }[] = [];
  let seen = 0;
  let w = 0;
  for (let b = 0; b < B && w < want.length; b++) {
    const c = counts[b];
    if (want[w] < seen + c) {
      const sub: number[] = [];
      while (w < want.length && want[w] < seen + c) sub.push(want[w++]);
      buckets.push({ b, seen, sub });
      slot[b] = buckets.length;
    }
    seen += c;
  }
  counts.fill(0, B, B + buckets.length * W);
  for (let k = 0; k < D; k++) {
    const d = xs[k] - mn;
    const j = slot[d >>> s];
    if (j) counts[B + (j - 1) * W + (d & (W - 1))]++;
  }
  buckets.forEach(({ b, seen: before, sub }, j) => {
    const fine = counts.subarray(B + j * W, B + (j + 1) * W);
    let cum = before;
    let t = 0;
    for (let v = 0; v < W && t < sub.length; v++) {
      cum += fine[v];
      while (t < sub.length && sub[t] < cum) stat[sub[t++]] = mn + (b << s) + v;
    }
  });
}

/** The result object from the filled arrays. */
export function mcSummarise(prepared: PreparedMeasure, plan: McPlan, a: McArrays): UncertaintyResult {
  const { draws } = plan.options;
  const nominalRank = prepared.nominal.rank;
  const { codes, labels } = prepared.nominal.groups;
  const pDecile1 = new Float64Array(prepared.len);
  const pHotspot = new Float64Array(prepared.len);
  for (let i = 0; i < prepared.len; i++) {
    const inMeasure = nominalRank[i] === nominalRank[i];
    pDecile1[i] = inMeasure ? a.dec1[i] / draws : NaN;
    pHotspot[i] = inMeasure ? a.hot[i] / draws : NaN;
  }
  return {
    options: plan.options,
    alphas: plan.sampler.alphas,
    nominalRank,
    median: Float64Array.from(a.median),
    p05: Float64Array.from(a.p05),
    p95: Float64Array.from(a.p95),
    pDecile1,
    pHotspot,
    groups: { labels, ...groupDistribution(a.top, draws, labels.length, nominalRank, codes) },
    rankShift: Float64Array.from(a.rankShift),
    meanRankShift: mean(a.rankShift),
  };
}

/**
 * Monte Carlo uncertainty analysis (OECD/JRC Handbook 2008 §6; Saisana, Saltelli & Tarantola 2005):
 * `draws` runs, each with every factor group in options.factors drawn by `sampler` from one MT19937
 * stream seeded with options.seed (same seed → same numbers), evaluated on the prepared measure.
 * Per area: nominal rank, median and 5th/95th percentile rank (type-7 quantiles), P(decile 1),
 * P(hotspot); per group: the distribution of its count of areas in the top 10%; overall: the mean
 * absolute rank shift. One thread; src/cli/uncertaintyPool.ts splits the same steps (mcPlan,
 * mcEvaluate, mcQuantiles, mcSummarise) over worker threads with identical results. Cost: draws ×
 * one prepared run + rows × draws log draws; memory draws × rows × 2 bytes (4 above 65,535 rows),
 * at most RANK_STORE_BYTES.
 */
export function runUncertainty(
  prepared: PreparedMeasure,
  options: Partial<UncertaintyOptions> = {},
  onProgress?: (done: number, total: number) => void,
): UncertaintyResult {
  const plan = mcPlan(prepared, options);
  const a = mcArrays(prepared, plan);
  const { draws } = plan.options;
  let done = 0;
  mcEvaluate(prepared, plan, a, 0, draws, () => onProgress?.(++done, draws));
  mcQuantiles(a.store, draws, prepared.nominal.rank, a, 0, prepared.len);
  return mcSummarise(prepared, plan, a);
}

function groupDistribution(top: Float64Array, draws: number, G: number, nominalRank: Float64Array, codes: Int32Array) {
  const nominal = new Float64Array(G);
  let n = 0;
  for (let i = 0; i < nominalRank.length; i++) if (nominalRank[i] === nominalRank[i]) n++;
  for (let i = 0; i < nominalRank.length; i++) if (10 * nominalRank[i] <= n && codes[i] >= 0) nominal[codes[i]]++;
  const m = new Float64Array(G);
  const p05 = new Float64Array(G);
  const p50 = new Float64Array(G);
  const p95 = new Float64Array(G);
  const col = new Float64Array(draws);
  for (let g = 0; g < G; g++) {
    for (let k = 0; k < draws; k++) col[k] = top[k * G + g];
    m[g] = mean(col);
    col.sort();
    p05[g] = quantileSorted(col, 0.05);
    p50[g] = quantileSorted(col, 0.5);
    p95[g] = quantileSorted(col, 0.95);
  }
  return { nominal, mean: m, p05, p50, p95 };
}

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length ? s / x.length : NaN;
}
