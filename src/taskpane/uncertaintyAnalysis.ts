/**
 * The task pane's uncertainty analysis (issue 18) as one pure function, run in a Web Worker
 * (uncertainty.worker.ts): prepare the measure with the build's settings, Monte Carlo draws
 * (runUncertainty) and, when asked, Sobol indices (runSensitivity) — the same core steps and seed
 * handling as `hln sensitivity`, so the same seed gives the same numbers in the pane and the CLI.
 */
import type { BuildOptions, MeasureData } from "../core/buildMeasure";
import type { MeasureSpec } from "../core/spec";
import {
  prepareMeasure,
  runSensitivity,
  runUncertainty,
  type SensitivityResult,
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

export type AnalysisProgress = (phase: "Monte Carlo draws" | "Sobol runs", done: number, total: number) => void;

export function runAnalysis(input: AnalysisInput, onProgress: AnalysisProgress = () => undefined): AnalysisOutput {
  const prepared = prepareMeasure(input.spec, input.data, input.options);
  const mc = runUncertainty(prepared, input.mc, (d, t) => onProgress("Monte Carlo draws", d, t));
  const sens =
    input.sobolN !== undefined
      ? runSensitivity(prepared, { ...input.mc, draws: input.sobolN }, (d, t) => onProgress("Sobol runs", d, t))
      : undefined;
  return { mc, ...(sens ? { sens } : {}) };
}
