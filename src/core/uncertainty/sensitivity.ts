import { sampler, type Sample, type Sampler } from "./draw";
import { FACTOR_GROUPS, validateUncertaintyOptions, type FactorGroup, type UncertaintyOptions } from "./factors";
import { runOutputsSorted } from "./outputs";
import type { PreparedMeasure } from "./prepare";
import { randomStream } from "./random";
import { bootstrapRows, sobolIndices, type SobolIndex } from "./sobol";

export interface SensitivityResult {
  options: UncertaintyOptions;
  /** The varied factor groups, in FACTOR_GROUPS order (the order of every index list). */
  factors: FactorGroup[];
  /** Base sample N and runs N·(d + 2). */
  n: number;
  runs: number;
  /** Indices of the mean absolute rank shift, one per factor. */
  rankShift: SobolIndex[];
  /** Per group (LA), indexed like prepared.nominal.groups.labels: indices of its top-10% count. */
  groups: { labels: string[]; indices: SobolIndex[][] };
}

/** The Sobol design, drawn before any run: rows A_j and B_j, one sample of every factor group each. */
export interface SobolPlan {
  options: UncertaintyOptions;
  factors: FactorGroup[];
  sampler: Sampler;
  A: Sample[];
  B: Sample[];
  /** Outputs per run: the mean absolute rank shift, then each group's top-10% count. */
  outputs: number;
}

/** Checks the options and draws A and B (rows alternately) from MT19937 seeded with options.seed. */
export function sobolPlan(prepared: PreparedMeasure, options: Partial<UncertaintyOptions> = {}): SobolPlan {
  const opts = validateUncertaintyOptions(options);
  const factors = FACTOR_GROUPS.filter((f) => opts.factors.includes(f));
  const sm = sampler(prepared, { ...opts, factors });
  const rng = randomStream(opts.seed);
  const A: Sample[] = [];
  const B: Sample[] = [];
  for (let j = 0; j < opts.draws; j++) {
    A.push(sm.sample(rng));
    B.push(sm.sample(rng));
  }
  return { options: opts, factors, sampler: sm, A, B, outputs: 1 + prepared.nominal.groups.labels.length };
}

/**
 * Runs rows [j0, j1) of the design: for row j, A_j, B_j, then A_j with group i from B_j
 * (i = 1 … d), into Y[(j (d + 2) + t) K + o] for run t and output o (K = plan.outputs). Each
 * run's outputs depend only on its samples, so any split of the rows gives the same Y.
 */
export function sobolEvaluate(
  prepared: PreparedMeasure,
  plan: SobolPlan,
  Y: Float64Array,
  j0: number,
  j1: number,
  onRun?: () => void,
): void {
  const { codes } = prepared.nominal.groups;
  const nominalRank = prepared.nominal.rank;
  const d = plan.factors.length;
  const K = plan.outputs;
  const put = (r: number, s: Sample) => {
    Y.fill(0, r * K + 1, (r + 1) * K);
    Y[r * K] = runOutputsSorted(prepared.sortedOnce(plan.sampler.run(s)), nominalRank, codes, Y, r * K + 1);
    onRun?.();
  };
  for (let j = j0; j < j1; j++) {
    const r = j * (d + 2);
    put(r, plan.A[j]);
    put(r + 1, plan.B[j]);
    plan.factors.forEach((f, i) => put(r + 2 + i, { ...plan.A[j], [f]: plan.B[j][f] }));
  }
}

/** The indices of every output from the filled Y (bootstrap resamples seeded with seed + 1). */
export function sobolSummarise(prepared: PreparedMeasure, plan: SobolPlan, Y: Float64Array): SensitivityResult {
  const n = plan.options.draws;
  const d = plan.factors.length;
  const K = plan.outputs;
  const resamples = bootstrapRows(n, plan.options.bootstrap, (plan.options.seed % 4294967295) + 1);
  const indices: SobolIndex[][] = [];
  const col = (o: number, t: number) => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) out[j] = Y[(j * (d + 2) + t) * K + o];
    return out;
  };
  for (let o = 0; o < K; o++) {
    const fAB = plan.factors.map((_, i) => col(o, 2 + i));
    indices.push(sobolIndices(col(o, 0), col(o, 1), fAB, { resamples }));
  }
  return {
    options: plan.options,
    factors: plan.factors,
    n,
    runs: n * (d + 2),
    rankShift: indices[0],
    groups: { labels: prepared.nominal.groups.labels, indices: indices.slice(1) },
  };
}

/**
 * Variance-based sensitivity analysis over the factor groups (Saltelli et al. 2010; COINr's
 * get_sensitivity): the A, B, A_B design with N = options.draws base rows drawn by `sampler`
 * from MT19937 seeded with options.seed, each factor group treated as one factor; first-order and
 * total-effect indices (sobolIndices, with options.bootstrap percentile resamples seeded with
 * seed + 1) of the mean absolute rank shift and of each LA's count of areas in the top 10%.
 * One thread; src/cli/uncertaintyPool.ts splits the rows over worker threads with identical
 * results. Cost: N·(d + 2) prepared runs; memory N·(d + 2)·(1 + groups) numbers.
 */
export function runSensitivity(
  prepared: PreparedMeasure,
  options: Partial<UncertaintyOptions> = {},
  onProgress?: (done: number, total: number) => void,
): SensitivityResult {
  const plan = sobolPlan(prepared, options);
  const runs = plan.options.draws * (plan.factors.length + 2);
  const Y = new Float64Array(runs * plan.outputs);
  let done = 0;
  sobolEvaluate(prepared, plan, Y, 0, plan.options.draws, () => onProgress?.(++done, runs));
  return sobolSummarise(prepared, plan, Y);
}
