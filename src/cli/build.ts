/**
 * `hln build`: data (the bundle, or a user's CSV) → core → sheet plan → out/hln-measure.xlsx and
 * out/hln-scores.csv. Outputs are written under temporary names and renamed only when everything
 * succeeded, so a failure never leaves a partial file.
 */
import { readFileSync, renameSync } from "fs";
import { basename, join, resolve } from "path";
import type { MeasureData, MeasureResult } from "../core/buildMeasure";
import { HlnError } from "../core/errors";
import { groupIndex } from "../core/groupIndex";
import { optionProblem } from "../core/options";
import { copySettings, defaultSettings, type MeasureSettings } from "../core/settings";
import { listIndicators, MeasureSpec, specColumns } from "../core/spec";
import { jsonErrorOffset, parseSpecText } from "../core/specText";
import type { Scenario } from "../core/scenario";
import { hlnSpec } from "../core/specs";
import { areaSummary } from "../core/summaries/areaSummary";
import { topAreas } from "../core/topAreas";
import { BundleError, toMeasureData, type Bundle } from "../data/bundle";
import { areaGrouping, GROUPINGS, isGroupingId } from "../data/groupings";
import { loadBundleFromDir } from "../data/node";
import { syntheticIndicators } from "../data/openData";
import {
  areaLabels,
  dataStatusCounts,
  type FormulaMode,
  formatStatus,
  FORMULA_MODES,
  isFormulaMode,
  type PlanOptions,
  type SummaryGrouping,
} from "../workbook/plan";
import { bundledSecondIndex } from "../data/secondIndex";
import { buildWorkbook, computeMeasure } from "../workbook/pipeline";
import type { WorkbookPlan } from "../workbook/planTypes";
import {
  checkExcelLimits,
  EXCEL_MAX_ROWS,
  SheetTooLargeError,
  writePlanXlsx,
  XlsxWriteStats,
} from "../workbook/xlsxWriter";
import { MAP_FILES, userLaMapSvg, writeMapSvgs, writeUserLaMap } from "./maps";
import { CliError } from "./errors";
import { prepareOutDir, TempFiles } from "./output";
import { CsvCell, unparseRows, writeCsvFile } from "./csvOut";
import { dataQaLines, dataReadLine, dataWarnings } from "./report";
import { csvHeader, readUserCsv, UserData, UserDataReport } from "./userData";
import { areasChoice, areasSheetColumns, measureChoice, readAreasBook, readMeasureBook } from "./workbookInput";
import { readXlsxBook, xlsxRef, type XlsxBook } from "./xlsxIn";
import { applyReplacements } from "./replace";
import { bookScenarios, buildScenarios } from "./scenarioFile";
import { dualColumn, readSecondCsv } from "./second";

export const XLSX_NAME = "hln-measure.xlsx";
export const CSV_NAME = "hln-scores.csv";

export interface BuildArgs {
  out?: string;
  weights?: string;
  constant?: string | number;
  scaling?: string;
  spec?: string;
  /** An xlsx whose Measure and Weights sheets give the spec and its settings (instead of --spec). */
  measure?: string;
  /** A CSV, or an xlsx sheet ("book.xlsx#Sheet"; without a sheet: the first with an areas table). */
  data?: string;
  /** Decimal mark of --data: "." (default) or ",". */
  decimal?: string;
  /** "lad,utla,region,msoa,ward": area summary sheets (lad is always written). */
  summaries?: string;
  format?: string;
  /** Computed cells of the workbook: "native" (Excel built-ins; the CLI default) or "addin" (HLN.* functions). */
  formulas?: string;
  /** Native mode: "on" (default) writes the intermediate audit columns, "off" leaves them out. */
  auditColumns?: string;
  /** Bundle directory (tests); default assets/data. */
  bundleDir?: string;
  version?: string;
  builtAt?: string;
  /** A second index for the Dual sheet and the CSV's dual column (default: the bundled IMD 2025 rank). */
  second?: string;
  /** "score" (default) or "rank". */
  secondDirection?: string;
  /** Build even when under 95% of the areas have a second-index value. */
  allowPartial?: boolean;
  /** "indicator=file.csv": replace that indicator's data with the user's (bundle builds; src/cli/replace.ts). */
  replace?: string[];
  /** "indicator=source text" for a --replace (default: the file name). */
  replaceSource?: string[];
  /** Include the indicators with no open data (the bundle's synthetic stand-ins; default: left out). */
  includeSynthetic?: boolean;
  /**
   * The Compare sheet's baseline: a scenario file, or the name of a saved scenario (the --measure
   * book's Scenarios sheet, a --scenario file, or "the spec's settings"). Default: the spec's settings.
   */
  baseline?: string;
  /** Scenario files saved in the workbook's HLN Scenarios sheet, after the --measure book's own. */
  scenario?: string[];
}

export interface Progress {
  stage(label: string): void;
  fraction(label: string, done: number, total: number): void;
  done(): void;
}

export const silentProgress: Progress = { stage() {}, fraction() {}, done() {} };

export interface BuildSummary {
  /** The measure's short name or label ("HLN"). */
  measure: string;
  /** The spec's word for an area ("LSOA", "area"). */
  areaNoun: string;
  /** Each area summary: groups, and areas left out (no score, no group, bad population). */
  summaries: { id: string; groups: number; leftOut: number }[];
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
  /** One line per --replace: the indicator, the columns, areas matched, missing and codes not in the data. */
  replaced?: string[];
  /** Indicators with no open data (labels), and whether they were included (--include-synthetic). */
  noOpenData?: { labels: string[]; included: boolean };
  /** Lines for stderr (also with --quiet): rows dropped or flagged, empty columns. */
  warnings: string[];
  /** Dual disadvantage against the second index (default shares 10% / 10%). */
  dual?: { against: string; flagged: number };
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

/** Reads and validates a spec file; errors name the file and the field (src/core/specText.ts). */
export function readSpec(path: string): MeasureSpec {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(`${path}: cannot read the spec (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return parseSpecText(basename(path), text);
  } catch (e) {
    if (e instanceof HlnError) throw new CliError(e.message);
    throw e;
  }
}

export { jsonErrorOffset };

/** The indicators with no open data in this build's data, for the summary line (none: nothing). */
function noOpenDataSummary(
  spec: MeasureSpec,
  source: Bundle | UserData,
  settings: MeasureSettings,
): Pick<BuildSummary, "noOpenData"> {
  const ids = syntheticIndicators(spec, (source as Bundle).meta);
  if (ids.length === 0) return {};
  const label = new Map(listIndicators(spec).map(({ indicator }) => [indicator.id, indicator.label]));
  return { noOpenData: { labels: ids.map((id) => label.get(id) ?? id), included: settings.includeSynthetic } };
}

/** The flags over `base` (default: the spec's own settings; --measure: its Weights sheet's). */
export function settingsFromArgs(args: BuildArgs, spec: MeasureSpec, base?: MeasureSettings): MeasureSettings {
  const settings = base ? copySettings(base) : defaultSettings(spec);
  if (args.weights !== undefined) {
    for (const [id, w] of Object.entries(parseWeights(args.weights))) {
      if (!Object.prototype.hasOwnProperty.call(settings.weights, id))
        throw new CliError(
          `--weights: "${id}" is not a dimension, sub-dimension or indicator id of the spec "${spec.id}"`,
        );
      settings.weights[id] = w;
    }
  }
  if (args.constant !== undefined) {
    const c = String(args.constant).trim() === "" ? NaN : Number(args.constant);
    const problem = optionProblem("constant", c);
    if (problem) throw new CliError(`--constant ${problem}, got "${args.constant}"`);
    settings.constant = c;
  }
  if (args.scaling !== undefined) {
    const problem = optionProblem("scaling", args.scaling);
    if (problem) throw new CliError(`--scaling ${problem}, got "${args.scaling}"`);
    settings.scaling = args.scaling as MeasureSettings["scaling"];
  }
  if (args.includeSynthetic) settings.includeSynthetic = true;
  return settings;
}
export function summaryGroupings(list: string | undefined, source: Bundle | UserData): SummaryGrouping[] {
  const ids = (list ?? "lad")
    .split(",")
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
  for (const id of ids)
    if (!isGroupingId(id)) throw new CliError(`--summaries: "${id}" is not one of ${GROUPINGS.join(", ")}`);
  const extra = [...new Set(ids)].filter((id) => id !== "lad");
  if (extra.length > 0 && !(source as Bundle).geography)
    throw new CliError(
      `--summaries ${extra.join(",")}: your data has only its own group column (the bundled data has ${GROUPINGS.join(", ")}); use --summaries lad`,
    );
  return extra.map((id) => areaGrouping(source as Bundle, id));
}
function cliErrorOf(e: unknown, args: BuildArgs): unknown {
  if (!(e instanceof HlnError)) return e;
  const where = args.data ? basename(args.data) : args.spec ? basename(args.spec) : "options";
  const msg = e.message.replace(/^weights\.([A-Za-z0-9_]+): /, "--weights $1: ");
  return new CliError(`${where}: ${msg}`);
}
function topFive(result: MeasureResult, source: Bundle | UserData): BuildSummary["top"] {
  const g = (source as Bundle).geography;
  const user = source as UserData;
  return Array.from(topAreas(result.rank, 5), (i) => ({
    rank: result.rank[i],
    code: result.areaCodes[i],
    name: g ? g.lsoa21Name[i] : (user.names?.[i] ?? ""),
    lad: g ? g.ladName[i] : (user.groupNames?.[i] ?? user.groupCodes[i]),
    score: result.score[i],
  }));
}
function summaryCounts(
  result: MeasureResult,
  groupings: SummaryGrouping[],
  source: Bundle | UserData,
): BuildSummary["summaries"] {
  const leftOut = (problems: { row?: number }[]) =>
    new Set(problems.filter((p) => p.row !== undefined).map((p) => p.row)).size;
  const out = [{ id: "lad", groups: result.groups.labels.length, leftOut: leftOut(result.districts.problems) }];
  for (const g of groupings) {
    const pop = (source as Bundle).columns?.pop_total ?? (source as UserData).population;
    const s = areaSummary(result.score, groupIndex(g.codes).codes, pop, result.rank);
    out.push({ id: g.id, groups: s.areas.length, leftOut: leftOut(s.problems) });
  }
  return out;
}

function formats(f: string | undefined): { xlsx: boolean; csv: boolean } {
  const v = (f ?? "both").toLowerCase();
  if (v !== "xlsx" && v !== "csv" && v !== "both") throw new CliError(`--format must be xlsx, csv or both, got "${f}"`);
  return { xlsx: v !== "csv", csv: v !== "xlsx" };
}

/**
 * The CLI's default formula mode (docs/cli.md): native — its file is for people who may not have the
 * add-in (every sheet has a native form). The plan's own default stays "addin" (the task pane).
 */
export const CLI_FORMULA_MODE: FormulaMode = "native";

/** --formulas and --audit-columns → the plan's formula options. */
export function formulaOptions(args: BuildArgs): { formulas: FormulaMode; auditColumns: boolean } {
  const f = (args.formulas ?? CLI_FORMULA_MODE).toLowerCase();
  if (!isFormulaMode(f)) throw new CliError(`--formulas must be ${FORMULA_MODES.join(" or ")}, got "${args.formulas}"`);
  const a = (args.auditColumns ?? "on").toLowerCase();
  if (a !== "on" && a !== "off") throw new CliError(`--audit-columns must be on or off, got "${args.auditColumns}"`);
  if (a === "off" && f !== "native") throw new CliError("--audit-columns off needs --formulas native");
  return { formulas: f, auditColumns: a === "on" };
}

/** An English or Welsh local authority district code (E06–E09, W06): group codes a district map can draw. */
const LAD_CODE = /^(E0[6-9]|W06)\d{6}$/;

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

/**
 * The data a command measures: the user's CSV (`--data`) when given, else the bundled dataset.
 * `source` keeps what the command reports from (geography names, the user data's report).
 */
export async function loadMeasureInput(
  spec: MeasureSpec,
  args: { data?: string; decimal?: string; bundleDir?: string },
): Promise<{ source: Bundle | UserData; data: MeasureData }> {
  if (args.data) {
    const user = await readUserCsv(args.data, spec, { decimal: args.decimal });
    return { source: user, data: user };
  }
  const loaded = loadBundledDataset(args.bundleDir);
  return { source: loaded.bundle, data: loaded.data };
}

/** The scores table, one row per area (column order documented in docs/cli.md), as a row function. */
export function scoresTable(
  spec: MeasureSpec,
  source: Bundle | UserData,
  result: MeasureResult,
  /** The bundled IMD 2025 rank and the dual flag (issue 17), when there are. */
  extra: { imdRank?: Float64Array; dual?: Float64Array } = {},
): { header: string[]; count: number; row: (i: number) => CsvCell[] } {
  const bundle = (source as Bundle).geography ? (source as Bundle) : undefined;
  const user = bundle ? undefined : (source as UserData);
  const n = result.areaCodes.length;
  const L = areaLabels(spec);
  const header = [`${L.csv}_code`, `${L.csv}_name`, `${L.groupCsv}_code`, `${L.groupCsv}_name`, "region"];
  for (const d of result.dimensions) header.push(`${d.id}_score`, `${d.id}_rank`);
  header.push("overall_score", "rank", "decile", "hotspot");
  if (extra.imdRank) header.push("imd_rank");
  if (extra.dual) header.push("dual");
  header.push("data_status");
  const status = formatStatus(dataStatusCounts(spec, bundle?.meta));
  // per-row count of flagged (imputed / capped) cells among the spec's columns
  const flagged = new Int32Array(n);
  if (bundle) {
    for (const c of specColumns(spec)) {
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
    for (const d of result.dimensions) r.push(d.transformed[i], d.rank[i]);
    r.push(result.score[i], result.rank[i], result.decile[i], result.hotspot[i]);
    if (extra.imdRank) r.push(extra.imdRank[i]);
    if (extra.dual) r.push(extra.dual[i]);
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

/** The core (lean for a CSV-only build) and, for an xlsx, the sheet plan, through the shared pipeline. */
function computeAndPlan(
  args: BuildArgs,
  spec: MeasureSpec,
  source: Bundle | UserData,
  settings: MeasureSettings,
  groupings: SummaryGrouping[],
  xlsx: boolean,
  dual: PlanOptions["dual"],
  saved: Scenario[] = [],
): { result: MeasureResult; spec: MeasureSpec; plan?: WorkbookPlan } {
  const scenarios = buildScenarios(spec, saved, args.scenario ?? [], args.baseline);
  let built: ReturnType<typeof computeMeasure> & { plan?: WorkbookPlan };
  try {
    // a CSV-only build needs no sheet plan, and no intermediate columns (1 M rows would hold them for nothing)
    built = xlsx
      ? buildWorkbook(spec, source, settings, {
          version: args.version,
          builtAt: args.builtAt,
          dataLabel: args.data ? basename(args.data) : undefined,
          ...(args.data ? { dataChecks: dataQaLines((source as UserData).report, basename(args.data)) } : {}),
          groupings,
          dual: dual ?? null,
          ...(scenarios.baseline ? { compare: scenarios.baseline } : {}),
          scenarios: scenarios.scenarios,
          ...formulaOptions(args),
        })
      : computeMeasure(spec, source, settings, { lean: true });
  } catch (e) {
    throw cliErrorOf(e, args);
  }
  if (built.plan) {
    try {
      checkExcelLimits(built.plan);
    } catch (e) {
      if (e instanceof SheetTooLargeError) throw new CliError(`${e.message}: use --format csv`);
      throw e;
    }
  }
  return built;
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
  formulaOptions(args); // a bad --formulas / --audit-columns fails before any work
  const outDir = prepareOutDir(args.out ?? "out");
  progress.stage("reading the spec");
  const input = await readInputs(args, progress);
  const { spec, source, data } = input;
  lap("load");
  if (fmt.xlsx) checkXlsxRows(data.areaCodes.length, args.data ? basename(args.data) : "the bundle");
  const settings = settingsFromArgs(args, spec, input.settings);
  const groupings = summaryGroupings(args.summaries, source);
  const dual = dualSource(args, source, data);
  progress.stage("building the measure");
  const {
    result,
    spec: used,
    plan,
  } = computeAndPlan(args, spec, source, settings, groupings, fmt.xlsx, dual?.plan, input.scenarios);
  const dualCol = dual ? dualColumn(result, dual.plan.second) : undefined;
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
      const table = scoresTable(used, source, result, {
        imdRank: (source as Bundle).columns?.imd_rank,
        dual: dualCol?.flag,
      });
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
  const mapWarnings: string[] = [];
  if (!args.data) {
    // the LSOA maps need the bundled LSOA21 boundaries, so only bundle builds draw them (issue 7)
    progress.stage("drawing the maps");
    const dualMap = dual && dualCol ? { flag: dualCol.flag, against: dual.plan.second.label } : undefined;
    files.push(...(await writeMapSvgs(outDir, source as Bundle, result, { dual: dualMap })));
    lap("maps");
  } else if ((source as UserData).groupCodes.some((g) => LAD_CODE.test(g))) {
    // the user's own areas (any unit) grouped by LAD codes: the district map only (issue 16)
    progress.stage("drawing the district map");
    const lads = loadBundledDataset(args.bundleDir).bundle.geography;
    const m = userLaMapSvg(lads, source as UserData, result);
    if (m.svg) files.push(await writeUserLaMap(outDir, m.svg));
    if (m.unmatched.length > 0)
      mapWarnings.push(
        `${m.unmatched.length} group code(s) are not districts of the bundled boundaries (e.g. ${m.unmatched[0]}): left out of ${MAP_FILES.la}`,
      );
    lap("maps");
  }
  progress.done();
  return {
    measure: spec.short ?? spec.label,
    areaNoun: areaLabels(spec).noun,
    summaries: summaryCounts(result, groupings, source),
    areas: result.areaCodes.length,
    inMeasure: result.n,
    indicators: result.indicators.length,
    ms: performance.now() - t0,
    files,
    top: topFive(result, source),
    dataStatus: formatStatus(dataStatusCounts(spec, (source as Bundle).meta)),
    xlsx: xlsxStats,
    ...(args.data ? { dataReport: (source as UserData).report } : {}),
    ...(args.data ? { dataRead: dataReadLine((source as UserData).report, basename(args.data)) } : {}),
    ...(input.notes ? { replaced: input.notes } : {}),
    ...noOpenDataSummary(used, source, settings),
    warnings: [
      ...(args.data ? dataWarnings((source as UserData).report, basename(args.data)) : []),
      ...(dual?.warnings ?? []),
      ...mapWarnings,
    ],
    ...(dual && dualCol ? { dual: { against: dual.plan.second.label, flagged: dualCol.flagged } } : {}),
    timings,
  };
}

/**
 * The spec (--spec, --measure or the shipped HLN spec; --measure also gives the Weights sheet's
 * settings) and the data (the bundle, a CSV or an xlsx sheet). With --measure, the data's columns
 * are read first so that a Measure cell naming no column is reported by its cell.
 */
async function readInputs(
  args: BuildArgs,
  progress: Progress,
): Promise<{
  spec: MeasureSpec;
  settings?: MeasureSettings;
  source: Bundle | UserData;
  data: MeasureData;
  notes?: string[];
  scenarios?: Scenario[];
}> {
  if (args.spec && args.measure) throw new CliError("give --spec or --measure, not both");
  const dataRef = args.data ? xlsxRef(args.data) : undefined;
  if (dataRef && args.decimal !== undefined)
    throw new CliError("--decimal applies to a CSV --data; the numbers of an xlsx sheet are read as numbers");
  let bundled: ReturnType<typeof loadBundledDataset> | undefined;
  const bundle = () => (bundled ??= loadBundledDataset(args.bundleDir));
  let dataBook: XlsxBook | undefined;
  const book = async (path: string, s: MeasureSpec) =>
    (dataBook ??= await readXlsxBook(path, areasChoice(dataRef?.sheet, s)));
  let spec: MeasureSpec = hlnSpec;
  let settings: MeasureSettings | undefined;
  let scenarios: Scenario[] | undefined;
  if (args.measure) {
    const same = dataRef !== undefined && resolve(dataRef.path) === resolve(args.measure);
    const measureBook = await readXlsxBook(args.measure, measureChoice(same ? { sheet: dataRef.sheet } : undefined));
    if (same) dataBook = measureBook;
    const columnsOf = async (s: MeasureSpec) =>
      dataRef
        ? areasSheetColumns(await book(dataRef.path, s), dataRef.sheet, s)
        : args.data
          ? csvHeader(args.data)
          : Object.keys(bundle().bundle.columns);
    ({ spec, settings } = await readMeasureBook(measureBook, columnsOf));
    scenarios = bookScenarios(measureBook, spec);
  } else if (args.spec) spec = readSpec(args.spec);
  progress.stage("loading data");
  if (args.replace?.length && args.data)
    throw new CliError("--replace applies to the bundled data; with --data, put the indicator's columns in your file");
  if (args.replaceSource?.length && !args.replace?.length) throw new CliError("--replace-source needs --replace");
  if (!args.data && args.replace?.length) {
    const r = applyReplacements(bundle().bundle, spec, args.replace, args.replaceSource);
    return { spec: r.spec, settings, scenarios, source: r.bundle, data: toMeasureData(r.bundle), notes: r.lines };
  }
  if (!args.data) return { spec, settings, scenarios, source: bundle().bundle, data: bundle().data };
  const source = dataRef
    ? readAreasBook(await book(dataRef.path, spec), dataRef.sheet, spec)
    : await readUserCsv(args.data, spec, { decimal: args.decimal });
  return { spec, settings, scenarios, source, data: source };
}

/** The second index: --second, else the bundle's IMD 2025 rank, else none; with warnings on unmatched codes. */
function dualSource(
  args: BuildArgs,
  source: Bundle | UserData,
  data: MeasureData,
): { plan: NonNullable<PlanOptions["dual"]>; warnings: string[] } | undefined {
  const bundle = (source as Bundle).geography ? (source as Bundle) : undefined;
  if (!args.second) {
    if (args.secondDirection || args.allowPartial)
      throw new CliError("--second-direction and --allow-partial need --second");
    const b = bundle ? bundledSecondIndex(bundle) : undefined;
    return b ? { plan: b, warnings: [] } : undefined;
  }
  const r = readSecondCsv(args.second, data.areaCodes, {
    direction: args.secondDirection,
    allowPartial: args.allowPartial,
  });
  const warnings: string[] = [];
  const file = basename(args.second);
  if (r.unmatched)
    warnings.push(
      `${file}: ${r.unmatched.toLocaleString("en-GB")} code${r.unmatched === 1 ? "" : "s"} not in the data (first: ${r.firstUnmatched.join(", ")})`,
    );
  if (r.missing)
    warnings.push(
      `${file}: ${r.missing.toLocaleString("en-GB")} area${r.missing === 1 ? "" : "s"} without a value (blank in the dual flag)`,
    );
  return {
    plan: { second: r.second, ...(bundle?.geography.ward24Code ? { wards: bundle.geography.ward24Code } : {}) },
    warnings,
  };
}
