import { HlnError } from "../errors";
import { sampler, type Sample } from "./draw";
import { validateUncertaintyOptions, type UncertaintyOptions } from "./factors";
import { runOutputs } from "./outputs";
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

/**
 * Monte Carlo uncertainty analysis (OECD/JRC Handbook 2008 §6; Saisana, Saltelli & Tarantola 2005):
 * `draws` runs, each with every factor group in options.factors drawn by `sampler` from one MT19937
 * stream seeded with options.seed (same seed → same numbers), evaluated on the prepared measure.
 * Per area: nominal rank, median and 5th/95th percentile rank (type-7 quantiles), P(decile 1),
 * P(hotspot); per group: the distribution of its count of areas in the top 10%; overall: the mean
 * absolute rank shift. Cost: draws × one prepared run + rows × draws log draws for the quantiles;
 * memory draws × rows × 2 bytes (4 above 65,535 rows), at most RANK_STORE_BYTES.
 */
export function runUncertainty(
  prepared: PreparedMeasure,
  options: Partial<UncertaintyOptions> = {},
  onProgress?: (done: number, total: number) => void,
): UncertaintyResult {
  const opts = validateUncertaintyOptions(options);
  const { draws } = opts;
  const len = prepared.len;
  const bytes = len <= 65535 ? 2 : 4;
  if (draws * len * bytes > RANK_STORE_BYTES) {
    const most = Math.floor(RANK_STORE_BYTES / (len * bytes));
    throw new HlnError(
      "OPTION_INVALID",
      `at most ${most.toLocaleString("en-GB")} draws for ${len.toLocaleString("en-GB")} areas (the per-area ranks of every draw are kept for the percentiles), got ${draws}`,
      "draws",
    );
  }
  const sm = sampler(prepared, opts);
  const rng = randomStream(opts.seed);
  const samples: Sample[] = [];
  for (let k = 0; k < draws; k++) samples.push(sm.sample(rng));
  const nominalRank = prepared.nominal.rank;
  const { codes, labels } = prepared.nominal.groups;
  const G = labels.length;
  const store = bytes === 2 ? new Uint16Array(draws * len) : new Uint32Array(draws * len);
  const dec1 = new Float64Array(len);
  const hot = new Float64Array(len);
  const top = new Float64Array(draws * G);
  const rankShift = new Float64Array(draws);
  for (let k = 0; k < draws; k++) {
    const rank = prepared.rank(sm.run(samples[k]));
    const out = runOutputs(rank, nominalRank, codes, G);
    rankShift[k] = out.rankShift;
    top.set(out.top10, k * G);
    let n = 0;
    for (let i = 0; i < len; i++) if (rank[i] === rank[i]) n++;
    const row = k * len;
    for (let i = 0; i < len; i++) {
      const r = rank[i];
      if (r !== r) continue;
      store[row + i] = r;
      if (10 * r <= n) dec1[i]++;
      if (5 * r <= n) hot[i]++;
    }
    onProgress?.(k + 1, draws);
  }
  const median = new Float64Array(len).fill(NaN);
  const p05 = new Float64Array(len).fill(NaN);
  const p95 = new Float64Array(len).fill(NaN);
  const scratch = new Float64Array(draws);
  for (let i = 0; i < len; i++) {
    if (nominalRank[i] !== nominalRank[i]) {
      dec1[i] = hot[i] = NaN;
      continue;
    }
    for (let k = 0; k < draws; k++) scratch[k] = store[k * len + i];
    scratch.sort();
    median[i] = quantileSorted(scratch, 0.5);
    p05[i] = quantileSorted(scratch, 0.05);
    p95[i] = quantileSorted(scratch, 0.95);
    dec1[i] /= draws;
    hot[i] /= draws;
  }
  return {
    options: opts,
    alphas: sm.alphas,
    nominalRank,
    median,
    p05,
    p95,
    pDecile1: dec1,
    pHotspot: hot,
    groups: { labels, ...groupDistribution(top, draws, G, nominalRank, codes) },
    rankShift,
    meanRankShift: mean(rankShift),
  };
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
