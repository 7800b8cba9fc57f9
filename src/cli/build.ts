/**
 * `hln build`: data (the bundle, or a user's CSV) → core → sheet plan → out/hln-measure.xlsx and
 * out/hln-scores.csv. Outputs are written under temporary names and renamed only when everything
 * succeeded, so a failure never leaves a partial file.
 */
import { readFileSync, renameSync } from "fs";
import { basename, join } from "path";
import { buildMeasure, BuildOptions, MeasureData, MeasureResult } from "../core/buildMeasure";
import { HlnError } from "../core/errors";
import { isRankScaling } from "../core/expTransform";
import { needRank } from "../core/needRank";
import { listIndicators, MeasureSpec, validateSpec } from "../core/spec";
import { hlnSpec } from "../core/specs";
import { BundleError, toMeasureData, type Bundle } from "../data/bundle";
import { loadBundleFromDir } from "../data/node";
import { dataStatusCounts, formatStatus, planWorkbook } from "../workbook/plan";
import type { WorkbookPlan } from "../workbook/planTypes";
import {
  checkExcelLimits,
  EXCEL_MAX_ROWS,
  SheetTooLargeError,
  writePlanXlsx,
  XlsxWriteStats,
} from "../workbook/xlsxWriter";
import { writeMapSvgs } from "./maps";
import { CliError } from "./errors";
import { prepareOutDir, TempFiles } from "./output";
import { CsvCell, unparseRows, writeCsvFile } from "./csvOut";
import { dataReadLine, dataWarnings } from "./report";
import { readUserCsv, UserData, UserDataReport } from "./userData";

export const XLSX_NAME = "hln-measure.xlsx";
export const CSV_NAME = "hln-scores.csv";

export interface BuildArgs {
  out?: string;
  weights?: string;
  constant?: string | number;
  scaling?: string;
  spec?: string;
  data?: string;
  /** Decimal mark of --data: "." (default) or ",". */
  decimal?: string;
  format?: string;
  /** Bundle directory (tests); default assets/data. */
  bundleDir?: string;
  version?: string;
  builtAt?: string;
}

export interface Progress {
  stage(label: string): void;
  fraction(label: string, done: number, total: number): void;
  done(): void;
}

export const silentProgress: Progress = { stage() {}, fraction() {}, done() {} };

export interface BuildSummary {
  areas: number;
  inMeasure: number;
  indicators: number;
  ms: number;
  files: string[];
  top: { rank: number; code: string; name: string; lad: string; score: number }[];
  dataStatus: string;
  xlsx?: XlsxWriteStats;
  /** --data builds: delimiter, decimal mark, rows left out of indicators (src/cli/userData.ts). */
  dataReport?: UserDataReport;
  /** --data builds: how the file was read (delimiter, decimal mark, thousands separators). */
  dataRead?: string;
  /** Lines for stderr (also with --quiet): rows dropped or flagged, empty columns. */
  warnings: string[];
  timings: Record<string, number>;
}

/** Parses "growth=0.3,energy=0.1". */
export function parseWeights(s: string): Record<string, number> {
  // null prototype: "__proto__" or "constructor" are keys like any other (and unknown ids to the core)
  const out: Record<string, number> = Object.create(null);
  for (const part of s
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/.exec(part);
    if (!m) throw new CliError(`--weights: "${part}" is not id=number (e.g. --weights growth=0.3,energy=0.1)`);
    const x = Number(m[2]);
    if (!Number.isFinite(x) || x < 0)
      throw new CliError(`--weights: weight of "${m[1]}" must be a non-negative number, got "${m[2]}"`);
    out[m[1]] = x;
  }
  return out;
}

/** Reads and validates a spec file; errors name the file and the field. */
export function readSpec(path: string): MeasureSpec {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(`${path}: cannot read the spec (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const at = jsonErrorOffset(text);
    let where = "";
    if (at >= 0) {
      const before = text.slice(0, at);
      const line = before.split("\n").length;
      where = ` row ${line}, column ${at - before.lastIndexOf("\n")}`;
    }
    throw new CliError(`${basename(path)}${where}: malformed JSON (${msg.split("\n")[0]})`);
  }
  try {
    return validateSpec(json);
  } catch (e) {
    if (e instanceof HlnError) throw new CliError(`${basename(path)}: ${e.message}`);
    throw e;
  }
}

/**
 * Offset of the first JSON syntax error (-1 if none): the shortest prefix whose parse fails with
 * something other than "unexpected end" (Node 20's JSON.parse messages do not always say where).
 */
export function jsonErrorOffset(text: string): number {
  const failsInside = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (e) {
      const m = (e as Error).message;
      const pos = /at position (\d+)/.exec(m);
      if (pos) return Number(pos[1]) < k;
      return !/end of JSON input/.test(m) || k === text.length;
    }
  };
  if (!failsInside(text.length)) return -1;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (failsInside(mid)) hi = mid;
    else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}

function buildOptions(args: BuildArgs): BuildOptions {
  const o: BuildOptions = {};
  if (args.weights !== undefined) o.weights = parseWeights(args.weights);
  if (args.constant !== undefined) {
    const c = Number(args.constant);
    if (String(args.constant).trim() === "" || !Number.isFinite(c) || c <= 0) {
      throw new CliError(`--constant must be a number greater than 0, got "${args.constant}"`);
    }
    o.constant = c;
  }
  if (args.scaling !== undefined) {
    if (!isRankScaling(args.scaling))
      throw new CliError(`--scaling must be "hln" (rank/(N+1)) or "iod" (rank/N), got "${args.scaling}"`);
    o.scaling = args.scaling;
  }
  return o;
}

function formats(f: string | undefined): { xlsx: boolean; csv: boolean } {
  const v = (f ?? "both").toLowerCase();
  if (v !== "xlsx" && v !== "csv" && v !== "both") throw new CliError(`--format must be xlsx, csv or both, got "${f}"`);
  return { xlsx: v !== "csv", csv: v !== "xlsx" };
}

/** The bundled dataset as the CLI's input (the one place the CLI reads the bundle). */
export function loadBundledDataset(dir?: string): { bundle: Bundle; data: MeasureData } {
  let bundle: Bundle;
  try {
    bundle = loadBundleFromDir(dir);
  } catch (e) {
    if (e instanceof BundleError) throw new CliError(`the bundled data: ${e.message}`);
    throw e;
  }
  return { bundle, data: toMeasureData(bundle) };
}

/** The scores table, one row per area (column order documented in docs/cli.md), as a row function. */
export function scoresTable(
  spec: MeasureSpec,
  source: Bundle | UserData,
  result: MeasureResult,
): { header: string[]; count: number; row: (i: number) => CsvCell[] } {
  const bundle = (source as Bundle).geography ? (source as Bundle) : undefined;
  const user = bundle ? undefined : (source as UserData);
  const n = result.areaCodes.length;
  const dimRanks = result.dimensions.map((d) => needRank(d.transformed));
  const header = ["lsoa21_code", "lsoa21_name", "lad_code", "lad_name", "region"];
  for (const d of result.dimensions) header.push(`${d.id}_score`, `${d.id}_rank`);
  header.push("overall_score", "rank", "decile", "hotspot", "data_status");
  const status = formatStatus(dataStatusCounts(spec, bundle?.meta));
  // per-row count of flagged (imputed / capped) cells among the spec's columns
  const flagged = new Int32Array(n);
  if (bundle) {
    const cols = new Set(
      listIndicators(spec).flatMap(
        ({ indicator: i }) => [...(i.numerator ?? []), i.denominator, i.value, i.se].filter(Boolean) as string[],
      ),
    );
    for (const c of cols) {
      const f = bundle.flags[c];
      if (f) for (let i = 0; i < n; i++) if (f[i]) flagged[i]++;
    }
  }
  const row = (i: number): CsvCell[] => {
    const g = bundle?.geography;
    const r: CsvCell[] = [
      result.areaCodes[i],
      g ? g.lsoa21Name[i] : (user?.names?.[i] ?? ""),
      g ? g.ladCode[i] : user!.groupCodes[i],
      g ? g.ladName[i] : (user?.groupNames?.[i] ?? ""),
      g ? g.regionName[i] : "",
    ];
    result.dimensions.forEach((d, k) => r.push(d.transformed[i], dimRanks[k][i]));
    r.push(result.score[i], result.rank[i], result.decile[i], result.hotspot[i]);
    let st = status;
    if (flagged[i]) st += `; ${flagged[i]} flagged cell${flagged[i] === 1 ? "" : "s"} (imputed or capped)`;
    if (result.excluded[i]) st += "; excluded from the measure";
    r.push(st);
    return r;
  };
  return { header, count: n, row };
}

/** The scores table as CSV text (papaparse, formula-like text neutralised: src/cli/csvOut.ts). */
export function scoresCsv(spec: MeasureSpec, source: Bundle | UserData, result: MeasureResult): string {
  const t = scoresTable(spec, source, result);
  const rows: CsvCell[][] = [t.header];
  for (let i = 0; i < t.count; i++) rows.push(t.row(i));
  return unparseRows(rows);
}

/** An xlsx needs a header row above the areas: refuse before any work if Excel cannot hold them. */
export function checkXlsxRows(areas: number, what: string): void {
  if (areas + 1 > EXCEL_MAX_ROWS)
    throw new CliError(
      `${what}: ${areas.toLocaleString("en-GB")} areas do not fit in an Excel sheet (at most ${(EXCEL_MAX_ROWS - 1).toLocaleString("en-GB")} below a header row): use --format csv`,
    );
}

/** Runs a build; throws CliError for bad input (nothing is left in the output folder then). */
export async function runBuild(args: BuildArgs, progress: Progress = silentProgress): Promise<BuildSummary> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  let t = t0;
  const lap = (k: string) => {
    const now = performance.now();
    timings[k] = now - t;
    t = now;
  };
  const fmt = formats(args.format);
  const options = buildOptions(args);
  const outDir = prepareOutDir(args.out ?? "out");
  progress.stage("reading the spec");
  const spec = args.spec ? readSpec(args.spec) : hlnSpec;
  progress.stage("loading data");
  let source: Bundle | UserData;
  let data: MeasureData;
  if (args.data) {
    source = await readUserCsv(args.data, spec, { decimal: args.decimal });
    data = source;
  } else {
    const loaded = loadBundledDataset(args.bundleDir);
    source = loaded.bundle;
    data = loaded.data;
  }
  lap("load");
  if (fmt.xlsx) checkXlsxRows(data.areaCodes.length, args.data ? basename(args.data) : "the bundle");
  progress.stage("building the measure");
  let result: MeasureResult;
  try {
    result = buildMeasure(spec, data, fmt.xlsx ? options : { ...options, lean: true });
  } catch (e) {
    if (e instanceof HlnError) {
      const where = args.data ? basename(args.data) : args.spec ? basename(args.spec) : "options";
      const msg = e.message.replace(/^weights\.([A-Za-z0-9_]+): /, "--weights $1: ");
      throw new CliError(`${where}: ${msg}`);
    }
    throw e;
  }
  lap("core");
  // the sheet plan is only needed for the workbook (a CSV-only build of 1 M rows would hold it for nothing)
  const plan: WorkbookPlan | undefined = fmt.xlsx
    ? planWorkbook(spec, source, result, {
        version: args.version,
        builtAt: args.builtAt,
        dataLabel: args.data ? basename(args.data) : undefined,
      })
    : undefined;
  if (plan) {
    try {
      checkExcelLimits(plan);
    } catch (e) {
      if (e instanceof SheetTooLargeError) throw new CliError(`${e.message}: use --format csv`);
      throw e;
    }
  }
  lap("plan");
  const temps = new TempFiles();
  const tag = `.tmp-${process.pid}-${Date.now()}`;
  const pending: { tmp: string; final: string }[] = [];
  let xlsxStats: XlsxWriteStats | undefined;
  try {
    if (fmt.xlsx) {
      const final = join(outDir, XLSX_NAME);
      const tmp = join(outDir, `.${XLSX_NAME}${tag}`);
      pending.push({ tmp: temps.add(tmp), final });
      progress.stage("writing the workbook");
      xlsxStats = await writePlanXlsx(plan!, tmp, {
        onProgress: (d, tot) => progress.fraction("writing the workbook", d, tot),
      });
      lap("xlsx");
    }
    if (fmt.csv) {
      const final = join(outDir, CSV_NAME);
      const tmp = join(outDir, `.${CSV_NAME}${tag}`);
      pending.push({ tmp: temps.add(tmp), final });
      progress.stage("writing the scores csv");
      const table = scoresTable(spec, source, result);
      writeCsvFile(tmp, table.header, table.count, table.row);
      lap("csv");
    }
    for (const p of pending) renameSync(p.tmp, p.final);
    temps.release();
  } catch (e) {
    temps.removeAll();
    throw e;
  }
  const files = pending.map((p) => p.final);
  if (!args.data) {
    // maps need the bundled LSOA21 boundaries, so only bundle builds draw them (issue 7)
    progress.stage("drawing the maps");
    files.push(...(await writeMapSvgs(outDir, source as Bundle, result)));
    lap("maps");
  }
  progress.done();
  const top: BuildSummary["top"] = [];
  const order = Array.from(result.rank.keys())
    .filter((i) => Number.isFinite(result.rank[i]))
    .sort((a, b) => result.rank[a] - result.rank[b]);
  for (const i of order.slice(0, 5)) {
    const g = (source as Bundle).geography;
    top.push({
      rank: result.rank[i],
      code: result.areaCodes[i],
      name: g ? g.lsoa21Name[i] : ((source as UserData).names?.[i] ?? ""),
      lad: g ? g.ladName[i] : ((source as UserData).groupNames?.[i] ?? data.groupCodes[i]),
      score: result.score[i],
    });
  }
  return {
    areas: result.areaCodes.length,
    inMeasure: result.n,
    indicators: result.indicators.length,
    ms: performance.now() - t0,
    files,
    top,
    dataStatus: formatStatus(dataStatusCounts(spec, (source as Bundle).meta)),
    xlsx: xlsxStats,
    ...(args.data ? { dataReport: (source as UserData).report } : {}),
    ...(args.data ? { dataRead: dataReadLine((source as UserData).report, basename(args.data)) } : {}),
    warnings: args.data ? dataWarnings((source as UserData).report, basename(args.data)) : [],
    timings,
  };
}
