/**
 * The task pane's uncertainty analysis (issue 18), run in Web Workers (uncertainty.worker.ts):
 * prepare the measure with the build's settings, Monte Carlo draws and, when asked, Sobol indices —
 * the same core steps and seed handling as `hln sensitivity`, so the same seed gives the same
 * numbers in the pane and the CLI. Split over workers like the CLI's threads, but without shared
 * memory (the pane cannot be cross-origin isolated): each worker prepares the measure, runs its
 * share of the draws and Sobol rows (AnalysisSession.part) and sends copies of them; one worker then
 * takes the others' shares and forms the percentiles and indices (finish). Each run's numbers depend
 * only on its sample, so any split gives the same result.
 */
import type { BuildOptions, MeasureData } from "../core/buildMeasure";
import type { MeasureSpec } from "../core/spec";
import {
  mcArrays,
  mcEvaluate,
  mcPlan,
  mcQuantiles,
  mcSummarise,
  prepareMeasure,
  sobolEvaluate,
  sobolPlan,
  sobolSummarise,
  type McArrays,
  type McPlan,
  type PreparedMeasure,
  type SensitivityResult,
  type SobolPlan,
  type UncertaintyOptions,
  type UncertaintyResult,
} from "../core/uncertainty";

export interface AnalysisInput {
  /** The measure as built (settingsToBuild's spec and options). */
  spec: MeasureSpec;
  data: MeasureData;
  options: BuildOptions;
  /** Monte Carlo options (draws, seed, factors, …; the rest UNCERTAINTY_DEFAULTS). */
  mc: Partial<UncertaintyOptions>;
  /** Sobol base sample N (N·(d + 2) runs); omitted: no Sobol indices. */
  sobolN?: number;
}

export interface AnalysisOutput {
  mc: UncertaintyResult;
  sens?: SensitivityResult;
}

export type AnalysisPhase = "Monte Carlo draws" | "Sobol runs";
/** done of total runs of the phase (this share's), and the phase's runs in all (every share's). */
export type AnalysisProgress = (phase: AnalysisPhase, done: number, total: number, all: number) => void;

/** One worker's share: draws [d0, d1) and Sobol rows [j0, j1), their results copied (transferable). */
export interface AnalysisPart {
  draws: [number, number];
  store: Uint16Array | Uint32Array;
  rankShift: Float64Array;
  top: Float64Array;
  dec1: Float64Array;
  hot: Float64Array;
  rows: [number, number];
  Y: Float64Array;
}

/** [from, to) of the k-th of `parts` equal shares of `total`. */
export function share(total: number, k: number, parts: number): [number, number] {
  return [Math.floor((total * k) / parts), Math.floor((total * (k + 1)) / parts)];
}

/** A worker's analysis: the measure prepared and the samples drawn once, then its share, then (one worker) the summaries. */
export class AnalysisSession {
  private readonly prepared: PreparedMeasure;
  private readonly mc: McPlan;
  private readonly sobol?: SobolPlan;
  private readonly a: McArrays;
  private readonly Y: Float64Array;

  constructor(input: AnalysisInput) {
    this.prepared = prepareMeasure(input.spec, input.data, input.options);
    this.mc = mcPlan(this.prepared, input.mc);
    if (input.sobolN !== undefined) this.sobol = sobolPlan(this.prepared, { ...input.mc, draws: input.sobolN });
    this.a = mcArrays(this.prepared, this.mc);
    this.Y = new Float64Array(this.sobol ? this.sobolRuns() * this.sobol.outputs : 0);
  }

  /** Runs share k of `parts` (draws, then Sobol rows) and returns copies of its results. */
  part(k: number, parts: number, onProgress: AnalysisProgress = () => undefined): AnalysisPart {
    const { prepared, mc, sobol, a, Y } = this;
    const len = prepared.len;
    const G = prepared.nominal.groups.labels.length;
    const [d0, d1] = share(mc.options.draws, k, parts);
    let done = 0;
    mcEvaluate(prepared, mc, a, d0, d1, () => onProgress("Monte Carlo draws", ++done, d1 - d0, mc.options.draws));
    const [j0, j1] = sobol ? share(sobol.options.draws, k, parts) : [0, 0];
    if (sobol) {
      const per = sobol.factors.length + 2;
      done = 0;
      const all = this.sobolRuns();
      sobolEvaluate(prepared, sobol, Y, j0, j1, () => onProgress("Sobol runs", ++done, (j1 - j0) * per, all));
    }
    const K = sobol ? (sobol.factors.length + 2) * sobol.outputs : 0;
    return {
      draws: [d0, d1],
      store: a.store.slice(d0 * len, d1 * len),
      rankShift: a.rankShift.slice(d0, d1),
      top: a.top.slice(d0 * G, d1 * G),
      dec1: a.dec1.slice(),
      hot: a.hot.slice(),
      rows: [j0, j1],
      Y: Y.slice(j0 * K, j1 * K),
    };
  }

  /** Takes the other workers' shares into this one's and forms the percentiles, counts and indices. */
  finish(others: AnalysisPart[]): AnalysisOutput {
    const { prepared, mc, sobol, a, Y } = this;
    const len = prepared.len;
    const G = prepared.nominal.groups.labels.length;
    const K = sobol ? (sobol.factors.length + 2) * sobol.outputs : 0;
    for (const p of others) {
      a.store.set(p.store, p.draws[0] * len);
      a.rankShift.set(p.rankShift, p.draws[0]);
      a.top.set(p.top, p.draws[0] * G);
      for (let i = 0; i < len; i++) {
        a.dec1[i] += p.dec1[i];
        a.hot[i] += p.hot[i];
      }
      Y.set(p.Y, p.rows[0] * K);
    }
    mcQuantiles(a.store, mc.options.draws, prepared.nominal.rank, a, 0, len);
    const out: AnalysisOutput = { mc: mcSummarise(prepared, mc, a) };
    if (sobol) out.sens = sobolSummarise(prepared, sobol, Y);
    return out;
  }

  private sobolRuns(): number {
    return this.sobol ? this.sobol.options.draws * (this.sobol.factors.length + 2) : 0;
  }
}

/** The whole analysis in one thread (tests; the same numbers as any split). */
export function runAnalysis(input: AnalysisInput, onProgress?: AnalysisProgress): AnalysisOutput {
  const session = new AnalysisSession(input);
  session.part(0, 1, onProgress);
  return session.finish([]);
}
