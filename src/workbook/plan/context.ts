/**
 * What every sheet planner shares: the spec, the rows, the core's result, the settings written into
 * the Weights sheet, the sheet names (with a copy's suffix), the defined names and the plan index.
 * Planners register each range they place in `index`; later planners find earlier cells only there.
 */
import type { MeasureResult } from "../../core/buildMeasure";
import type { MeasureSettings } from "../../core/settings";
import type { MeasureSpec } from "../../core/spec";
import { syntheticIndicators } from "../../data/openData";
import { sheetRange } from "../a1";
import type { DefinedName, SheetRole } from "../planTypes";
import { type AreaLabels, areaLabels, type AreaTable } from "./areas";
import { PlanIndex } from "./planIndex";

/** First data row of every per-area sheet (row 1: title or status row, row 2: headers). */
export const FIRST_ROW = 3;

/** Sheet base names by role (before a copy's suffix). */
export const SHEET_NAMES: Readonly<Record<SheetRole, string>> = Object.freeze({
  about: "HLN About",
  weights: "HLN Weights",
  measure: "HLN Measure",
  data: "HLN Data",
  indicators: "HLN Indicators",
  normal: "HLN Normal",
  dimensions: "HLN Dimensions",
  score: "HLN Score",
  la: "HLN LA",
  top: "HLN Top",
  qa: "HLN QA",
  sources: "HLN Sources",
  charts: "HLN Charts",
  index: "HLN Index",
  districts: "HLN Districts",
  summary: "HLN Summary",
  dual: "HLN Dual",
  compare: "HLN Compare",
  scenarios: "HLN Scenarios",
  // written by the task pane's Uncertainty card, not by a build (src/workbook/plan/uncertaintySheets.ts)
  uncertainty: "HLN Uncertainty",
  sensitivity: "HLN Sensitivity",
});

/**
 * The hidden sheet where the task pane keeps the build lock and the saved settings (not a plan sheet:
 * the writer owns it; see src/workbook/buildState.ts). A copy's suffix is added like the plan's.
 */
export const STATE_SHEET_NAME = "HLN State";

/** A grouping summarised on a sheet of its own (beyond the districts of HLN LA): a code and name per area. */
export interface SummaryGrouping {
  /** "utla", "region", "msoa", "ward", or a user grouping id. */
  id: string;
  /** "Electoral ward (May 2024, best fit of each LSOA)". */
  label: string;
  codes: string[];
  names: (string | null)[];
}

/** Sheet names of the groupings the bundle offers (a user grouping "x" gets "HLN x"). */
export const SUMMARY_SHEET_NAMES: Readonly<Record<string, string>> = Object.freeze({
  utla: "HLN UTLA",
  region: "HLN Region",
  msoa: "HLN MSOA",
  ward: "HLN Ward",
});

export function summarySheetName(id: string): string {
  return SUMMARY_SHEET_NAMES[id] ?? `HLN ${id}`.slice(0, 31);
}

/** Sheets of the add-in that a build never writes: the task pane's analysis results. */
export const RESULT_SHEET_NAMES: readonly string[] = [SHEET_NAMES.uncertainty, SHEET_NAMES.sensitivity];

/** Every sheet name a build may write (a copy adds its suffix to each). */
export const ALL_SHEET_NAMES: readonly string[] = [
  ...Object.values(SHEET_NAMES).filter((n) => n !== SHEET_NAMES.summary && !RESULT_SHEET_NAMES.includes(n)),
  ...Object.values(SUMMARY_SHEET_NAMES),
  STATE_SHEET_NAME,
];

/**
 * How computed cells are written: "addin" — one HLN.* custom-function call per column (recalculates
 * only with the add-in); "native" — Excel built-in functions only (Excel 365 / 2021), every step's
 * intermediate values in visible cells (docs/workbook.md, "Formula modes").
 */
export type FormulaMode = "addin" | "native";
export const FORMULA_MODES: readonly FormulaMode[] = ["addin", "native"];
/** The one default of the plan (the CLI and the pane pass their own choice explicitly). */
export const DEFAULT_FORMULA_MODE: FormulaMode = "addin";

export function isFormulaMode(x: unknown): x is FormulaMode {
  return typeof x === "string" && (FORMULA_MODES as readonly string[]).includes(x);
}

export interface PlanContext {
  spec: MeasureSpec;
  /** Formula mode of the computed cells. */
  formulas: FormulaMode;
  /** Native mode: write the intermediate audit columns (shrinkage steps, ranks); false = compact. */
  audit: boolean;
  rows: AreaTable;
  result: MeasureResult;
  settings: MeasureSettings;
  /** Indicators with no open data (src/data/openData.ts): used weight 0 unless IncludeSynthetic = 1. */
  noOpenData: readonly string[];
  /** Further groupings summarised on their own sheets (their code columns go at the end of Data). */
  groupings: SummaryGrouping[];
  labels: AreaLabels;
  /** Number of data rows, first and last data row (1-based). */
  N: number;
  R0: number;
  R1: number;
  suffix: string;
  index: PlanIndex;
  names: DefinedName[];
  sheet(role: SheetRole): string;
  /** Defines HLN_<base><suffix> for `ref` and returns the full name. */
  name(base: string, ref: string, comment?: string): string;
  /** Absolute reference of data column `col` (0-based) on a per-area sheet. */
  colRange(sheet: string, col: number): string;
}

/** Turns a sheet suffix into a defined-name suffix (letters, digits, _ only). */
export function nameSuffix(suffix: string): string {
  const s = suffix.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  return s ? `_${s}` : "";
}

export function planContext(
  spec: MeasureSpec,
  rows: AreaTable,
  result: MeasureResult,
  settings: MeasureSettings,
  suffix: string,
  groupings: SummaryGrouping[] = [],
  mode: { formulas?: FormulaMode; audit?: boolean } = {},
): PlanContext {
  const N = rows.n;
  if (result.areaCodes.length !== N) throw new Error(`result has ${result.areaCodes.length} areas, data has ${N}`);
  const ns = nameSuffix(suffix);
  const names: DefinedName[] = [];
  const R0 = FIRST_ROW;
  const R1 = FIRST_ROW + N - 1;
  return {
    spec,
    formulas: mode.formulas ?? DEFAULT_FORMULA_MODE,
    audit: mode.audit ?? true,
    rows,
    result,
    settings,
    noOpenData: syntheticIndicators(spec, rows.meta),
    groupings,
    labels: areaLabels(spec),
    N,
    R0,
    R1,
    suffix,
    index: new PlanIndex(),
    names,
    sheet: (role) => SHEET_NAMES[role] + suffix,
    name(base, ref, comment) {
      const full = `HLN_${base}${ns}`;
      names.push({ name: full, ref, ...(comment ? { comment } : {}) });
      return full;
    },
    colRange: (sheet, col) => sheetRange(sheet, R0, col, R1, col),
  };
}
