/**
 * One build from the task pane, as a plain async function over the Excel calls of excel.ts (injected,
 * so tests run it on the in-memory Excel): check the workbook (lock, interrupted build, Weights and
 * Measure sheets), read the data — the bundle, or a table in the workbook through the areas codec,
 * nothing built while it has problems — and the measure — the Measure sheet through its index and
 * the Measure codec, else the bundled spec — and the settings — the Weights sheet through its index and the codec, or the
 * settings a cancelled or failed rebuild saved — ask the user about anything that would otherwise be
 * silently defaulted or lost (unusable Measure or Weights cells, a renamed or deleted Weights sheet,
 * cells typed into HLN sheets, a stale lock), run the shared pipeline and write the plan under the
 * build lock.
 */
import { HlnError } from "../core/errors";
import type { MeasureSettings } from "../core/settings";
import { settingsDiff, defaultSettings } from "../core/settings";
import { indicatorColumns, listIndicators, type MeasureSpec, specColumns } from "../core/spec";
import type { Bundle } from "../data/bundle";
import { areaGrouping } from "../data/groupings";
import { type BuildLock, lockStatus, type SavedSettings } from "../workbook/buildState";
import { BuildLockedError, type BuildSession, lockedMessage } from "../workbook/officeState";
import type { WriteProgress, WriteReport } from "../workbook/officeWriter";
import { quoteSheet } from "../workbook/a1";
import { type AreasData, areasColumns, readAreas } from "../workbook/areasCodec";
import { formatProblem, type MeasureProblem, readMeasure } from "../workbook/measureCodec";
import { type AreaSource } from "../workbook/plan/areas";
import { SHEET_NAMES } from "../workbook/plan";
import { baselineOf, dataSourceOf, formulaModeOf, replacementsOf } from "../workbook/plan/planIndex";
import { scenarioKey } from "../core/scenario";
import { type IndicatorReplacement, replaceIndicator, restoreIndicator, userColumn } from "../data/replaceIndicator";
import { readReplacement, replaceLabel, type ReplaceChoice, type ReplaceReport } from "./replaceSource";
import type { WorkbookPlan } from "../workbook/planTypes";
import type { MeasureResult } from "../core/buildMeasure";
import { readWeights, type ReadWeights, type WeightsProblem, weightsGrid } from "../workbook/weightsCodec";
import type { AreasGrid, AreasRef, ExcelApi, UserCell, WorkbookCheck } from "./excel";
import { baselineFor, savedScenarios } from "./scenarios";
import {
  buildPaneWorkbook,
  type CompareSummary,
  DEFAULT_FORMULA_CHOICE,
  fitSettings,
  type FormulaChoice,
  measureWithDefaults,
  type PaneField,
  paneFieldsOf,
  type PaneOptions,
  paneOptionsFromWorkbook,
  type ResultSummary,
  settingsForBuild,
  summariseComparison,
  summariseResult,
} from "./model";

export type BuildChoice = "rebuild" | "copy";

/**
 * What a rebuild is made from: "workbook" — the Weights sheet as it is (after a cancelled or failed
 * rebuild, the settings that rebuild saved: *Finish the rebuild*); "previous" — the settings of the
 * build before the interrupted one (*Restore the previous build*).
 */
export type RebuildSource = "workbook" | "previous";

/** What the pane asks before a build when going on would silently default or lose something. */
export type BuildQuestion =
  /**
   * Measure cells that cannot be used (sheet!cell, why): "cancel" (fix them; nothing is written) or
   * "bundled" (rebuild from the bundled spec, named `bundled`; the Measure sheet is written from it).
   */
  | { kind: "measure-problems"; sheet: string; bundled: string; problems: MeasureProblem[] }
  /** Weights cells that cannot be used: "defaults" (the spec's values for those cells) or "cancel" (fix them). */
  | { kind: "weights-problems"; problems: WeightsProblem[] }
  /** Cells the user typed into HLN sheets outside the plan: "copy" (to a new sheet first), "proceed" or "cancel". */
  | { kind: "user-content"; cells: UserCell[] }
  /** The Weights sheet was renamed: "use" (rename it back and rebuild from it) or "cancel". */
  | { kind: "weights-renamed"; expected: string; renamedTo: string }
  /** The Weights sheet was deleted: "saved" (the settings the last build saved), "defaults" or "cancel". */
  | { kind: "weights-missing"; expected: string; saved: boolean }
  /** Another build's lock has made no progress for 10 minutes: "break" or "cancel". */
  | { kind: "stale-lock"; lock: BuildLock; message: string };

export type BuildAnswer = "defaults" | "bundled" | "copy" | "proceed" | "use" | "saved" | "break" | "cancel";

/** The answers when nobody is asked (tests, scripted builds): never lose anything silently. */
export function defaultAnswer(q: BuildQuestion): Promise<BuildAnswer> {
  const a: Record<BuildQuestion["kind"], BuildAnswer> = {
    // the user's structure is never replaced unasked: nothing is built until the sheet is clean
    "measure-problems": "cancel",
    "weights-problems": "defaults",
    "user-content": "copy",
    "weights-renamed": "use",
    "weights-missing": q.kind === "weights-missing" && q.saved ? "saved" : "defaults",
    "stale-lock": "cancel",
  };
  return Promise.resolve(a[q.kind]);
}

/** The user answered "cancel" to a question: nothing was written. */
export class BuildStopped extends Error {
  constructor(
    /**
     * The question answered "cancel", or "data-problems": the workbook table's cells cannot be used,
     * or "replace-problems": those of the indicator's replacement.
     */
    readonly reason: BuildQuestion["kind"] | "data-problems" | "replace-problems",
    message: string,
    readonly problems: WeightsProblem[] = [],
    /** The replacement's report (areas matched, missing, codes not in the data) when it stopped the build. */
    readonly replaced?: ReplaceReport,
  ) {
    super(message);
    this.name = "BuildStopped";
  }
}

/** This pane's build session (the lock's owner) for as long as the pane is open. */
export const PANE_SESSION: Pick<BuildSession, "owner" | "label"> = {
  owner: `pane-${Math.random().toString(36).slice(2, 10)}-${Date.now().toString(36)}`,
  label: "HLN task pane",
};

export interface BuildRequest {
  spec: MeasureSpec;
  bundle: Bundle;
  /**
   * The data: a table in this workbook (an Excel table or a sheet's used range), read through the
   * areas codec; null: the bundled dataset; omitted: the bundle, or on a rebuild the table the
   * existing build read (its plan index). The table itself is only read, never written.
   */
  areas?: AreasRef | null;
  /**
   * Where the measure comes from: "workbook" (default) — the workbook's Measure sheet when it has
   * one, else `spec`; "given" — `spec` itself (the bundled HLN spec or a spec file the pane read),
   * the Measure sheet not read (the build writes it from `spec`).
   */
  specFrom?: "workbook" | "given";
  /**
   * One indicator of the bundled data replaced by the user's (a table or sheet with area codes and
   * the indicator's columns, read only); null: none; omitted: none, or on a rebuild the replacement
   * the existing build made (its plan index). Only with the bundled data.
   */
  replace?: ReplaceChoice | null;
  pane: PaneOptions;
  choice: BuildChoice;
  /** Area summary sheets besides the districts: "utla", "region", "msoa", "ward" (default: the saved ones on a rebuild). */
  summaries?: string[];
  /** Default "workbook". */
  source?: RebuildSource;
  /** Add-in or native formulas (default: the existing build's mode, else DEFAULT_FORMULA_CHOICE). */
  formulas?: FormulaChoice;
  isCancelled?: () => boolean;
  onProgress?: (p: WriteProgress) => void;
  /** Called after the measure is computed, before writing starts. */
  onComputed?: () => Promise<void> | void;
  /** Asks the user (default: defaultAnswer). */
  ask?: (q: BuildQuestion) => Promise<BuildAnswer>;
  /** Lock owner, label, clock and settle time (default: PANE_SESSION, the real clock). */
  session?: Partial<Pick<BuildSession, "owner" | "label" | "now" | "settle">>;
  /** The About sheet's build time (default: now). */
  builtAt?: string;
  /**
   * The Compare sheet's baseline: the name of a scenario saved on the workbook's Scenarios sheet, or
   * SPEC_SCENARIO (default: the spec's own settings).
   */
  baseline?: string;
}

export interface BuildOutcome {
  status: "complete" | "cancelled";
  rebuild: boolean;
  suffix: string;
  /** The measure built (with the settings' polarities): the workbook's Measure sheet's, or the bundled spec. */
  spec: MeasureSpec;
  /** Where the measure came from (see MeasureFrom). */
  measureFrom: MeasureFrom;
  settings: MeasureSettings;
  result: MeasureResult;
  plan: WorkbookPlan;
  summary: ResultSummary;
  /** The ranking against the Compare sheet's baseline (the spec's settings). */
  comparison?: CompareSummary;
  report?: WriteReport;
  /** Settings read from the workbook that differ from the spec. */
  fromWorkbook: string[];
  /** Where the settings came from on a rebuild. */
  settingsFrom: "sheet" | "saved" | "previous" | "defaults" | "pane";
  /** Pane fields that won over the workbook. */
  fromPane: PaneField[];
  /** Weights cells that could not be used (the spec's value stood in, as the user chose). */
  problems: WeightsProblem[];
  /** The sheet the user's cells in HLN sheets were copied to, if they chose so. */
  copiedTo?: string;
  /** The Options card after the build (what the workbook now holds). */
  pane: PaneOptions;
  /**
   * The data the measure was built on: the bundle, the bundle with an indicator replaced, or the
   * workbook table as read (what the Uncertainty card analyses).
   */
  data: AreaSource;
  /** The workbook table the data came from (undefined: the bundle). */
  areasFrom?: { ref: AreasRef; sheet: string; address: string; areas: number };
  /** The table's cells the build went on past (blank group codes, single-area groups, unusable counts). */
  dataWarnings: MeasureProblem[];
  /** The indicator replaced by the user's data: areas matched, missing, codes not in the data. */
  replaced?: ReplaceReport;
}

/** The existing build's settings, read through the codec (undefined when there is no Weights sheet). */
export function workbookSettings(check: WorkbookCheck, spec: MeasureSpec): ReadWeights | undefined {
  if (readsSaved(check) && check.state.target)
    return readWeights(check.state.target.values, spec, SHEET_NAMES.weights, check.state.target.formulas);
  return check.weights
    ? readWeights(check.weights.values, spec, check.weights.sheet, check.weights.formulas)
    : undefined;
}

/**
 * Where a build's measure comes from: "bundled" (the spec the pane was given: no Measure sheet, an
 * older build, or the user chose it over a Measure sheet with problems), "sheet" (the workbook's
 * Measure sheet), "saved" (the Measure cells an interrupted rebuild saved, its sheet being
 * incomplete: *Finish the rebuild*), "previous" (those of the build before it: *Restore*).
 */
export type MeasureFrom = "bundled" | "sheet" | "saved" | "previous";

export interface WorkbookMeasure {
  /** The measure to build; undefined when the Measure cells have problems. */
  spec?: MeasureSpec;
  from: MeasureFrom;
  /** The Measure sheet (its name in the problems' cells). */
  sheet: string;
  /** Every Measure cell that cannot be used (sheet!cell, why). */
  problems: MeasureProblem[];
}

type Cells = { values: unknown[][]; formulas: unknown[][] };

/** After an interrupted build whose Measure sheet is not complete, the Measure cells it saved are the truth. */
function readsSavedMeasure(check: WorkbookCheck): boolean {
  return (
    interrupted(check) &&
    !!check.state.target?.measure &&
    (!check.measure || check.incomplete.includes(check.measure.sheet))
  );
}

/** The Measure cells a build reads and the Weights cells beside them, or undefined: none (the bundled spec). */
function measureCells(
  check: WorkbookCheck,
  source: RebuildSource,
): { measure: Cells; weights?: Cells; sheet: string; weightsSheet: string; from: MeasureFrom } | undefined {
  const W = SHEET_NAMES.weights;
  if (source === "previous") {
    const p = check.state.previous;
    return p?.measure
      ? { measure: p.measure, weights: p, sheet: SHEET_NAMES.measure, weightsSheet: W, from: "previous" }
      : undefined;
  }
  const saved = readsSaved(check);
  const weights = (saved ? check.state.target : check.weights) ?? undefined;
  const weightsSheet = saved ? W : (check.weights?.sheet ?? W);
  const sheet = check.measure?.sheet ?? SHEET_NAMES.measure;
  if (readsSavedMeasure(check))
    return { measure: check.state.target!.measure!, weights, sheet, weightsSheet, from: "saved" };
  return check.measure ? { measure: check.measure, weights, sheet, weightsSheet, from: "sheet" } : undefined;
}

/**
 * The existing build's measure: its Measure sheet (or the Measure cells saved by an interrupted
 * rebuild, or by the build before it for "previous") read by the Measure codec against `columns`
 * (the data's; omitted: not checked), with `spec`'s values as its defaults (measureWithDefaults);
 * `spec` itself when the workbook has no Measure sheet. Only the Measure sheet's own cells are its
 * problems: the Weights sheet's are read and asked about as for any rebuild (workbookSettings).
 */
export function workbookMeasure(
  check: WorkbookCheck,
  spec: MeasureSpec,
  columns?: readonly string[],
  source: RebuildSource = "workbook",
): WorkbookMeasure {
  const c = measureCells(check, source);
  if (!c) return { spec, from: "bundled", sheet: SHEET_NAMES.measure, problems: [] };
  const r = readMeasure({
    measure: c.measure.values,
    measureFormulas: c.measure.formulas,
    weights: c.weights?.values ?? [],
    weightsFormulas: c.weights?.formulas,
    measureSheet: c.sheet,
    weightsSheet: c.weightsSheet,
    columns,
  });
  const own = quoteSheet(c.sheet);
  const problems = r.structure ? r.problems.filter((p) => p.cell === own || p.cell.startsWith(`${own}!`)) : r.problems;
  const at = { from: c.from, sheet: c.sheet };
  if (!r.structure || problems.length > 0) return { ...at, problems };
  try {
    return { ...at, spec: measureWithDefaults(r.structure, spec), problems: [] };
  } catch (e) {
    if (!(e instanceof HlnError)) throw e;
    return { ...at, problems: [{ cell: own, value: null, why: e.message }] };
  }
}

/** The measure a build uses, asking when the workbook's Measure cells have problems. */
async function measureForBuild(
  check: WorkbookCheck,
  req: BuildRequest,
  source: RebuildSource,
  ask: BuildRequest["ask"] & {},
  columns: readonly string[] | undefined,
): Promise<{ spec: MeasureSpec; from: MeasureFrom }> {
  if (req.specFrom === "given") return { spec: req.spec, from: "bundled" };
  const m = workbookMeasure(check, req.spec, columns, source);
  if (m.spec) return { spec: m.spec, from: m.from };
  const bundled = req.spec.short ?? req.spec.label;
  if ((await ask({ kind: "measure-problems", sheet: m.sheet, bundled, problems: m.problems })) !== "bundled")
    throw new BuildStopped(
      "measure-problems",
      `Not built: fix the ${m.sheet} cells listed (or use the bundled ${bundled} spec), then build again.`,
      m.problems,
    );
  return { spec: req.spec, from: "bundled" };
}

/**
 * A workbook table as the build's data, through the areas codec (the one validator of areas tables,
 * shared with the CLI's `--data book.xlsx`): its cells named on their sheet. Throws BuildStopped
 * ("data-problems") with every problem cell when the table cannot be used: nothing is built.
 */
export function tableSource(grid: AreasGrid, spec: MeasureSpec): { data: AreasData; warnings: MeasureProblem[] } {
  const r = readAreas(grid.values, spec, grid.sheet, grid.origin);
  if (!r.data) {
    const n = r.problems.length;
    const what = grid.ref.kind === "table" ? `table ${grid.ref.name}` : `sheet ${grid.sheet}`;
    throw new BuildStopped(
      "data-problems",
      `Not built: ${n} problem${n === 1 ? "" : "s"} in the ${what} (${grid.address}). Fix the cells listed, then build again.`,
      r.problems,
    );
  }
  return { data: r.data, warnings: r.warnings };
}

/**
 * The bundled data has every column `spec` reads (a spec file's measure may read others): else
 * BuildStopped ("data-problems") naming each missing column, as the areas codec names a table's.
 */
function bundleColumnsGate(spec: MeasureSpec, bundle: Bundle): void {
  const missing = specColumns(spec).filter((c) => !Object.prototype.hasOwnProperty.call(bundle.columns, c));
  if (missing.length === 0) return;
  throw new BuildStopped(
    "data-problems",
    `Not built: the bundled LSOA indicators lack ${missing.length} column${missing.length === 1 ? "" : "s"} the measure reads (${missing.join(", ")}). Pick a table of yours with them (Data), or another measure.`,
    missing.map((c) => ({ cell: "bundled data", value: null, why: `missing column "${c}" (the measure reads it)` })),
  );
}

/** The workbook table the existing build read its data from (its plan index); null: the bundle. */
export function builtAreas(check: WorkbookCheck): AreasRef | null {
  return check.index ? dataSourceOf(check.index) : null;
}

/** The indicator replacement the existing build made (its plan index); null: none. */
export function builtReplacement(check: WorkbookCheck): ReplaceChoice | null {
  return (check.index ? replacementsOf(check.index)[0] : undefined) ?? null;
}

/**
 * The user's values of one indicator (read only), read by the reader the CLI's --replace uses;
 * BuildStopped ("replace-problems") with every problem cell when they cannot be used: nothing is built.
 */
export async function replacementSource(
  api: ExcelApi,
  choice: ReplaceChoice,
  bundle: Bundle,
  spec: MeasureSpec,
): Promise<{ replacement: IndicatorReplacement; report: ReplaceReport }> {
  const grid = await api.readAreaSource(choice.ref);
  const r = readReplacement(grid, bundle, spec, choice);
  if (!r.replacement) {
    const n = r.report.problems.length;
    throw new BuildStopped(
      "replace-problems",
      `Not built: ${n} problem${n === 1 ? "" : "s"} in the values for ${choice.id} (${replaceLabel(grid)}). Fix the cells listed, then build again.`,
      r.report.problems,
      r.report,
    );
  }
  return { replacement: r.replacement, report: r.report };
}

/** The formula mode of the existing build (its plan index), null when there is none or it predates the modes. */
export function builtFormulas(check: WorkbookCheck): FormulaChoice | null {
  return check.index ? formulaModeOf(check.index) : null;
}

/**
 * The Compare baseline the existing build compared with (its plan index), as spelled in `names` (the
 * scenarios the workbook has, matched as scenario names are); null: none recorded, or no longer saved.
 */
export function builtBaseline(check: WorkbookCheck, names: readonly string[]): string | null {
  const built = check.index ? baselineOf(check.index) : null;
  if (built === null) return null;
  return names.find((n) => scenarioKey(n) === scenarioKey(built)) ?? null;
}

/** The summaries an existing build has (from its index, or the interrupted build's saved settings). */
export function builtSummaries(check: WorkbookCheck): string[] {
  if (interrupted(check) && check.state.target) return check.state.target.summaries;
  return (check.index?.keys("sheet:summary:") ?? []).map((k) => k.slice("sheet:summary:".length));
}

/** After an interrupted build whose Weights sheet is not complete, the settings it saved are the truth. */
function readsSaved(check: WorkbookCheck): boolean {
  return (
    interrupted(check) &&
    check.state.target !== null &&
    (!check.weights || check.incomplete.includes(check.weights.sheet))
  );
}

/** A rebuild was cancelled or failed (or died) and its sheets are not all complete. */
export function interrupted(check: WorkbookCheck): boolean {
  const s = check.state.status;
  return check.incomplete.length > 0 || s === "cancelled" || s === "failed" || (s === "building" && !check.state.lock);
}

/** Whether the build rewrites the existing sheets, and the suffix of the sheets it writes. */
export function buildTarget(check: WorkbookCheck, choice: BuildChoice): { rebuild: boolean; suffix: string } {
  const exists = check.existing.length > 0;
  const free = check.conflicts.length === 0;
  const rebuild = exists && free && choice === "rebuild" && !check.legacy;
  return { rebuild, suffix: rebuild || (!exists && free) ? "" : check.copySuffix };
}

/** Refuses when another build holds the lock; asks to break a stale one. Returns whether to break it. */
async function lockGate(
  check: WorkbookCheck,
  owner: string,
  now: number,
  ask: BuildRequest["ask"] & {},
): Promise<boolean> {
  const lock = check.state.lock;
  const held = lockStatus(lock, owner, now);
  if (held === "active") throw new BuildLockedError(lockedMessage(lock!, false), lock, false);
  if (held !== "stale") return false;
  const message = lockedMessage(lock!, true);
  if ((await ask({ kind: "stale-lock", lock: lock!, message })) !== "break")
    throw new BuildStopped("stale-lock", `Not built: ${message}`);
  return true;
}

/** The settings a rebuild starts from (before the pane's fields), asking when the Weights sheet is gone. */
async function rebuildSettings(
  check: WorkbookCheck,
  spec: MeasureSpec,
  source: RebuildSource,
  ask: BuildRequest["ask"] & {},
): Promise<{ read?: ReadWeights; from: BuildOutcome["settingsFrom"]; summaries?: string[] }> {
  const fromSaved = (saved: SavedSettings) => readWeights(saved.values, spec, SHEET_NAMES.weights, saved.formulas);
  if (source === "previous") {
    const prev = check.state.previous;
    if (!prev) throw new BuildStopped("weights-missing", "There is no previous build to restore (none was saved).");
    return { read: fromSaved(prev), from: "previous", summaries: prev.summaries };
  }
  const read = workbookSettings(check, spec);
  if (read) return { read, from: readsSaved(check) ? "saved" : "sheet", summaries: builtSummaries(check) };
  if (!check.weightsMissing) return { from: "defaults" };
  const { expected } = check.weightsMissing;
  const a = await ask({ kind: "weights-missing", expected, saved: check.state.target !== null });
  if (a === "cancel") throw new BuildStopped("weights-missing", `Not built: the sheet ${expected} is missing.`);
  if (a === "saved" && check.state.target)
    return { read: fromSaved(check.state.target), from: "saved", summaries: check.state.target.summaries };
  return { from: "defaults", summaries: builtSummaries(check) };
}

/** What Restore the previous build rebuilds: the settings of the build this one replaces. */
function previousSettings(check: WorkbookCheck): SavedSettings | null {
  if (interrupted(check)) return check.state.previous;
  if (!check.weights) return check.state.target;
  const m = check.measure;
  return {
    values: check.weights.values,
    formulas: check.weights.formulas,
    summaries: builtSummaries(check),
    ...(m ? { measure: { values: m.values, formulas: m.formulas } } : {}),
    ...withMode(check.index ? formulaModeOf(check.index) : null),
  };
}

const withMode = (mode: FormulaChoice | null) => (mode ? { mode } : {});

/**
 * The formula mode a rebuild writes when the pane gives none: Restore → the previous build's, Finish
 * (an interrupted build) → the one it was writing, else the existing build's (its plan index).
 */
function rebuildMode(check: WorkbookCheck, source: RebuildSource | undefined): FormulaChoice | null {
  const saved = source === "previous" ? check.state.previous : interrupted(check) ? check.state.target : null;
  return saved?.mode ?? builtFormulas(check);
}

export async function buildInWorkbook(req: BuildRequest, api: ExcelApi): Promise<BuildOutcome> {
  const { bundle } = req;
  const ask = req.ask ?? defaultAnswer;
  const session = { ...PANE_SESSION, ...req.session };
  let check = await api.checkWorkbook();
  const { rebuild, suffix } = buildTarget(check, req.choice);
  let breakStaleLock = false;
  if (rebuild) {
    breakStaleLock = await lockGate(check, session.owner, (session.now ?? Date.now)(), ask);
    const renamed = check.weightsMissing?.renamedTo;
    if (renamed) {
      const { expected } = check.weightsMissing!;
      if ((await ask({ kind: "weights-renamed", expected, renamedTo: renamed })) !== "use")
        throw new BuildStopped("weights-renamed", `Not built: the sheet ${expected} was renamed to ${renamed}.`);
      await api.renameSheet(renamed, expected);
      check = await api.checkWorkbook();
    }
  }
  // the data's cells (a workbook table, read only) before the measure, whose columns it checks;
  // a rebuild given no choice (undefined, not null) reads the table the existing build read
  const areasRef = req.areas === undefined && rebuild ? builtAreas(check) : (req.areas ?? null);
  const grid = areasRef ? await api.readAreaSource(areasRef) : undefined;
  // an indicator replaced by the user's values (the bundle only): read before the measure, whose
  // columns then include the user's; a rebuild given no choice replaces what the existing build did
  const replaceChoice = req.replace === undefined && rebuild ? builtReplacement(check) : (req.replace ?? null);
  if (replaceChoice && grid)
    throw new BuildStopped(
      "replace-problems",
      `Not built: replacing ${replaceChoice.id} applies to the bundled data; with a table of your own, put the indicator's columns in it.`,
    );
  const swap = replaceChoice ? await replacementSource(api, replaceChoice, bundle, req.spec) : undefined;
  const swapped = swap ? replaceIndicator(bundle, req.spec, swap.replacement) : undefined;
  // a replacement the existing build made and this one drops: its Measure sheet reads the user's
  // columns, which go back to the bundle's
  const dropped = !swap && rebuild ? builtReplacement(check) : null;
  const droppedInd = dropped && listIndicators(req.spec).find((x) => x.indicator.id === dropped.id)?.indicator;
  const droppedColumns = droppedInd ? indicatorColumns(droppedInd) : [];
  // (a table without a header row checks none: tableSource names that problem)
  const columns = grid
    ? areasColumns(grid.values, req.spec)
    : [...Object.keys((swapped?.bundle ?? bundle).columns), ...droppedColumns.map((c) => userColumn(dropped!.id, c))];
  // the measure first (a copy builds what the Options card shows: the workbook's measure too)
  const measure = await measureForBuild(
    check,
    swapped ? { ...req, spec: swapped.spec } : req,
    rebuild ? (req.source ?? "workbook") : "workbook",
    ask,
    columns,
  );
  // the replacement applied to the measure built (the Measure sheet's may read the bundle's column still)
  const replaced = swap ? replacedMeasure(bundle, measure.spec, swap.replacement) : undefined;
  const spec = replaced?.spec ?? (dropped ? restoreIndicator(measure.spec, dropped.id) : measure.spec);
  if (!grid) bundleColumnsGate(spec, replaced?.bundle ?? bundle);
  const table = grid ? tableSource(grid, spec) : undefined;
  const source = rebuild ? await rebuildSettings(check, spec, req.source ?? "workbook", ask) : undefined;
  const read = source?.read;
  if (
    read &&
    read.problems.length > 0 &&
    (await ask({ kind: "weights-problems", problems: read.problems })) === "cancel"
  )
    throw new BuildStopped(
      "weights-problems",
      "Not built: fix the Weights cells listed, then build again.",
      read.problems,
    );
  // the pane's fields of dimensions the measure has (a dimension removed on the Measure sheet has none)
  const pane = { ...req.pane, fromPane: req.source === "previous" ? [] : paneFieldsOf(spec, req.pane.fromPane) };
  const settings = fitSettings(spec, settingsForBuild(pane, read?.settings));
  // a formula typed in a Weights cell is kept unless the pane now sets that field
  const formulas = Object.fromEntries(
    Object.entries(read?.formulas ?? {}).filter(
      ([k]) => !pane.fromPane.some((f) => k === (f.startsWith("weight:") ? f : `option:${f}`)),
    ),
  );
  // a workbook table has no geography beyond its groups: no other summary sheets
  const summaries = table ? [] : (req.summaries ?? source?.summaries ?? []);
  const groupings = summaries.filter((id) => id !== "lad").map((id) => areaGrouping(bundle, id));
  const data: AreaSource = table?.data ?? replaced?.bundle ?? bundle;
  // the saved scenarios go into a new copy's Scenarios sheet too (a rebuild leaves the sheet as it is)
  const saved = savedScenarios(check, spec).scenarios;
  const built = buildPaneWorkbook(spec, data, settings, {
    scenarios: saved,
    ...(req.baseline !== undefined ? { compare: baselineFor(saved, req.baseline, spec) } : {}),
    ...(grid && table
      ? {
          dataLabel: `${grid.ref.kind === "table" ? `table ${grid.ref.name}` : "sheet"} (${quoteSheet(grid.sheet)}!${grid.address}) in this workbook`,
          dataChecks: table.warnings.map(formatProblem),
          dataSource: grid.ref,
        }
      : {}),
    ...(replaceChoice && swap
      ? { replacements: [{ id: replaceChoice.id, ref: replaceChoice.ref, source: swap.replacement.source }] }
      : {}),
    suffix,
    inputFormulas: formulas,
    groupings,
    builtAt: req.builtAt,
    formulas:
      req.formulas ?? (rebuild ? rebuildMode(check, req.source) : builtFormulas(check)) ?? DEFAULT_FORMULA_CHOICE,
  });
  const base = {
    rebuild,
    suffix,
    spec: built.spec,
    measureFrom: measure.from,
    settings,
    result: built.result,
    plan: built.plan,
    data,
    summary: summariseResult(built.result, data),
    ...(built.baseline ? { comparison: summariseComparison(built.baseline, built.result, data) } : {}),
    fromWorkbook: read ? settingsDiff(defaultSettings(spec), read.settings) : [],
    settingsFrom: source?.from ?? ("pane" as const),
    fromPane: read ? pane.fromPane : [],
    problems: read?.problems ?? [],
    pane: read ? paneOptionsFromWorkbook(pane, read.settings) : { ...pane, settings },
    ...(grid && table
      ? { areasFrom: { ref: grid.ref, sheet: grid.sheet, address: grid.address, areas: table.data.areaCodes.length } }
      : {}),
    dataWarnings: table?.warnings ?? [],
    ...(swap ? { replaced: swap.report } : {}),
  };
  const copiedTo = rebuild ? await keepUserCells(api, built.plan, check, ask) : undefined;
  await req.onComputed?.();
  if (req.isCancelled?.()) return { ...base, copiedTo, status: "cancelled" };
  const weightsSheet = built.plan.sheets.find((s) => s.role === "weights")!;
  const measureSheet = built.plan.sheets.find((s) => s.role === "measure");
  const report = await api.writePlan(built.plan, {
    mode: rebuild ? "rebuild" : "create",
    onProgress: req.onProgress,
    isCancelled: req.isCancelled,
    session: {
      ...session,
      breakStaleLock,
      // the Measure sheet's cells beside the Weights sheet's (weightsGrid reads any sheet plan's cells)
      target: {
        ...weightsGrid(weightsSheet),
        summaries,
        ...(measureSheet ? { measure: weightsGrid(measureSheet) } : {}),
        ...withMode(formulaModeOf(built.plan.index)),
      },
      previous: rebuild ? previousSettings(check) : null,
    },
  });
  return { ...base, copiedTo, status: report.status, report };
}

/** The replacement applied to the measure a build uses; BuildStopped when that measure lacks the indicator. */
function replacedMeasure(
  bundle: Bundle,
  spec: MeasureSpec,
  r: IndicatorReplacement,
): { bundle: Bundle; spec: MeasureSpec } {
  try {
    return replaceIndicator(bundle, spec, r);
  } catch (e) {
    throw new BuildStopped(
      "replace-problems",
      `Not built: the values for ${r.id} cannot replace it in this measure (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
}

/** Cells the user typed into HLN sheets: asks, and copies them to a sheet of their own if so chosen. */
async function keepUserCells(
  api: ExcelApi,
  plan: WorkbookPlan,
  check: WorkbookCheck,
  ask: BuildRequest["ask"] & {},
): Promise<string | undefined> {
  const cells = await api.findUserCells(plan, check.existing);
  if (cells.length === 0) return undefined;
  const a = await ask({ kind: "user-content", cells });
  if (a === "cancel")
    throw new BuildStopped(
      "user-content",
      `Not built: ${cells.length} cell(s) you filled in HLN sheets would be erased.`,
    );
  return a === "copy" ? api.copyUserCells(cells) : undefined;
}
