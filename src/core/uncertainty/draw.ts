import type { RankScaling } from "../expTransform";
import type { NormalOffset } from "../normalScore";
import { dirichletConcentration, dirichletDraw } from "./dirichlet";
import { FACTOR_GROUPS, type FactorGroup, type UncertaintyOptions } from "./factors";
import type { PreparedMeasure, Run } from "./prepare";
import type { RandomStream } from "./random";

/** One draw of each varied factor group (a row of the Sobol matrices A or B). */
export type Sample = Partial<{
  weights: Float64Array;
  "indicator-weights": Float64Array;
  constant: number;
  offset: NormalOffset;
  scaling: RankScaling;
  shrinkage: boolean;
}>;

/** Draws samples of the factor groups in `options.factors` around a prepared measure's nominal run. */
export interface Sampler {
  /** The Dirichlet concentration of the dimension weights and of each inner weight group (NaN: fixed). */
  alphas: { weights: number; inner: number[] };
  sample(rng: RandomStream): Sample;
  /** The run of a sample: its groups' values, the nominal run's for the other groups. */
  run(sample: Sample): Run;
}

/**
 * The sampler of the six factor groups (docs/uncertainty.md):
 * weights — Dirichlet(α p) around the nominal dimension shares p, scaled to the nominal total;
 * indicator-weights — the same within each sibling group (a dimension's sub-dimensions, a
 * sub-dimension's or dimension's indicators), each group with its own α; constant — uniform on
 * constantRange; offset — one of `offsets`, equally likely; scaling — hln (rank/(N + 1)) or iod
 * (rank/N), equally likely, for the transforms and the overall score; shrinkage — on or off,
 * equally likely. α is `concentration` when given, else dirichletConcentration(p, weightCv).
 * Groups are drawn in FACTOR_GROUPS order, so a seed's sequence does not depend on the order the
 * factors are listed in. Weights that are 0 stay 0.
 */
export function sampler(prepared: PreparedMeasure, options: UncertaintyOptions): Sampler {
  const on = new Set<FactorGroup>(options.factors);
  const nominal = prepared.nominalRun;
  const alpha = (ws: ArrayLike<number>) => options.concentration ?? dirichletConcentration(ws, options.weightCv);
  const dimW = prepared.dimensionIndex.map((j) => nominal.weights[j]);
  const innerW = prepared.innerGroups.map((g) => g.map((j) => nominal.weights[j]));
  const alphas = { weights: alpha(dimW), inner: innerW.map(alpha) };
  const [lo, hi] = options.constantRange;
  const SCALINGS: RankScaling[] = ["hln", "iod"];
  const sample = (rng: RandomStream): Sample => {
    const s: Sample = {};
    for (const g of FACTOR_GROUPS) {
      if (!on.has(g)) continue;
      if (g === "weights") s.weights = dirichletDraw(dimW, alphas.weights, rng);
      else if (g === "indicator-weights") {
        const parts = innerW.map((w, k) => dirichletDraw(w, alphas.inner[k], rng));
        const flat = new Float64Array(parts.reduce((t, p) => t + p.length, 0));
        let o = 0;
        for (const p of parts) (flat.set(p, o), (o += p.length));
        s["indicator-weights"] = flat;
      } else if (g === "constant") s.constant = lo + (hi - lo) * rng.uniform();
      else if (g === "offset") s.offset = options.offsets[rng.integer(options.offsets.length)];
      else if (g === "scaling") s.scaling = SCALINGS[rng.integer(2)];
      else s.shrinkage = rng.uniform() < 0.5;
    }
    return s;
  };
  const run = (s: Sample): Run => {
    const weights = nominal.weights.slice();
    if (s.weights) prepared.dimensionIndex.forEach((j, k) => (weights[j] = s.weights![k]));
    if (s["indicator-weights"]) {
      let o = 0;
      for (const g of prepared.innerGroups) for (const j of g) weights[j] = s["indicator-weights"][o++];
    }
    return {
      weights,
      constant: s.constant ?? nominal.constant,
      offset: s.offset ?? nominal.offset,
      scaling: s.scaling ?? nominal.scaling,
      overallScaling: s.scaling ?? nominal.overallScaling,
      shrink: s.shrinkage ?? nominal.shrink,
    };
  };
  return { alphas, sample, run };
}

/**
 * The (shrink, offset) states the runs of a sampler with these options can be in: the offsets
 * drawn (or the nominal one) × shrinkage on and off (or the nominal setting). What
 * PreparedMeasure.normalColumns makes ahead of a run split over threads.
 */
export function runStates(nominal: Run, options: UncertaintyOptions): { shrink: boolean; offset: NormalOffset }[] {
  const offsets = options.factors.includes("offset") ? options.offsets : [nominal.offset];
  const shrinks = options.factors.includes("shrinkage") ? [true, false] : [nominal.shrink];
  return shrinks.flatMap((shrink) => offsets.map((offset) => ({ shrink, offset })));
}
