/**
 * Pure task-pane logic (no React, no Office): the dataset summary, the Options card's state and
 * its precedence against the workbook's Weights sheet, the result summary (top 20, hotspots by
 * region), area search, the trace of one area through every step (cells found through the plan
 * index) and the map's columns from the index. Tested in node (test/taskpane/model.test.ts).
 */
import { compareRankings } from "../core/compare";
import { syntheticIndicators } from "../data/openData";
import type { MeasureResult } from "../core/buildMeasure";
import { optionProblem } from "../core/options";
import { copySettings, defaultSettings, idRecord, listedExclusions, type MeasureSettings } from "../core/settings";
import { listIndicators, type MeasureSpec, validateSpec } from "../core/spec";
import { topAreas } from "../core/topAreas";
import type { Bundle } from "../data/bundle";
import type { DataStatus } from "../data/types";
import { areaLabels, type PlanIndex, type SummaryGrouping } from "../workbook/plan";
import { type AreaSource, areaTable, isBundle } from "../workbook/plan/areas";
import { DEFAULT_FORMULA_MODE, type FormulaMode } from "../workbook/plan/context";
import type { ReplacementRecord } from "../workbook/plan/planIndex";
import { buildWorkbook, type CompareWith } from "../workbook/pipeline";
import type { Scenario } from "../core/scenario";
import type { InputFormulas } from "../workbook/weightsCodec";

export const ADDIN_VERSION = "0.1.0";

export interface DimensionSummary {
  id: string;
  label: string;
  weight: number;
  indicators: number;
  status: Record<DataStatus, number>;
}

export interface DatasetSummary {
  title: string;
  areas: number;
  /** The spec's word for an area ("LSOA"). */
  noun: string;
  excluded: { code: string; reason: string }[];
  lads: number;
  indicators: number;
  status: Record<DataStatus, number>;
  dimensions: DimensionSummary[];
  /** Labels of the indicators with no open data (src/data/openData.ts), left out unless included. */
  synthetic: string[];
}

export function summariseDataset(spec: MeasureSpec, bundle: Bundle): DatasetSummary {
  const statusOf = new Map(bundle.meta.indicators.map((m) => [m.id, m.status]));
  const zero = (): Record<DataStatus, number> => ({ real: 0, proxy: 0, synthetic: 0, user: 0 });
  const total = zero();
  const synthetic: string[] = [];
  const noOpenData = new Set(syntheticIndicators(spec, bundle.meta));
  const dimensions = spec.dimensions.map((d) => {
    const status = zero();
    let n = 0;
    for (const { indicator, dimension } of listIndicators(spec)) {
      if (dimension.id !== d.id) continue;
      const s = statusOf.get(indicator.id) ?? "synthetic";
      status[s]++;
      total[s]++;
      n++;
      if (noOpenData.has(indicator.id)) synthetic.push(indicator.label);
    }
    return { id: d.id, label: d.label, weight: d.weight, indicators: n, status };
  });
  const listed = new Set(listedExclusions(spec));
  return {
    title: bundle.meta.title,
    areas: bundle.n,
    noun: areaLabels(spec).noun,
    excluded: bundle.meta.excluded.filter((e) => listed.has(e.code)),
    lads: bundle.meta.lads.length,
    indicators: dimensions.reduce((s, d) => s + d.indicators, 0),
    status: total,
    dimensions,
    synthetic,
  };
}

// ---------------------------------------------------------------- Options card and precedence

/** Fields the Options card edits: "weight:<dimension id>", "constant", "applyExclusions", "includeSynthetic". */
export type PaneField = `weight:${string}` | "constant" | "applyExclusions" | "includeSynthetic";

export interface PaneOptions {
  /** What the card shows: the spec's settings, or the workbook's Weights sheet after a check. */
  settings: MeasureSettings;
  origin: "spec" | "workbook";
  /** Fields the user changed in the pane since: they win over the workbook on a rebuild. */
  fromPane: PaneField[];
}

export function paneOptionsFromSpec(spec: MeasureSpec): PaneOptions {
  return { settings: defaultSettings(spec), origin: "spec", fromPane: [] };
}

/** The pane's value of a field. */
export function paneValue(p: PaneOptions, field: PaneField): number | boolean {
  if (field === "constant") return p.settings.constant;
  if (field === "applyExclusions" || field === "includeSynthetic") return p.settings[field];
  return p.settings.weights[field.slice("weight:".length)];
}

function setField(s: MeasureSettings, field: PaneField, value: number | boolean): void {
  if (field === "constant") s.constant = value as number;
  else if (field === "applyExclusions" || field === "includeSynthetic") s[field] = value as boolean;
  else s.weights[field.slice("weight:".length)] = value as number;
}

/** A field typed in the pane: marked "from the pane". */
export function editPaneOption(p: PaneOptions, field: PaneField, value: number | boolean): PaneOptions {
  const settings = copySettings(p.settings);
  setField(settings, field, value);
  return { ...p, settings, fromPane: p.fromPane.includes(field) ? p.fromPane : [...p.fromPane, field] };
}

/**
 * The card refreshed from the workbook's Weights sheet: the workbook's settings, except the
 * fields the user changed in the pane, which keep the pane's value.
 */
export function paneOptionsFromWorkbook(p: PaneOptions, workbook: MeasureSettings): PaneOptions {
  const settings = copySettings(workbook);
  for (const f of p.fromPane) setField(settings, f, paneValue(p, f));
  return { settings, origin: "workbook", fromPane: p.fromPane };
}

/** The settings a build uses: the workbook's (on a rebuild) with the pane's fields over them. */
export function settingsForBuild(p: PaneOptions, workbook?: MeasureSettings): MeasureSettings {
  return workbook ? paneOptionsFromWorkbook(p, workbook).settings : p.settings;
}

/**
 * The settings for exactly the spec's ids: a weight or polarity of an id the spec does not have (a
 * dimension removed on the Measure sheet, a pane field of the bundled spec) is dropped, a missing one
 * is the spec's. Settings of the spec itself come back equal.
 */
export function fitSettings(spec: MeasureSpec, s: MeasureSettings): MeasureSettings {
  const d = defaultSettings(spec);
  const has = (r: object, id: string) => Object.prototype.hasOwnProperty.call(r, id);
  const pick = <T>(from: Record<string, T>, def: Record<string, T>) =>
    idRecord(Object.keys(def).map((id): [string, T] => [id, has(from, id) ? from[id] : def[id]]));
  return { ...s, weights: pick(s.weights, d.weights), polarity: pick(s.polarity, d.polarity) };
}

/** The pane's fields that name something of the spec (a weight of a dimension it has, the options). */
export function paneFieldsOf(spec: MeasureSpec, fields: readonly PaneField[]): PaneField[] {
  return fields.filter((f) => !f.startsWith("weight:") || spec.dimensions.some((d) => `weight:${d.id}` === f));
}

/**
 * The measure a Measure sheet describes, with `base`'s values as its defaults: the structure read by
 * the Measure codec (readMeasure's `structure`: dimensions, sub-dimensions, indicators, the spec's own
 * fields, the excluded areas) and, for every id `base` has, its weight and polarity, and `base`'s
 * options (constant, scaling, …); an id `base` does not have gets weight 1 and polarity 1. These
 * defaults are what "the spec's value" means for the Weights sheet (unusable cells, the settings
 * kept from the workbook): the weights themselves are read from the Weights sheet, as for any
 * rebuild. The Measure sheet of `base` itself gives back `base`. Throws HlnError when the result is
 * not a valid spec.
 */
export function measureWithDefaults(structure: MeasureSpec, base: MeasureSpec): MeasureSpec {
  const d = defaultSettings(base);
  const spec = JSON.parse(JSON.stringify(structure)) as MeasureSpec;
  const weight = (o: { id: string; weight: number }) => {
    o.weight = Object.prototype.hasOwnProperty.call(d.weights, o.id) ? d.weights[o.id] : 1;
  };
  for (const { indicator } of listIndicators(spec)) {
    weight(indicator);
    indicator.polarity = Object.prototype.hasOwnProperty.call(d.polarity, indicator.id) ? d.polarity[indicator.id] : 1;
  }
  for (const dim of spec.dimensions) {
    weight(dim);
    for (const sub of dim.subdimensions ?? []) weight(sub);
  }
  const { exclude: _baseExclude, ...options } = base.options ?? {};
  void _baseExclude;
  const exclude = structure.options?.exclude;
  const merged = { ...options, ...(exclude ? { exclude } : {}) };
  if (Object.keys(merged).length > 0) spec.options = merged;
  else delete spec.options;
  return validateSpec(spec);
}

/** Validation messages per field (empty = valid); the rules are the core's. */
export function validatePaneOptions(spec: MeasureSpec, p: PaneOptions): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const d of spec.dimensions) {
    const w = p.settings.weights[d.id];
    if (!(Number.isFinite(w) && w >= 0)) errors[d.id] = "A weight must be a number ≥ 0";
  }
  const sum = spec.dimensions.reduce((s, d) => s + Math.max(0, p.settings.weights[d.id] || 0), 0);
  if (!(sum > 0)) errors.weights = "At least one dimension weight must be above 0";
  const c = optionProblem("constant", p.settings.constant);
  if (c) errors.constant = `The constant ${c}`;
  return errors;
}

/**
 * How the pane writes the computed cells: "addin" (one HLN.* formula per column, the default) or
 * "native" ("a workbook to share": Excel's own functions, recalculates with no add-in), and in native
 * mode whether the intermediate audit columns are written.
 */
export interface FormulaChoice {
  formulas: FormulaMode;
  auditColumns: boolean;
}

export const DEFAULT_FORMULA_CHOICE: Readonly<FormulaChoice> = Object.freeze({
  formulas: DEFAULT_FORMULA_MODE,
  auditColumns: true,
});

export interface PaneBuildOptions {
  suffix?: string;
  inputFormulas?: InputFormulas;
  groupings?: SummaryGrouping[];
  builtAt?: string;
  formulas?: FormulaChoice;
  /** The About sheet's Data line for a workbook table (default: the bundled dataset's). */
  dataLabel?: string;
  /** The QA sheet's lines on the data (a workbook table's warnings, by cell). */
  dataChecks?: string[];
  /** The workbook table the data came from (recorded in the plan index for the next rebuild). */
  dataSource?: { kind: "table" | "sheet"; name: string };
  /** Indicators replaced by the user's data (recorded in the plan index for the next rebuild). */
  replacements?: ReplacementRecord[];
  /** Saved scenarios for the Scenarios sheet (a new sheet only: a rebuild keeps the existing one). */
  scenarios?: Scenario[];
  /** The Compare sheet's baseline (default: the spec's own settings). */
  compare?: CompareWith;
}

/**
 * The spec, the data (the bundle, or a workbook table read by the areas codec) and the settings →
 * result and plan, through the shared pipeline.
 */
export function buildPaneWorkbook(
  spec: MeasureSpec,
  source: AreaSource,
  settings: MeasureSettings,
  options: PaneBuildOptions = {},
) {
  const f = options.formulas ?? DEFAULT_FORMULA_CHOICE;
  return buildWorkbook(spec, source, settings, {
    suffix: options.suffix ?? "",
    version: ADDIN_VERSION,
    dataLabel: options.dataLabel ?? (isBundle(source) ? "bundled LSOA21 dataset" : "a table in this workbook"),
    ...(options.dataChecks ? { dataChecks: options.dataChecks } : {}),
    ...(options.dataSource ? { dataSource: options.dataSource } : {}),
    ...(options.replacements?.length ? { replacements: options.replacements } : {}),
    inputFormulas: options.inputFormulas,
    groupings: options.groupings,
    builtAt: options.builtAt,
    formulas: f.formulas,
    auditColumns: f.formulas === "native" ? f.auditColumns : true,
    ...(options.scenarios ? { scenarios: options.scenarios } : {}),
    ...(options.compare ? { compare: options.compare } : {}),
  });
}

// ---------------------------------------------------------------- results, search

export interface TopRow {
  rank: number;
  index: number;
  code: string;
  name: string;
  la: string;
  score: number;
}

export interface ResultSummary {
  top: TopRow[];
  hotspotsByRegion: { region: string; hotspots: number; areas: number }[];
  hotspots: number;
  n: number;
}

/** The Result card's comparison with the Compare sheet's baseline (issue 18). */
export interface CompareSummary {
  /** "the spec's settings". */
  baseline: string;
  meanAbsShift: number;
  decileChanged: number;
  entered10: number;
  left10: number;
  /** The areas that moved most (largest |shift|; ties by row), at most `topN`. */
  movers: { index: number; code: string; name: string; baseRank: number; rank: number }[];
}

/** The build's ranking against the baseline the Compare sheet stores (the core's compareRankings). */
export function summariseComparison(
  baseline: { name: string; rank: ArrayLike<number> },
  result: MeasureResult,
  source: AreaSource,
  topN = 10,
): CompareSummary {
  const g = areaTable(source);
  const c = compareRankings(baseline.rank, result.rank, result.groups.codes, result.groups.labels.length);
  const moved = Array.from(c.shift.keys())
    .filter((i) => c.shift[i] !== 0 && Number.isFinite(c.shift[i]))
    .sort((a, b) => Math.abs(c.shift[b]) - Math.abs(c.shift[a]) || a - b)
    .slice(0, topN);
  return {
    baseline: baseline.name,
    meanAbsShift: c.meanAbsShift,
    decileChanged: c.decileChanged,
    entered10: c.entered10,
    left10: c.left10,
    movers: moved.map((i) => ({
      index: i,
      code: g.code[i],
      name: g.name?.[i] ?? "",
      baseRank: baseline.rank[i],
      rank: result.rank[i],
    })),
  };
}

/** Top areas and hotspots by region (a workbook table has no regions: "All areas"). */
export function summariseResult(result: MeasureResult, source: AreaSource, topN = 20): ResultSummary {
  const g = areaTable(source);
  const region = (i: number) => g.regionName?.[i] ?? "All areas";
  const top: TopRow[] = Array.from(topAreas(result.rank, topN), (i) => ({
    rank: result.rank[i],
    index: i,
    code: g.code[i],
    name: g.name?.[i] ?? "",
    la: g.groupName?.[i] || g.groupCode[i],
    score: result.score[i],
  }));
  const regions = new Map<string, { hotspots: number; areas: number }>();
  let hotspots = 0;
  for (let i = 0; i < result.hotspot.length; i++) {
    if (!Number.isFinite(result.hotspot[i])) continue;
    const r = regions.get(region(i)) ?? { hotspots: 0, areas: 0 };
    r.areas++;
    if (result.hotspot[i] === 1) {
      r.hotspots++;
      hotspots++;
    }
    regions.set(region(i), r);
  }
  const hotspotsByRegion = [...regions.entries()]
    .map(([region, v]) => ({ region, ...v }))
    .sort((a, b) => b.hotspots - a.hotspots || a.region.localeCompare(b.region));
  return { top, hotspotsByRegion, hotspots, n: result.n };
}

export interface AreaMatch {
  index: number;
  code: string;
  name: string;
  la: string;
}

/** Areas whose code or name contains the query (case-insensitive); exact code first. */
export function searchAreas(bundle: Bundle, query: string, limit = 8): AreaMatch[] {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const g = bundle.geography;
  const out: AreaMatch[] = [];
  const push = (i: number) => out.push({ index: i, code: g.lsoa21Code[i], name: g.lsoa21Name[i], la: g.ladName[i] });
  const exact = g.lsoa21Code.findIndex((c) => c.toLowerCase() === q);
  if (exact >= 0) push(exact);
  for (let i = 0; i < bundle.n && out.length < limit; i++) {
    if (i === exact) continue;
    if (g.lsoa21Code[i].toLowerCase().includes(q) || g.lsoa21Name[i].toLowerCase().includes(q)) push(i);
  }
  return out;
}

export { traceArea, formatValue, mapColumns, type TraceStep, type MapColumnRef } from "./trace";
export type { PlanIndex };
