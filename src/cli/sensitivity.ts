/**
 * `hln sensitivity`: Monte Carlo uncertainty analysis of the ranking over the chosen factor groups
 * (and, with --sobol N, variance-based sensitivity indices), written as CSVs, SVG charts and a JSON
 * record of the run (docs/uncertainty.md). Options are checked before any data is read or any file
 * written; outputs are written under temporary names and renamed only when all succeeded. The
 * same options and seed give byte-identical files.
 */
import { renameSync, writeFileSync } from "fs";
import { basename, join } from "path";
import { HlnError } from "../core/errors";
import { settingsToBuild } from "../core/settings";
import { syntheticIndicators } from "../data/openData";
import type { MeasureSpec } from "../core/spec";
import { hlnSpec } from "../core/specs";
import {
  FACTOR_GROUPS,
  leaveOneOut,
  prepareMeasure,
  validateUncertaintyOptions,
  type SensitivityResult,
  type UncertaintyOptions,
  type UncertaintyResult,
} from "../core/uncertainty";
import type { Bundle } from "../data/bundle";
import { areaLabels } from "../workbook/plan/areas";
import { loadMeasureInput, readSpec, settingsFromArgs, silentProgress, type Progress } from "./build";
import type { CsvCell } from "./csvOut";
import { writeCsvFile } from "./csvOut";
import { CliError } from "./errors";
import { prepareOutDir, TempFiles } from "./output";
import { indicesChart, rankIntervalChart } from "../workbook/uncertaintyCharts";
import {
  sensitivityTable,
  type Table,
  uncertaintyAreaTable,
  uncertaintyGroupTable,
} from "../workbook/uncertaintyTables";
import { defaultThreads, parallelSensitivity, parallelUncertainty } from "./uncertaintyPool";
import type { UserData } from "./userData";

export const UNCERTAINTY_FILES = {
  areas: "hln-uncertainty-areas.csv",
  groups: "hln-uncertainty-groups.csv",
  indices: "hln-sensitivity-indices.csv",
  intervals: "hln-rank-intervals.svg",
  indicesChart: "hln-sensitivity.svg",
  run: "hln-uncertainty-run.json",
  leaveOneOut: "hln-leave-one-out.csv",
} as const;

export interface SensitivityArgs {
  out?: string;
  draws?: string | number;
  seed?: string | number;
  factors?: string;
  /** Base sample N of the Sobol design: writes the indices CSV and chart. */
  sobol?: string | number;
  /** Also write the leave-one-indicator-out table. */
  leaveOneOut?: boolean;
  bootstrap?: string | number;
  weightCv?: string | number;
  concentration?: string | number;
  /** "lo,hi" of C. */
  constantRange?: string;
  offsets?: string;
  weights?: string;
  constant?: string | number;
  scaling?: string;
  spec?: string;
  data?: string;
  decimal?: string;
  /** Include the indicators with no open data (default: left out). */
  includeSynthetic?: boolean;
  bundleDir?: string;
  version?: string;
  /** Threads (main + workers) the runs are split over; default 2. Results do not depend on it. */
  threads?: string | number;
}

export interface SensitivitySummary {
  areas: number;
  draws: number;
  factors: string[];
  meanRankShift: number;
  sobolRuns?: number;
  files: string[];
  ms: number;
}

/** The option's flag in messages. */
const FLAG: Record<string, string> = {
  factors: "--factors",
  draws: "--draws",
  seed: "--seed",
  weightCv: "--weight-cv",
  concentration: "--concentration",
  constantRange: "--constant-range",
  offsets: "--offsets",
  bootstrap: "--bootstrap",
};

const num = (v: string | number | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const x = typeof v === "number" ? v : String(v).trim() === "" ? NaN : Number(v);
  if (Number.isNaN(x)) throw new CliError(`${flag} must be a number, got "${v}"`);
  return x;
};
const list = (v: string | undefined) =>
  v
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** The analysis options from the flags; an HlnError of the core becomes one line naming the flag. */
export function uncertaintyOptionsFromArgs(args: SensitivityArgs): { mc: UncertaintyOptions; sobolN?: number } {
  const factors = list(args.factors);
  const range = list(args.constantRange)?.map((s) => num(s, "--constant-range")!);
  const raw: Partial<UncertaintyOptions> = {
    factors: factors && factors.length === 1 && factors[0] === "all" ? [...FACTOR_GROUPS] : (factors as never),
    draws: num(args.draws, "--draws"),
    seed: num(args.seed, "--seed"),
    weightCv: num(args.weightCv, "--weight-cv"),
    concentration: num(args.concentration, "--concentration"),
    constantRange: range as [number, number] | undefined,
    offsets: list(args.offsets) as never,
    bootstrap: num(args.bootstrap, "--bootstrap"),
  };
  try {
    const mc = validateUncertaintyOptions(raw);
    const sobolN = num(args.sobol, "--sobol");
    if (sobolN !== undefined) validateUncertaintyOptions({ ...raw, draws: sobolN });
    return { mc, sobolN };
  } catch (e) {
    if (e instanceof HlnError && e.path) {
      const flag = e.path === "draws" && args.sobol !== undefined && raw.draws === undefined ? "--sobol" : FLAG[e.path];
      throw new CliError(`${flag ?? e.path}: ${e.message.slice(e.path.length + 2)}`);
    }
    throw e;
  }
}

/** Runs the analysis and writes the files; returns what was done. */
export async function runSensitivityCli(
  args: SensitivityArgs,
  progress: Progress = silentProgress,
): Promise<SensitivitySummary> {
  const t0 = performance.now();
  const { mc, sobolN } = uncertaintyOptionsFromArgs(args);
  const threads = num(args.threads, "--threads") ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new CliError(`--threads must be a whole number from 1 to 64, got "${args.threads}"`);
  const outDir = prepareOutDir(args.out ?? "out");
  progress.stage("reading the spec");
  const spec = args.spec ? readSpec(args.spec) : hlnSpec;
  progress.stage("loading data");
  const { source, data } = await loadMeasureInput(spec, args);
  const settings = settingsFromArgs(args, spec);
  const { spec: used, options } = settingsToBuild(spec, settings, syntheticIndicators(spec, (source as Bundle).meta));
  progress.stage("preparing the measure");
  let prepared;
  try {
    prepared = prepareMeasure(used, data, options);
  } catch (e) {
    if (e instanceof HlnError)
      throw new CliError(
        `${args.data ? basename(args.data) : args.spec ? basename(args.spec) : "options"}: ${e.message}`,
      );
    throw e;
  }
  let mcResult: UncertaintyResult;
  try {
    mcResult = await parallelUncertainty(prepared, mc, threads, (d, t) => progress.fraction("Monte Carlo draws", d, t));
  } catch (e) {
    if (e instanceof HlnError && e.path === "draws") throw new CliError(`--draws: ${e.message.slice(7)}`);
    throw e;
  }
  let sens: SensitivityResult | undefined;
  if (sobolN !== undefined)
    sens = await parallelSensitivity(prepared, { ...mc, draws: sobolN }, threads, (d, t) =>
      progress.fraction("Sobol runs", d, t),
    );
  progress.done();

  const names = areaNames(source);
  const L = areaLabels(used);
  const files: { name: string; write: (path: string) => void }[] = [
    { name: UNCERTAINTY_FILES.areas, write: (p) => writeAreas(p, prepared.nominal.areaCodes, names, mcResult, L) },
    {
      name: UNCERTAINTY_FILES.groups,
      write: (p) => writeTable(p, uncertaintyGroupTable(names.groupName, mcResult, sens, L.groupCsv)),
    },
    {
      name: UNCERTAINTY_FILES.intervals,
      write: (p) =>
        writeFileSync(p, rankIntervalChart(prepared.nominal.areaCodes, names.areaNames, mcResult, L.noun, used)),
    },
  ];
  if (sens) {
    const s = sens;
    files.push(
      { name: UNCERTAINTY_FILES.indices, write: (p) => writeTable(p, sensitivityTable(s)) },
      {
        name: UNCERTAINTY_FILES.indicesChart,
        write: (p) => writeFileSync(p, indicesChart(s)),
      },
    );
  }
  if (args.leaveOneOut) {
    const rows = leaveOneOut(prepared);
    files.push({
      name: UNCERTAINTY_FILES.leaveOneOut,
      write: (p) =>
        writeCsvFile(
          p,
          ["indicator", "also_zeroed", "mean_abs_rank_shift", "max_abs_rank_shift", "entered_top10", "left_top10"],
          rows.length,
          (k): CsvCell[] => [
            rows[k].id,
            rows[k].alsoZeroed.join(" "),
            round(rows[k].meanRankShift, 6),
            rows[k].maxRankShift,
            rows[k].enteredTop10,
            rows[k].leftTop10,
          ],
        ),
    });
  }
  files.push({
    name: UNCERTAINTY_FILES.run,
    write: (p) => writeFileSync(p, JSON.stringify(runRecord(args, used, mcResult, sens), null, 2) + "\n"),
  });
  const temps = new TempFiles();
  const tag = `.tmp-${process.pid}`;
  try {
    for (const f of files) f.write(temps.add(join(outDir, `.${f.name}${tag}`)));
    for (const f of files) renameSync(join(outDir, `.${f.name}${tag}`), join(outDir, f.name));
    temps.release();
  } catch (e) {
    temps.removeAll();
    throw e;
  }
  return {
    areas: prepared.n,
    draws: mc.draws,
    factors: mcResult.options.factors,
    meanRankShift: mcResult.meanRankShift,
    sobolRuns: sens?.runs,
    files: files.map((f) => join(outDir, f.name)),
    ms: performance.now() - t0,
  };
}

/** Area names, and each group label's name (indexed like the measure's groups.labels). */
function areaNames(source: Bundle | UserData): { areaNames: string[]; groupName: (code: string) => string } {
  const g = (source as Bundle).geography;
  const user = source as UserData;
  const n = (g ? g.lsoa21Code : user.areaCodes).length;
  const areaNames = Array.from({ length: n }, (_, i) => (g ? g.lsoa21Name[i] : (user.names?.[i] ?? "")));
  const byCode = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const code = g ? g.ladCode[i] : user.groupCodes[i];
    if (!byCode.has(code)) byCode.set(code, g ? g.ladName[i] : (user.groupNames?.[i] ?? ""));
  }
  return { areaNames, groupName: (c) => byCode.get(c) ?? "" };
}

const round = (x: number, d: number) => (Number.isFinite(x) ? Number(x.toFixed(d)) : NaN);

function writeAreas(
  path: string,
  codes: string[],
  names: ReturnType<typeof areaNames>,
  r: UncertaintyResult,
  L: ReturnType<typeof areaLabels>,
) {
  writeTable(path, uncertaintyAreaTable(codes, names.areaNames, r, L.csv));
}

const writeTable = (path: string, t: Table) => writeCsvFile(path, t.header, t.count, t.row);

function runRecord(args: SensitivityArgs, spec: MeasureSpec, r: UncertaintyResult, s?: SensitivityResult) {
  return {
    tool: "hln sensitivity",
    version: args.version ?? "",
    spec: spec.id,
    options: { ...r.options, concentration: r.options.concentration ?? null },
    nominal: { weights: args.weights ?? null, constant: args.constant ?? null, scaling: args.scaling ?? null },
    dirichletConcentration: {
      weights: Number.isFinite(r.alphas.weights) ? round(r.alphas.weights, 6) : null,
      indicatorWeights: r.alphas.inner.map((a) => (Number.isFinite(a) ? round(a, 6) : null)),
    },
    meanRankShift: round(r.meanRankShift, 6),
    sobol: s
      ? {
          n: s.n,
          runs: s.runs,
          factors: s.factors,
          meanAbsRankShift: s.rankShift.map((ix, i) => ({
            factor: s.factors[i],
            S: round(ix.S, 6),
            ST: round(ix.ST, 6),
          })),
        }
      : null,
  };
}
