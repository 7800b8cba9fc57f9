/**
 * useUncertainty: the Uncertainty card's state — its fields, the run in the Web Worker (progress,
 * Cancel), the HLN Uncertainty / HLN Sensitivity sheets written from the result, and the charts.
 * The analysis is of the build shown: its measure, its settings and the data it was built on (the
 * bundle, the bundle with a replaced indicator, or a workbook table).
 */
import * as React from "react";
import { HlnError } from "../core/errors";
import { settingsToBuild } from "../core/settings";
import { specColumns } from "../core/spec";
import { type FactorGroup, FACTOR_GROUPS, MAX_DRAWS, validateUncertaintyOptions } from "../core/uncertainty";
import { syntheticIndicators } from "../data/openData";
import { areaLabels } from "../workbook/plan";
import { type AreaSource, areaTable, isBundle } from "../workbook/plan/areas";
import { planUncertaintySheets } from "../workbook/plan/uncertaintySheets";
import { indicesChart, rankIntervalChart } from "../workbook/uncertaintyCharts";
import type { BuildOutcome } from "./controller";
import { writeResults } from "./excel";
import { ADDIN_VERSION } from "./model";
import type { AnalysisInput } from "./uncertaintyAnalysis";
import { AnalysisCancelled, type AnalysisJob, startAnalysis } from "./uncertaintyClient";

export interface UncertaintyForm {
  draws: string;
  seed: string;
  factors: FactorGroup[];
  /** Sobol base sample N; blank or 0: no Sobol indices. */
  sobolN: string;
}

export const DEFAULT_UNCERTAINTY_FORM: UncertaintyForm = {
  draws: "1000",
  seed: "1",
  factors: [...FACTOR_GROUPS],
  sobolN: "",
};

export type UncertaintyPhase = "idle" | "running" | "writing" | "done" | "cancelled" | "error";

export interface UncertaintyOutcome {
  draws: number;
  meanRankShift: number;
  sobolRuns?: number;
  sheets: string[];
  intervalsSvg: string;
  indicesSvg?: string;
}

const FIELD_LABEL: Record<string, string> = { draws: "Draws", seed: "Seed", factors: "Factors", sobolN: "Sobol N" };

/** The form as options; an Error naming the field for anything out of its domain (nothing runs then). */
export function formOptions(f: UncertaintyForm): {
  mc: { draws: number; seed: number; factors: FactorGroup[] };
  sobolN?: number;
} {
  const num = (k: "draws" | "seed" | "sobolN") => (f[k].trim() === "" ? NaN : Number(f[k].replace(/[\s,]/g, "")));
  const mc = { draws: num("draws"), seed: num("seed"), factors: f.factors };
  const check = (o: typeof mc, field?: string) => {
    try {
      validateUncertaintyOptions(o);
    } catch (e) {
      if (!(e instanceof HlnError)) throw e;
      const at = field ?? e.path ?? "";
      throw new Error(`${FIELD_LABEL[at] ?? at}: ${e.message.replace(`${e.path}: `, "")}`);
    }
  };
  check(mc);
  const n = num("sobolN");
  if (f.sobolN.trim() === "" || n === 0) return { mc };
  if (!Number.isInteger(n) || n < 2 || n > MAX_DRAWS)
    throw new Error(
      `Sobol N: a whole number from 2 to ${MAX_DRAWS.toLocaleString("en-GB")} (or blank for none), got "${f.sobolN}"`,
    );
  return { mc, sobolN: n };
}

/**
 * The worker's input: the build's measure and settings on the data it was built on (only the columns
 * the measure reads, so little is copied to the worker) — what computeMeasure built, so the nominal
 * ranks are the build's.
 */
export function analysisInput(outcome: BuildOutcome, f: ReturnType<typeof formOptions>): AnalysisInput {
  const source = outcome.data;
  const { spec, options } = settingsToBuild(
    outcome.spec,
    outcome.settings,
    syntheticIndicators(outcome.spec, isBundle(source) ? source.meta : undefined),
  );
  const t = areaTable(source);
  const columns = Object.fromEntries(
    specColumns(spec)
      .filter((c) => t.columns[c])
      .map((c) => [c, t.columns[c]]),
  );
  return {
    spec,
    data: {
      areaCodes: t.code,
      groupCodes: t.groupCode,
      columns,
      ...(t.population ? { population: t.population } : {}),
    },
    options,
    mc: f.mc,
    ...(f.sobolN !== undefined ? { sobolN: f.sobolN } : {}),
  };
}

/** Area names and each group's name, for the sheets and the chart (blank where the data has none). */
function areaNames(source: AreaSource): { names: string[]; groupName: (code: string) => string } {
  const t = areaTable(source);
  const groupNames = new Map(t.groupCode.map((c, i) => [c, t.groupName?.[i] ?? ""] as const));
  return { names: t.code.map((_, i) => t.name?.[i] ?? ""), groupName: (c) => groupNames.get(c) ?? "" };
}

export function useUncertainty(outcome: BuildOutcome | null) {
  const [form, setForm] = React.useState<UncertaintyForm>(DEFAULT_UNCERTAINTY_FORM);
  const [phase, setPhase] = React.useState<UncertaintyPhase>("idle");
  const [progress, setProgress] = React.useState<{ phase: string; done: number; total: number } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [result, setResult] = React.useState<UncertaintyOutcome | null>(null);
  const job = React.useRef<AnalysisJob | null>(null);
  const cancelled = React.useRef(false);

  const run = async () => {
    if (!outcome) return;
    setError(null);
    let opts;
    try {
      opts = formOptions(form);
    } catch (e) {
      setError((e as Error).message);
      return;
    }
    cancelled.current = false;
    setPhase("running");
    setProgress(null);
    try {
      const input = analysisInput(outcome, opts);
      job.current = startAnalysis(input, (phase, done, total) => setProgress({ phase, done, total }));
      const out = await job.current.result;
      setPhase("writing");
      const { names, groupName } = areaNames(outcome.data);
      const sheets = planUncertaintySheets(
        {
          spec: input.spec,
          codes: input.data.areaCodes,
          names,
          groupName,
          ...out,
          ranAt: new Date().toISOString(),
        },
        outcome.suffix,
      );
      const report = await writeResults(sheets, {
        version: ADDIN_VERSION,
        isCancelled: () => cancelled.current,
        onProgress: (done, total) => setProgress({ phase: "Writing the sheets", done, total }),
      });
      if (report.status === "cancelled") throw new AnalysisCancelled();
      setResult({
        draws: out.mc.options.draws,
        meanRankShift: out.mc.meanRankShift,
        sobolRuns: out.sens?.runs,
        sheets: report.sheets,
        intervalsSvg: rankIntervalChart(input.data.areaCodes, names, out.mc, areaLabels(input.spec).noun, input.spec),
        ...(out.sens ? { indicesSvg: indicesChart(out.sens) } : {}),
      });
      setPhase("done");
    } catch (e) {
      if (e instanceof AnalysisCancelled) setPhase("cancelled");
      else {
        setError(e instanceof Error ? e.message : String(e));
        setPhase("error");
      }
    } finally {
      job.current = null;
    }
  };
  const cancel = () => {
    cancelled.current = true;
    job.current?.cancel();
  };
  // the card goes away (a new build starts): the analysis stops and writes nothing
  React.useEffect(
    () => () => {
      cancelled.current = true;
      job.current?.cancel();
    },
    [],
  );
  return { form, setForm, phase, progress, error, result, run, cancel };
}
