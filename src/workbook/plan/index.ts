/**
 * The sheet plan: spec + rows + the core's MeasureResult + the settings → a pure description of the
 * workbook (sheets, blocks of constants, one spilled formula per computed column with the core's
 * values cached, defined names, formats) and the PlanIndex of where everything is. One planner per
 * sheet; each registers what it places, and later planners (and the trace, the map, the writers)
 * find cells only through the index. No Office types and no Node APIs. Layout: docs/workbook.md.
 */
import type { MeasureResult } from "../../core/buildMeasure";
import { defaultSettings, type MeasureSettings } from "../../core/settings";
import type { MeasureSpec } from "../../core/spec";
import type { SheetPlan, WorkbookPlan } from "../planTypes";
import { writeWeights, type InputFormulas } from "../weightsCodec";
import { planScenarios } from "../scenariosCodec";
import { type Scenario, specScenario } from "../../core/scenario";
import { planAbout, planSources, dataStatusCounts } from "./about";
import { type AreaSource, areaTable, plural } from "./areas";
import { planChartsSheet } from "./charts";
import { type FormulaMode, planContext, type PlanContext, STATE_SHEET_NAME, type SummaryGrouping } from "./context";
import { type CompareBaseline, planCompare } from "./compare";
import { planData } from "./data";
import { planDual, type SecondIndex } from "./dual";
import { planDimensions } from "./dimensions";
import { planIndicators, planNormal } from "./indicators";
import { planMeasure } from "./measure";
import { type ReplacementRecord, replacementEntries } from "./planIndex";
import { planScore } from "./score";
import { needsDistricts, planDistricts } from "./shrinkNative";
import { groupNames, planGroupingSummary, planLa, planQa, planTop, scoreWord } from "./tables";

export {
  ALL_SHEET_NAMES,
  DEFAULT_FORMULA_MODE,
  FORMULA_MODES,
  isFormulaMode,
  type FormulaMode,
  FIRST_ROW,
  nameSuffix,
  SHEET_NAMES,
  STATE_SHEET_NAME,
  SUMMARY_SHEET_NAMES,
  type SummaryGrouping,
} from "./context";
export { dataStatusCounts, formatStatus, OGL_ATTRIBUTION, ONS_OS_ATTRIBUTION } from "./about";
export { areaLabels, areaTable, type AreaLabels, type AreaSource, type AreaTable } from "./areas";
export { DUAL_CAVEAT, type SecondIndex } from "./dual";
export { PlanIndex, PlanIndexError, PLAN_INDEX_VERSION, type IndexEntry } from "./planIndex";

export interface PlanOptions {
  /** Appended to every sheet name (e.g. " (2)" for "Build a new copy"); names get a matching suffix. */
  suffix?: string;
  /** Build date shown on About (ISO string); default now. */
  builtAt?: string;
  /** Add-in / CLI version shown on About. */
  version?: string;
  /** Where the data came from, shown on About (e.g. "bundled LSOA21 dataset" or a file name). */
  dataLabel?: string;
  /** A workbook table the data came from (the task pane), recorded in the index so a rebuild reads it again. */
  dataSource?: { kind: "table" | "sheet"; name: string };
  /** Indicators replaced by the user's data (the task pane), recorded in the index so a rebuild replaces them again. */
  replacements?: ReplacementRecord[];
  /** The settings written into the Weights sheet (default: the result's spec and options). */
  settings?: MeasureSettings;
  /** Formulas the user typed into Weights input cells, kept by a rebuild (weightsCodec.readWeights). */
  inputFormulas?: InputFormulas;
  /** A build from the user's own file: how it was read and the cells left out, shown on the QA sheet. */
  dataChecks?: string[];
  /** Groupings summarised on sheets of their own besides the districts (HLN LA): UTLA, region, MSOA, ward, … */
  groupings?: SummaryGrouping[];
  /** The Dual sheet's second index (and ward of each area, for its ward table); none: no Dual sheet. */
  dual?: { second: SecondIndex; wards?: string[] };
  /** The Compare sheet's baseline ranking (issue 18); none: no Compare sheet. */
  compare?: CompareBaseline;
  /** The Scenarios sheet's columns (default: the spec's own settings only). */
  scenarios?: Scenario[];
  /** "addin" (HLN.* functions) or "native" (Excel built-ins only); default DEFAULT_FORMULA_MODE. */
  formulas?: FormulaMode;
  /** Native mode: false leaves out the intermediate audit columns (a smaller file to send). Default true. */
  auditColumns?: boolean;
}

/** The settings a result was built with, when the caller does not pass them. */
function settingsOfResult(spec: MeasureSpec, result: MeasureResult): MeasureSettings {
  const s = defaultSettings(spec);
  for (const r of result.indicators) s.weights[r.id] = r.weight;
  for (const r of result.subdimensions) s.weights[r.id] = r.weight;
  for (const r of result.dimensions) s.weights[r.id] = r.weight;
  const o = result.options;
  return {
    ...s,
    constant: o.constant,
    scaling: o.scaling,
    overallScaling: o.overallScaling,
    offset: o.offset,
    missing: o.missing,
    // the result's weights are the used ones, so the Weights sheet reproduces them as they are
    includeSynthetic: true,
  };
}

function planCharts(ctx: PlanContext): { sheet: SheetPlan; charts: WorkbookPlan["charts"] } {
  const ix = ctx.index;
  const names = new Map([...groupNames(ctx)].map(([c, n]) => [c, n ?? c]));
  const L = ctx.labels;
  const charts = planChartsSheet(ctx.result, names, {
    name: ctx.sheet("charts"),
    refs: { score: ix.ref("overall:score"), hotspot: ix.ref("overall:hotspot"), lad: ix.ref("area:group") },
    native: ctx.formulas === "native",
    words: {
      measure: ctx.spec.label,
      score: scoreWord(ctx),
      areas: plural(L.noun),
      groups: plural(L.groupShort),
      groupsLong: plural(L.groupNoun),
      group: L.groupNoun.charAt(0).toUpperCase() + L.groupNoun.slice(1),
      groupCode: `${L.group} code`,
    },
  });
  return { sheet: charts.sheet, charts: charts.charts };
}

/** The hidden index sheet: the index's rows, written last. */
function planIndexSheet(ctx: PlanContext, meta: { spec: string; builtAt: string }): SheetPlan {
  return {
    name: ctx.sheet("index"),
    role: "index",
    blocks: [{ address: "A1", values: ctx.index.toRows(meta), style: "plain" }],
    columnWidths: [34, 18, 16, 24],
    hidden: true,
  };
}

/** Builds the workbook plan. `data` is the bundle (geography, statuses, sources) or plain MeasureData. */
export function planWorkbook(
  spec: MeasureSpec,
  data: AreaSource,
  result: MeasureResult,
  options: PlanOptions = {},
): WorkbookPlan {
  const settings = options.settings ?? settingsOfResult(spec, result);
  const ctx = planContext(spec, areaTable(data), result, settings, options.suffix ?? "", options.groupings ?? [], {
    formulas: options.formulas,
    audit: options.auditColumns,
  });
  const builtAt = options.builtAt ?? new Date().toISOString();
  const version = options.version ?? "0.0.0";
  const specLabel = `${spec.id}${spec.version ? " " + spec.version : ""}`;
  // planning order: what a sheet refers to is placed before it
  const weights = writeWeights(ctx, options.inputFormulas);
  const measure = planMeasure(ctx);
  const data_ = planData(ctx);
  const indicators = planIndicators(ctx);
  const districts = needsDistricts(ctx) ? [planDistricts(ctx)] : [];
  const normal = planNormal(ctx);
  const dimensions = planDimensions(ctx);
  const score = planScore(ctx);
  const la = planLa(ctx);
  const summaries = ctx.groupings.map((g) => planGroupingSummary(ctx, g));
  const dual = options.dual
    ? [planDual(ctx, options.dual.second, options.dual.wards ? { codes: options.dual.wards } : undefined)]
    : [];
  const top = planTop(ctx);
  const compare = options.compare ? [planCompare(ctx, options.compare)] : [];
  const scenarios = planScenarios(ctx.sheet("scenarios"), spec, options.scenarios ?? [specScenario(spec)]);
  const qa = planQa(ctx, options.dataChecks);
  const sources = planSources(ctx);
  const charts = planCharts(ctx);
  const about = planAbout(ctx, { builtAt, version, dataLabel: options.dataLabel });
  const sheets = [
    about,
    weights,
    measure,
    scenarios,
    data_,
    indicators,
    ...districts,
    normal,
    dimensions,
    score,
    la,
    ...summaries,
    ...dual,
    top,
    ...compare,
    qa,
    sources,
    charts.sheet,
  ];
  for (const s of [...sheets, { name: ctx.sheet("index"), role: "index" }])
    if (s.role !== "summary") ctx.index.add({ key: `sheet:${s.role}`, sheet: s.name, range: "" });
  summaries.forEach((s, k) => ctx.index.add({ key: `sheet:summary:${ctx.groupings[k].id}`, sheet: s.name, range: "" }));
  // how the computed cells were written, so a rebuild keeps the mode (see formulaModeOf)
  ctx.index.add({ key: `build:formulas:${ctx.formulas}`, sheet: ctx.sheet("index"), range: "" });
  if (ctx.formulas === "native" && !ctx.audit)
    ctx.index.add({ key: "build:compact", sheet: ctx.sheet("index"), range: "" });
  // the Compare sheet's baseline (see baselineOf), so the task pane compares with it again next time
  if (options.compare)
    ctx.index.add({ key: `build:baseline:${options.compare.name}`, sheet: ctx.sheet("index"), range: "" });
  // a workbook table as the data (see dataSourceOf): the table's or sheet's name in the key
  if (options.dataSource)
    ctx.index.add({
      key: `build:data:${options.dataSource.kind}:${options.dataSource.name}`,
      sheet: ctx.sheet("index"),
      range: "",
    });
  for (const e of replacementEntries(options.replacements ?? [], ctx.sheet("index"))) ctx.index.add(e);
  sheets.push(planIndexSheet(ctx, { spec: specLabel, builtAt }));
  return {
    sheets,
    charts: charts.charts,
    names: ctx.names,
    formulas: ctx.formulas,
    areas: ctx.N,
    meta: { builtAt, version, spec: specLabel, dataStatus: dataStatusCounts(spec, ctx.rows.meta) },
    index: ctx.index,
    stateSheet: STATE_SHEET_NAME + ctx.suffix,
  };
}

/** Every block of a plan with its sheet (helper for writers and tests). */
export function eachBlock(
  plan: WorkbookPlan,
  f: (sheet: SheetPlan, block: WorkbookPlan["sheets"][number]["blocks"][number]) => void,
): void {
  for (const s of plan.sheets) for (const b of s.blocks) f(s, b);
}
